import type { Kysely } from 'kysely';
import { LANGUAGES, type AppInfo, type District, type Language, type Preferences } from '../../api/app';
import type { DatabaseSchema } from '../../../db/schema';
import { currentSchemaVersionOf } from '../../../db/version';
import { restamp, stamp, type CallContext, type ServiceDependencies } from '../context';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;

const LANGUAGE_KEY = 'ui.language';
const DEFAULT_LANGUAGE: Language = 'ar';

export function appInfo(deps: ServiceDependencies): AppInfo {
  return { version: deps.appVersion, dataDirectory: deps.dataDirectory, schemaVersion: currentSchemaVersionOf(deps.sqlite) };
}

/**
 * Preferences live in the database rather than in the browser's storage: the web host's origin
 * changes with its port, and every desk user should find the language they chose.
 */
export async function getPreferences(db: Db): Promise<Preferences> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', LANGUAGE_KEY).executeTakeFirst();
  const stored = row ? (JSON.parse(row.value) as unknown) : null;
  const language = LANGUAGES.find((candidate) => candidate === stored) ?? DEFAULT_LANGUAGE;
  return { language };
}

export async function setLanguage(db: Db, language: Language, context: CallContext): Promise<Preferences> {
  await db
    .insertInto('settings')
    .values({ id: newId(), key: LANGUAGE_KEY, value: JSON.stringify(language), ...stamp(context) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(language), ...restamp(context) }))
    .execute();
  return getPreferences(db);
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
