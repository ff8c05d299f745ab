import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { EligibilityDecision } from '../../api/eligibility';
import type { DatabaseSchema } from '../../../db/schema';
import { toDecision } from '../beneficiaries/mapping';
import { appendAudit } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;

/**
 * Records a decision on the policy's three criteria. Decisions are appended, never rewritten: the
 * newest one is the beneficiary's current eligibility, and the older ones stay as its history.
 */
export async function recordEligibilityDecision(
  db: Db,
  input: ValidInput<'eligibility.record'>,
  context: CallContext,
): Promise<EligibilityDecision> {
  const id = await db.transaction().execute(async (trx) => {
    const beneficiary = await trx
      .selectFrom('beneficiaries')
      .select(['id', 'erased_at'])
      .where('id', '=', input.beneficiaryId)
      .executeTakeFirst();
    if (!beneficiary) throw notFound('beneficiary');
    // A decision's reason is personal data: none is recorded about a person whose data was destroyed.
    if (beneficiary.erased_at !== null) throw new AppError('rule', 'beneficiaries.erased');
    const decisionId = await appendDecision(trx, input, context);
    await appendAudit(trx, context, {
      action: 'eligibility.decided',
      entityType: 'beneficiary',
      entityId: input.beneficiaryId,
      summary: { decisionId, outcome: input.outcome },
      changes: [
        { field: 'inScope', old: null, new: input.inScope },
        { field: 'legalResident', old: null, new: input.legalResident },
        { field: 'receivesServices', old: null, new: input.receivesServices },
        { field: 'reason', old: null, new: input.reason },
      ],
    });
    return decisionId;
  });
  const decisions = await loadDecisions(db, input.beneficiaryId);
  const recorded = decisions.find((decision) => decision.id === id);
  if (!recorded) throw new Error('The decision just recorded cannot be read back');
  return recorded;
}

/** Appends a decision and makes it the beneficiary's current eligibility, inside the caller's transaction. */
export async function appendDecision(
  trx: Db,
  input: ValidInput<'eligibility.record'>,
  context: CallContext,
): Promise<string> {
  const id = newId();
  const decidedAt = context.now.toISOString();
  await trx
    .insertInto('eligibility_decisions')
    .values({
      id,
      beneficiary_id: input.beneficiaryId,
      in_scope: input.inScope ? 1 : 0,
      legal_resident: input.legalResident ? 1 : 0,
      receives_services: input.receivesServices ? 1 : 0,
      outcome: input.outcome,
      reason: input.reason,
      decided_by: context.actorId,
      decided_at: decidedAt,
      ...stamp(context),
    })
    .execute();
  await trx
    .updateTable('beneficiaries')
    // row_version is left alone: a decision does not touch the fields an open edit form holds.
    .set({ eligibility: input.outcome, eligibility_decided_at: decidedAt, ...restamp(context) })
    .where('id', '=', input.beneficiaryId)
    .execute();
  return id;
}

/** A beneficiary's decisions, newest first. */
export async function loadDecisions(db: Db, beneficiaryId: string): Promise<EligibilityDecision[]> {
  const rows = await db
    .selectFrom('eligibility_decisions as d')
    .innerJoin('users as u', 'u.id', 'd.decided_by')
    .selectAll('d')
    .select('u.display_name as decided_by_name')
    .where('d.beneficiary_id', '=', beneficiaryId)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
  return rows.map(toDecision);
}
