import type { Kysely } from 'kysely';
import { LANGUAGES, type AppInfo, type District, type Language, type Preferences } from '../../api/app';
import type { DatabaseSchema } from '../../../db/schema';
import { currentSchemaVersionOf } from '../../../db/version';
import { restamp, type CallContext, type ServiceDependencies } from '../context';

type Db = Kysely<DatabaseSchema>;

export function appInfo(deps: ServiceDependencies): AppInfo {
  return { version: deps.appVersion, dataDirectory: deps.dataDirectory, schemaVersion: currentSchemaVersionOf(deps.sqlite) };
}

/**
 * Each account keeps its own preferences in the database (not in the browser's storage, whose origin
 * changes with the web host's port): officers sharing a PC each find the language they chose.
 */
export async function getPreferences(db: Db, context: CallContext): Promise<Preferences> {
  const row = await db.selectFrom('users').select('language').where('id', '=', context.actorId).executeTakeFirst();
  return { language: LANGUAGES.find((candidate) => candidate === row?.language) ?? 'ar' };
}

export async function setLanguage(db: Db, language: Language, context: CallContext): Promise<Preferences> {
  await db.updateTable('users').set({ language, ...restamp(context) }).where('id', '=', context.actorId).execute();
  return getPreferences(db, context);
}

export async function listDistricts(db: Db): Promise<District[]> {
  const rows = await db
    .selectFrom('districts')
    .select(['id', 'code', 'name_ar', 'name_en'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute();
  return rows.map((row) => ({ id: row.id, code: row.code, nameAr: row.name_ar, nameEn: row.name_en }));
}
