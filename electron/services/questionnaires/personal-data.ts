import type { Kysely } from 'kysely';
import type { Answer, Answers, Question } from '../../api/questionnaires';
import type { AnswerMode } from '../../api/satisfaction';
import type { DatabaseSchema, QuestionnaireResponseTable } from '../../../db/schema';
import labels from '../../../locales/ar/questionnaires.json';
import { restamp, type CallContext } from '../context';
import { erasedValues, QUESTIONNAIRE_RESPONSE_COLUMNS } from '../personal-data/tables';
import { html, type Html } from '../printing/html';
import { answersOf, questionsOf } from './answers';

type Db = Kysely<DatabaseSchema>;

/**
 * What the subject-access document shows of a person's questionnaires: only the responses they chose
 * to leave their name with. An anonymous response is nobody's, even when it answered an offer made on
 * one of their cases: showing it here would name its author after all.
 */
export interface PersonResponses {
  responses: Array<{
    title: string;
    version: number;
    answeredOn: string;
    mode: AnswerMode;
    /** Every question of the version answered, in its order, with the answer as the form read it. */
    answers: Array<{ question: string; answer: string }>;
  }>;
}

/** The labels of the document's lines for the person's own columns. */
export const RESPONSE_DOCUMENT_LINES = {
  answers: labels.document.answers,
} as const;

export async function responsesOfPerson(db: Db, beneficiaryId: string): Promise<PersonResponses> {
  const rows = await db
    .selectFrom('questionnaire_responses as r')
    .innerJoin('questionnaire_versions as v', 'v.id', 'r.version_id')
    .select(['v.title_ar', 'v.version', 'v.questions', 'r.answers', 'r.answered_on', 'r.mode'])
    .where('r.beneficiary_id', '=', beneficiaryId)
    .orderBy('r.answered_at', 'desc')
    .execute();
  return {
    responses: rows.map((row) => ({
      title: row.title_ar,
      version: row.version,
      answeredOn: row.answered_on,
      mode: row.mode,
      answers: answerLines(questionsOf(row.questions), answersOf(row.answers)),
    })),
  };
}

function answerLines(questions: readonly Question[], answers: Answers): Array<{ question: string; answer: string }> {
  return questions
    .filter((question) => question.key in answers)
    .map((question) => ({ question: question.textAr, answer: answerLabel(question, answers[question.key]!) }));
}

/** An answer in the words the person chose it by: the scale's label beside its number, an option's label. */
export function answerLabel(question: Question, answer: Answer): string {
  const optionLabel = (key: string) => question.options.find((option) => option.key === key)?.labelAr ?? key;
  switch (question.kind) {
    case 'satisfaction':
      return `${String(answer)} — ${(labels.scale as Record<string, string>)[String(answer)] ?? ''}`;
    case 'yes_no':
      return answer === true ? labels.yesNo.yes : labels.yesNo.no;
    case 'one_of':
      return optionLabel(String(answer));
    case 'many_of':
      return (Array.isArray(answer) ? answer : [String(answer)]).map(optionLabel).join('، ');
    default:
      return String(answer);
  }
}

/** The document's section: each named response, its questionnaire, day and way, and its answers. */
export function responsesSection(data: PersonResponses, none: string, formatDate: (date: string) => Html | string): Html {
  const words = labels.document;
  if (data.responses.length === 0) return html`<p class="none">${none}</p>`;
  return html`${data.responses.map(
    (response) => html`<table class="grid">
      <thead><tr><th>${words.questionnaire}</th><th>${words.answeredOn}</th><th>${words.mode}</th></tr></thead>
      <tbody><tr><td>${response.title} (${labels.version.replace('{{version}}', String(response.version))})</td><td>${formatDate(response.answeredOn)}</td><td>${labels.modes[response.mode]}</td></tr></tbody>
    </table>
    <table class="grid">
      <thead><tr><th>${words.question}</th><th>${RESPONSE_DOCUMENT_LINES.answers}</th></tr></thead>
      <tbody>${response.answers.map((line) => html`<tr><td>${line.question}</td><td>${line.answer}</td></tr>`)}</tbody>
    </table>`,
  )}`;
}

/**
 * The responses the person left their name with become anonymous, inside the erasure's transaction:
 * the answers stay, counted in the figures as every anonymous response's are, and the offers stay
 * whole for the response rate (QUESTIONNAIRE_RESPONSE_COLUMNS, QUESTIONNAIRE_OFFER_COLUMNS).
 * Answers how many responses lost the name, for the erasure's record.
 */
export async function eraseResponsesOf(trx: Db, beneficiaryId: string, context: CallContext): Promise<number> {
  const named = await trx
    .updateTable('questionnaire_responses')
    .set({ ...erasedValues<QuestionnaireResponseTable>(QUESTIONNAIRE_RESPONSE_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirst();
  return Number(named.numUpdatedRows);
}
