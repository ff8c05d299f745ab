import { sql, type Kysely } from 'kysely';
import type { ExportSubject } from '../../api/exports';
import type { Answer, Question } from '../../api/questionnaires';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../../db/fixed-ids';
import type { DatabaseSchema } from '../../../db/schema';
import type { Shield } from '../complaints/shield';
import { notFound } from '../errors';
import { answersOf, questionsOf } from '../questionnaires/answers';
import type { Labels } from './labels';
import type { ListSource } from './lists';
import type { CellValue, TableColumn } from './table-file';

/**
 * A questionnaire's responses as a spreadsheet: one row per response answered in the period, one
 * column per question (headed by its wording in the file's language, its newest), the version it
 * answered, how it was answered, and what the figures cut by (the occasion, the channel, the program,
 * the request type, the day). Never a name, a case, an officer or a time finer than the day: the
 * person who left their name, and the case's own ids, are not even read. Scales, the 0–10 question
 * and numbers are written as numbers, to be summed; yes/no and choices as their labels. The
 * responses on a case the shield withholds from the reader are not in their file.
 */

type Db = Kysely<DatabaseSchema>;
type Subject = Extract<ExportSubject, { kind: 'satisfactionResponses' }>;

interface ResponseRow {
  answers: string;
  answered_on: string;
  version: number;
  mode: string;
  occasion: string;
  channel: string | null;
  program_ar: string | null;
  program_en: string | null;
  type_ar: string | null;
  type_en: string | null;
}

export async function satisfactionResponsesList(db: Db, subject: Subject, shield: Shield, labels: Labels): Promise<ListSource> {
  const questionnaireId = subject.questionnaireId ?? SHIPPED_QUESTIONNAIRE_ID;
  const versions = await db
    .selectFrom('questionnaire_versions')
    .select(['id', 'version', 'questions', 'title_ar', 'title_en'])
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('version', 'desc')
    .execute();
  const newest = versions[0];
  if (newest === undefined) throw notFound('questionnaire');
  const { rows } = await sql<ResponseRow>`
    SELECT r.answers, r.answered_on, v.version, r.mode, o.occasion, o.channel,
      p.name_ar AS program_ar, p.name_en AS program_en, t.name_ar AS type_ar, t.name_en AS type_en
    FROM questionnaire_responses r
      CROSS JOIN questionnaire_offers o ON o.id = r.offer_id
      CROSS JOIN questionnaire_versions v ON v.id = r.version_id
      LEFT JOIN programs p ON p.id = o.program_id
      LEFT JOIN request_types t ON t.id = o.request_type_id
    WHERE r.answered_on >= ${subject.period.from} AND r.answered_on <= ${subject.period.to}
      AND r.version_id IN (${sql.join(versions.map((one) => sql`${one.id}`))})
      -- What was answered on a complaint about the reader is theirs not to read (complaints/shield.ts).
      AND ${shield.excludes('r.offer_id', 'offer')}
    ORDER BY r.answered_on, v.version, r.id`.execute(db);

  // Every question of the versions answered (the newest's when none was), in the newest's order, worded as the newest asks it.
  const answered = new Set(rows.map((row) => row.version));
  const asked = versions.filter((one) => answered.has(one.version));
  const questions = new Map<string, Question>();
  for (const version of asked.length > 0 ? asked : [newest]) for (const question of questionsOf(version.questions)) if (!questions.has(question.key)) questions.set(question.key, question);

  const english = labels.language === 'en';
  const inLanguage = (ar: string | null, en: string | null) => (english ? (en ?? ar) : ar);
  const header = (key: string) => labels.text('exports', `columns.satisfactionResponses.${key}`);
  const fixed: Array<TableColumn & { value: (row: ResponseRow) => CellValue }> = [
    { header: header('answeredOn'), kind: 'date', width: 12, value: (row) => row.answered_on },
    { header: header('version'), kind: 'number', width: 9, value: (row) => row.version },
    { header: header('mode'), kind: 'text', width: 12, value: (row) => labels.code('questionnaires', 'modes', row.mode) },
    { header: header('occasion'), kind: 'text', width: 18, value: (row) => labels.code('questionnaires', 'occasions', row.occasion) },
    { header: header('channel'), kind: 'text', width: 16, value: (row) => labels.code('contacts', 'channel', row.channel) },
    { header: header('program'), kind: 'text', width: 24, value: (row) => inLanguage(row.program_ar, row.program_en) },
    { header: header('requestType'), kind: 'text', width: 20, value: (row) => inLanguage(row.type_ar, row.type_en) },
  ];
  const perQuestion = [...questions.values()].map((question) => ({
    header: inLanguage(question.textAr, question.textEn) ?? question.key,
    kind: (['satisfaction', 'recommend', 'number'].includes(question.kind) ? 'number' : 'text') as TableColumn['kind'],
    width: question.kind === 'text' ? 48 : 14,
    question,
  }));
  const title = labels.text('exports', 'lists.satisfactionResponses', { title: inLanguage(newest.title_ar, newest.title_en) ?? '' });

  let next = 0;
  return {
    title,
    columns: [...fixed, ...perQuestion].map(({ header: name, kind, width }) => ({ header: name, kind, width })),
    period: subject.period,
    notes: [],
    total: rows.length,
    async nextPage(limit) {
      const page = rows.slice(next, next + limit);
      next += page.length;
      return page.map((row) => {
        const answers = answersOf(row.answers);
        return [...fixed.map((column) => column.value(row)), ...perQuestion.map((column) => answerCell(labels, column.question, answers[column.question.key]))];
      });
    },
  };
}

/** An answer as a cell: a number as itself, yes/no and choices as their labels (several joined), text as written. */
function answerCell(labels: Labels, question: Question, answer: Answer | undefined): CellValue {
  if (answer === undefined) return null;
  if (typeof answer === 'number') return answer;
  if (typeof answer === 'boolean') return labels.text('questionnaires', answer ? 'yesNo.yes' : 'yesNo.no');
  const label = (key: string) => {
    const option = question.options.find((one) => one.key === key);
    return option === undefined ? key : labels.language === 'en' ? (option.labelEn ?? option.labelAr) : option.labelAr;
  };
  if (Array.isArray(answer)) return answer.map(label).join(labels.language === 'ar' ? '، ' : ', ');
  return question.kind === 'one_of' ? label(answer) : answer;
}
