import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { Answer, Question } from '../../api/questionnaires';
import { MIN_RESPONSES, type FigureCut, type FigureGroup, type QuestionFigures, type SatisfactionComment, type SatisfactionFigures } from '../../api/satisfaction-figures';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../../db/fixed-ids';
import type { DatabaseSchema } from '../../../db/schema';
import arContacts from '../../../locales/ar/contacts.json';
import enContacts from '../../../locales/en/contacts.json';
import arQuestionnaires from '../../../locales/ar/questionnaires.json';
import enQuestionnaires from '../../../locales/en/questionnaires.json';
import arFigures from '../../../locales/ar/satisfaction-figures.json';
import enFigures from '../../../locales/en/satisfaction-figures.json';
import { shieldFor, type Shield } from '../complaints/shield';
import type { CallContext } from '../context';
import { notFound } from '../errors';
import { answersOf, questionsOf } from '../questionnaires/answers';
import { permissionsOf } from '../workflow/rules';
import { commentOf, headlineOf, questionFigures, type ReadResponse } from './arithmetic';
import { offersIn, responsesIn, type OfferCountRow, type ResponseRow } from './queries';

type Db = Kysely<DatabaseSchema>;

/** The most comments one reading lists: a year's would fill pages; the newest come first. */
export const MAX_COMMENTS = 500;

/**
 * The satisfaction figures as the caller may read them: an officer (satisfaction.collect alone)
 * reads their own cases' whatever they ask for, decided here and not by the screen; a supervisor
 * (satisfaction.office) reads everyone's, or picks one officer.
 */
export async function satisfactionFigures(db: Db, input: ValidInput<'satisfactionFigures.figures'>, context: CallContext): Promise<SatisfactionFigures> {
  const may = await permissionsOf(db, context.actorId);
  const office = may('satisfaction.office');
  const officerId = office ? input.officerId : context.actorId;
  return db.transaction().execute(async (trx) => {
    const figures = await readSatisfaction(
      trx,
      { from: input.from, to: input.to, questionnaireId: input.questionnaireId ?? SHIPPED_QUESTIONNAIRE_ID, officerId, cut: input.cut },
      await shieldFor(trx, context.actorId),
    );
    const officers = office
      ? await trx
          .selectFrom('users')
          .select(['id', 'display_name as displayName'])
          .where('role', '!=', 'system')
          .where('active', '=', 1)
          .orderBy('display_name')
          .execute()
      : [];
    const commentsWithheld = !office && figures.total.responses < MIN_RESPONSES;
    return { ...figures, comments: commentsWithheld ? [] : figures.comments, commentsWithheld, scope: office ? 'office' : 'own', officers };
  });
}

export interface SatisfactionQuery {
  from: string;
  to: string;
  questionnaireId: string;
  officerId: string | null;
  cut: FigureCut | null;
}

interface VersionRead {
  id: string;
  version: number;
  questions: Question[];
  overallKey: string | null;
  recommendKey: string | null;
}

/**
 * One questionnaire's figures for a period, one officer's cases or everyone's, cut or whole. The
 * comments answered on a case the shield withholds from the reader are left out; the figures, which
 * are counts, stay whole (as the report's lists and figures do: reports/records.ts).
 */
export async function readSatisfaction(db: Db, query: SatisfactionQuery, shield: Shield): Promise<Omit<SatisfactionFigures, 'scope' | 'officers' | 'commentsWithheld'>> {
  const questionnaire = await db
    .selectFrom('questionnaire_versions')
    .select(['id', 'version', 'questions', 'title_ar', 'title_en'])
    .where('questionnaire_id', '=', query.questionnaireId)
    .orderBy('version', 'desc')
    .execute();
  const newest = questionnaire[0];
  if (newest === undefined) throw notFound('questionnaire');
  const versions = new Map<string, VersionRead>(
    questionnaire.map((row) => {
      const questions = questionsOf(row.questions);
      return [
        row.id,
        {
          id: row.id,
          version: row.version,
          questions,
          overallKey: questions.find((one) => one.overall)?.key ?? null,
          recommendKey: questions.find((one) => one.kind === 'recommend')?.key ?? null,
        },
      ];
    }),
  );
  const scope = { from: query.from, to: query.to, versionIds: [...versions.keys()], officerId: query.officerId };
  const rows = await responsesIn(db, scope);
  const offers = await offersIn(db, { ...scope, questionnaireId: query.questionnaireId });
  const read = rows.map((row) => {
    const version = versions.get(row.version_id)!;
    return { row, version, response: { answers: answersOf(row.answers), overallKey: version.overallKey, recommendKey: version.recommendKey } satisfies ReadResponse };
  });

  const answeredVersions = [...new Set(read.map((one) => one.version.version))].sort((a, b) => a - b);
  const questions = questionsOver([...versions.values()], answeredVersions, read);
  const comments = commentsOf(read.filter((one) => !shield.hides('offer', one.row.offer_id)));
  const total = headlineOf(
    read.map((one) => one.response),
    sum(offers, (row) => row.offered),
    sum(offers, (row) => row.answered),
  );
  return {
    from: query.from,
    to: query.to,
    questionnaire: { id: query.questionnaireId, titleAr: newest.title_ar, titleEn: newest.title_en },
    versions: answeredVersions,
    officerId: query.officerId,
    total,
    questions,
    cut: query.cut,
    groups: query.cut === null ? [] : await groupsOf(db, query.cut, read, offers),
    comments,
  };
}

const sum = <Row>(rows: readonly Row[], value: (row: Row) => number) => rows.reduce((total, row) => total + value(row), 0);

interface ReadRow {
  row: ResponseRow;
  version: VersionRead;
  response: ReadResponse;
}

/**
 * Every question asked by a version answered in the period (the newest version's when none was), in
 * the newest version's order and with its wording, then any a later version dropped; each with the
 * versions that asked it and the answers given to it. Keys are stable across versions, so a
 * question's answers are read together whatever version they answered.
 */
function questionsOver(all: readonly VersionRead[], answered: readonly number[], read: readonly ReadRow[]): QuestionFigures[] {
  const asked = all.filter((version) => answered.includes(version.version));
  const considered = asked.length > 0 ? asked : all.slice(0, 1);
  const byKey = new Map<string, { question: Question; versions: number[] }>();
  // Newest first: a question's wording is its newest.
  for (const version of considered) {
    for (const question of version.questions) {
      const entry = byKey.get(question.key);
      if (entry === undefined) byKey.set(question.key, { question, versions: [version.version] });
      else entry.versions.push(version.version);
    }
  }
  return [...byKey.values()].map(({ question, versions }) => {
    const answers: Answer[] = [];
    for (const one of read) {
      const answer = one.response.answers[question.key];
      if (answer !== undefined) answers.push(answer);
    }
    return questionFigures(question, versions.sort((a, b) => a - b), answers);
  });
}

/** The free-text answers as written, with their day: newest day first, and within a day by text, so their order tells nothing of the day's cases. */
function commentsOf(read: readonly ReadRow[]): SatisfactionComment[] {
  const comments: SatisfactionComment[] = [];
  for (const one of read) {
    for (const question of one.version.questions) {
      if (question.kind !== 'text') continue;
      const text = commentOf(one.response.answers[question.key]);
      if (text !== null) comments.push({ answeredOn: one.row.answered_on, questionKey: question.key, text });
    }
  }
  comments.sort((a, b) => b.answeredOn.localeCompare(a.answeredOn) || a.text.localeCompare(b.text, 'ar'));
  return comments.slice(0, MAX_COMMENTS);
}

/** The value of the cut a response, and an offer, fall under. */
const RESPONSE_KEY: Record<FigureCut, (row: ResponseRow) => string | null> = {
  channel: (row) => row.channel,
  program: (row) => row.program_id,
  requestType: (row) => row.request_type_id,
  officer: (row) => row.officer_id,
  occasion: (row) => row.occasion,
  mode: (row) => row.mode,
};
const OFFER_KEY: Record<FigureCut, (row: OfferCountRow) => string | null> = {
  channel: (row) => row.channel,
  program: (row) => row.program_id,
  requestType: (row) => row.request_type_id,
  officer: (row) => row.officer_id,
  occasion: (row) => row.occasion,
  // The way it was last offered: a response's own mode may differ (a form printed, then answered by phone).
  mode: (row) => row.mode,
};

/** The headline figures for each value of the cut met in the period, named in both languages, the most answered first. */
async function groupsOf(db: Db, cut: FigureCut, read: readonly ReadRow[], offers: readonly OfferCountRow[]): Promise<FigureGroup[]> {
  const keys = new Set<string | null>([...read.map((one) => RESPONSE_KEY[cut](one.row)), ...offers.map((row) => OFFER_KEY[cut](row))]);
  const names = await namesOf(db, cut, [...keys].filter((key): key is string => key !== null));
  const groups = [...keys].map((key): FigureGroup => {
    const responses = read.filter((one) => RESPONSE_KEY[cut](one.row) === key).map((one) => one.response);
    const made = offers.filter((row) => OFFER_KEY[cut](row) === key);
    const name = key === null ? { ar: arFigures.notRecorded, en: enFigures.notRecorded } : (names.get(key) ?? { ar: key, en: key });
    return { key, labelAr: name.ar, labelEn: name.en, ...headlineOf(responses, sum(made, (row) => row.offered), sum(made, (row) => row.answered)) };
  });
  return groups.sort((a, b) => b.responses - a.responses || (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || a.labelAr.localeCompare(b.labelAr, 'ar'));
}

type Named = Map<string, { ar: string; en: string | null }>;

async function namesOf(db: Db, cut: FigureCut, keys: string[]): Promise<Named> {
  const codes = (ar: Record<string, string>, en: Record<string, string>): Named => new Map(keys.map((key) => [key, { ar: ar[key] ?? key, en: en[key] ?? key }]));
  if (cut === 'channel') return codes(arContacts.channel, enContacts.channel);
  if (cut === 'occasion') return codes(arQuestionnaires.occasions, enQuestionnaires.occasions);
  if (cut === 'mode') return codes(arQuestionnaires.modes, enQuestionnaires.modes);
  if (keys.length === 0) return new Map();
  if (cut === 'officer') {
    const users = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', keys).execute();
    return new Map(users.map((user) => [user.id, { ar: user.display_name, en: user.display_name }]));
  }
  const table = cut === 'program' ? 'programs' : 'request_types';
  const rows = await db.selectFrom(table).select(['id', 'name_ar', 'name_en']).where('id', 'in', keys).execute();
  return new Map(rows.map((row) => [row.id, { ar: row.name_ar, en: row.name_en }]));
}
