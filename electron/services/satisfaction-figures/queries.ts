import { sql, type Kysely } from 'kysely';
import type { AnswerMode, Occasion } from '../../api/satisfaction';
import type { DatabaseSchema } from '../../../db/schema';

/**
 * The rows the satisfaction figures are read from. Responses are found by their day through
 * questionnaire_responses_by_day (answered_on, version_id), the questionnaire's versions bound as a
 * list so the index's second column narrows them too; each is then joined to its offer by the
 * primary key for what the figures are cut by (CROSS JOIN keeps that order). Offers are found by
 * their day through questionnaire_offers_by_day and counted in SQL. Neither query reads a
 * `beneficiary_id`: the person a response may name plays no part in any figure.
 */

type Db = Kysely<DatabaseSchema>;

export interface Scope {
  from: string;
  to: string;
  versionIds: readonly string[];
  /** One officer's cases, or every case. */
  officerId: string | null;
}

/** What a response is cut by: its offer's dimensions, and how it was answered. */
export interface ResponseRow {
  offer_id: string;
  answers: string;
  mode: AnswerMode;
  answered_on: string;
  version_id: string;
  occasion: Occasion;
  channel: string | null;
  program_id: string | null;
  request_type_id: string | null;
  officer_id: string | null;
}

export async function responsesIn(db: Db, scope: Scope): Promise<ResponseRow[]> {
  if (scope.versionIds.length === 0) return [];
  const { rows } = await sql<ResponseRow>`
    SELECT r.offer_id, r.answers, r.mode, r.answered_on, r.version_id, o.occasion, o.channel, o.program_id, o.request_type_id, o.officer_id
    FROM questionnaire_responses r CROSS JOIN questionnaire_offers o ON o.id = r.offer_id
    WHERE r.answered_on >= ${scope.from} AND r.answered_on <= ${scope.to}
      AND r.version_id IN (${sql.join(scope.versionIds.map((one) => sql`${one}`))})
      ${scope.officerId === null ? sql`` : sql`AND o.officer_id = ${scope.officerId}`}`.execute(db);
  return rows;
}

/** The offers made in the period, by every dimension at once, and how many of them were answered by its last day. */
export interface OfferCountRow {
  mode: AnswerMode;
  occasion: Occasion;
  channel: string | null;
  program_id: string | null;
  request_type_id: string | null;
  officer_id: string | null;
  offered: number;
  answered: number;
}

export async function offersIn(db: Db, scope: Scope & { questionnaireId: string }): Promise<OfferCountRow[]> {
  const { rows } = await sql<OfferCountRow>`
    SELECT o.mode, o.occasion, o.channel, o.program_id, o.request_type_id, o.officer_id, count(*) AS offered,
      sum(EXISTS (SELECT 1 FROM questionnaire_responses r WHERE r.offer_id = o.id AND r.answered_on <= ${scope.to})) AS answered
    FROM questionnaire_offers o
    WHERE o.offered_on >= ${scope.from} AND o.offered_on <= ${scope.to} AND o.questionnaire_id = ${scope.questionnaireId}
      ${scope.officerId === null ? sql`` : sql`AND o.officer_id = ${scope.officerId}`}
    GROUP BY o.mode, o.occasion, o.channel, o.program_id, o.request_type_id, o.officer_id`.execute(db);
  return rows.map((row) => ({ ...row, offered: Number(row.offered), answered: Number(row.answered ?? 0) }));
}
