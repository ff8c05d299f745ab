import { sql, type Kysely, type Selectable } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { QuestionnaireContent, QuestionnaireSummary, QuestionnaireVersionView, QuestionnaireView } from '../../api/questionnaires';
import type { DatabaseSchema, QuestionnaireTable, QuestionnaireVersionTable } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { questionsOf } from './answers';

type Db = Kysely<DatabaseSchema>;

export function contentOf(row: Selectable<QuestionnaireVersionTable>): QuestionnaireContent {
  return { titleAr: row.title_ar, titleEn: row.title_en, introAr: row.intro_ar, introEn: row.intro_en, questions: questionsOf(row.questions) };
}

async function responsesByVersion(db: Db, questionnaireId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('questionnaire_responses as r')
    .innerJoin('questionnaire_versions as v', 'v.id', 'r.version_id')
    .select(['r.version_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('v.questionnaire_id', '=', questionnaireId)
    .groupBy('r.version_id')
    .execute();
  return new Map(rows.map((row) => [row.version_id, Number(row.count)]));
}

/** The version new offers use: the highest number, and of two desks' same number the later made. */
export async function currentVersion(db: Db, questionnaireId: string): Promise<Selectable<QuestionnaireVersionTable>> {
  const row = await db
    .selectFrom('questionnaire_versions')
    .selectAll()
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('version', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw notFound('questionnaire');
  return row;
}

function versionView(row: Selectable<QuestionnaireVersionTable>, responses: number): QuestionnaireVersionView {
  return { id: row.id, questionnaireId: row.questionnaire_id, version: row.version, content: contentOf(row), createdAt: row.created_at, responses };
}

export async function questionnaireVersion(db: Db, versionId: string): Promise<QuestionnaireVersionView> {
  const row = await db.selectFrom('questionnaire_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
  if (!row) throw notFound('questionnaire');
  const counted = await db
    .selectFrom('questionnaire_responses')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('version_id', '=', versionId)
    .executeTakeFirstOrThrow();
  return versionView(row, Number(counted.count));
}

export async function questionnaireView(db: Db, id: string): Promise<QuestionnaireView> {
  const questionnaire = await db.selectFrom('questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
  if (!questionnaire) throw notFound('questionnaire');
  const versions = await db
    .selectFrom('questionnaire_versions')
    .selectAll()
    .where('questionnaire_id', '=', id)
    .orderBy('version', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const current = versions[0];
  if (!current) throw notFound('questionnaire');
  const responses = await responsesByVersion(db, id);
  const total = [...responses.values()].reduce((sum, count) => sum + count, 0);
  return {
    ...summaryOf(id, questionnaire, current, total),
    current: versionView(current, responses.get(current.id) ?? 0),
    versions: versions.map((row) => ({ id: row.id, version: row.version, createdAt: row.created_at, responses: responses.get(row.id) ?? 0 })),
    editMakesNewVersion: await hasOffers(db, current.id),
    usedKeys: usedKeysOf(versions),
  };
}

function summaryOf(
  id: string,
  questionnaire: Selectable<QuestionnaireTable>,
  current: Selectable<QuestionnaireVersionTable>,
  responses: number,
): QuestionnaireSummary {
  return {
    id,
    titleAr: current.title_ar,
    titleEn: current.title_en,
    status: questionnaire.status,
    shipped: questionnaire.shipped_as !== null,
    doubleEntry: questionnaire.double_entry === 1,
    currentVersion: current.version,
    responses,
    updatedAt: questionnaire.updated_at,
  };
}

/** Whether a version has been offered: answered, or a form of it may be out with its questions printed. */
async function hasOffers(db: Db, versionId: string): Promise<boolean> {
  const offer = await db.selectFrom('questionnaire_offers').select('id').where('version_id', '=', versionId).limit(1).executeTakeFirst();
  return offer !== undefined;
}

function usedKeysOf(versions: ReadonlyArray<Selectable<QuestionnaireVersionTable>>): Record<string, string[]> {
  const used = new Map<string, Set<string>>();
  for (const version of versions) {
    for (const question of questionsOf(version.questions)) {
      const options = used.get(question.key) ?? new Set<string>();
      for (const option of question.options) options.add(option.key);
      used.set(question.key, options);
    }
  }
  return Object.fromEntries([...used].map(([key, options]) => [key, [...options]]));
}

export async function listQuestionnaires(db: Db, input: ValidInput<'questionnaires.list'>): Promise<QuestionnaireSummary[]> {
  let query = db.selectFrom('questionnaires').select('id');
  if (!input.includeRetired) query = query.where('status', '<>', 'retired');
  const rows = await query.execute();
  const views = await Promise.all(rows.map((row) => questionnaireView(db, row.id)));
  const order = { active: 0, draft: 1, retired: 2 } as const;
  return views
    .map(({ current: _current, versions: _versions, editMakesNewVersion: _edit, usedKeys: _keys, ...summary }) => summary)
    .sort((one, other) => order[one.status] - order[other.status] || one.titleAr.localeCompare(other.titleAr, 'ar'));
}

function versionValues(content: QuestionnaireContent) {
  return {
    title_ar: content.titleAr,
    title_en: content.titleEn,
    intro_ar: content.introAr,
    intro_en: content.introEn,
    questions: JSON.stringify(content.questions),
  };
}

/**
 * Creates a questionnaire as a draft, or saves its content: in place while its current version has no
 * answers and no offer waiting on it (a paper form may be out with those questions printed on it),
 * as the next version otherwise.
 */
export async function saveQuestionnaire(db: Db, input: ValidInput<'questionnaires.save'>, context: CallContext): Promise<QuestionnaireView> {
  const id = await db.transaction().execute(async (trx) => {
    if (input.id === null) {
      const questionnaireId = newId();
      await trx.insertInto('questionnaires').values({ id: questionnaireId, shipped_as: null, status: 'draft', double_entry: input.doubleEntry ? 1 : 0, ...stamp(context) }).execute();
      await trx.insertInto('questionnaire_versions').values({ id: newId(), questionnaire_id: questionnaireId, version: 1, ...versionValues(input.content), ...stamp(context) }).execute();
      await appendAudit(trx, context, { action: 'questionnaire.saved', entityType: 'questionnaire', entityId: questionnaireId, summary: { version: 1, questions: input.content.questions.length } });
      return questionnaireId;
    }
    const questionnaire = await trx.selectFrom('questionnaires').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!questionnaire) throw notFound('questionnaire');
    const current = await currentVersion(trx, input.id);
    const used = await hasOffers(trx, current.id);
    // Saved again as it stands (the double entry changed, or nothing did): no version that asks the same.
    const unchanged = JSON.stringify(versionValues(input.content)) === JSON.stringify(versionValues(contentOf(current)));
    let version = current.version;
    const newVersion = used && !unchanged;
    if (newVersion) {
      version = current.version + 1;
      await trx.insertInto('questionnaire_versions').values({ id: newId(), questionnaire_id: input.id, version, ...versionValues(input.content), ...stamp(context) }).execute();
    } else if (!unchanged) {
      await trx
        .updateTable('questionnaire_versions')
        .set({ ...versionValues(input.content), ...restamp(context), row_version: sql`row_version + 1` })
        .where('id', '=', current.id)
        .execute();
    }
    await trx
      .updateTable('questionnaires')
      .set({ double_entry: input.doubleEntry ? 1 : 0, ...restamp(context), row_version: sql`row_version + 1` })
      .where('id', '=', input.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'questionnaire.saved',
      entityType: 'questionnaire',
      entityId: input.id,
      summary: { version, newVersion, questions: input.content.questions.length },
    });
    return input.id;
  });
  return questionnaireView(db, id);
}

export async function setQuestionnaireStatus(db: Db, input: ValidInput<'questionnaires.setStatus'>, context: CallContext): Promise<QuestionnaireView> {
  await db.transaction().execute(async (trx) => {
    const questionnaire = await trx.selectFrom('questionnaires').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!questionnaire) throw notFound('questionnaire');
    if (questionnaire.status === input.status) throw new AppError('rule', `questionnaires.already.${input.status}`);
    await trx
      .updateTable('questionnaires')
      .set({ status: input.status, ...restamp(context), row_version: sql`row_version + 1` })
      .where('id', '=', input.id)
      .execute();
    await appendAudit(trx, context, { action: 'questionnaire.statusChanged', entityType: 'questionnaire', entityId: input.id, summary: { from: questionnaire.status, to: input.status } });
  });
  return questionnaireView(db, input.id);
}
