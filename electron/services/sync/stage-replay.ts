import type Database from 'better-sqlite3-multiple-ciphers';
import { COMPLAINT_STAGES } from '../../api/workflow/complaints';
import { ENROLMENT_STAGES } from '../../api/workflow/enrolments';
import { REQUEST_STAGES } from '../../api/workflow/requests';
import { sqlName } from '../../../db/sync-capture';
import { conflictId, type FoundConflict } from './found-conflicts';
import { prepared, type Row } from './rows';

/**
 * A request's or complaint's stage as the merge of the office's changes gives it (apply.ts): its
 * steps' to say, whatever order a desk received them in.
 */

/** The cases whose stage is their steps' to say, with the table of their steps and the column naming the case. */
export const CASE_STEPS: Record<'requests' | 'complaints' | 'program_enrolments', { steps: string; key: string; stages: readonly string[] }> = {
  requests: { steps: 'request_events', key: 'request_id', stages: REQUEST_STAGES },
  complaints: { steps: 'complaint_events', key: 'complaint_id', stages: COMPLAINT_STAGES },
  program_enrolments: { steps: 'program_enrolment_events', key: 'enrolment_id', stages: ENROLMENT_STAGES },
};
export type CaseTable = keyof typeof CASE_STEPS;

/** The case a change touches the steps or stage of, if any. */
export function caseTouched(entity: string, rowId: string, after: Row | null): [CaseTable, string] | null {
  if (entity in CASE_STEPS) return [entity as CaseTable, rowId];
  for (const [table, { steps, key }] of Object.entries(CASE_STEPS) as Array<[CaseTable, (typeof CASE_STEPS)[CaseTable]]>) {
    if (entity === steps && typeof after?.[key] === 'string') return [table, after[key]];
  }
  return null;
}

/**
 * A request's or complaint's stage, worked out again from its steps in their order, the same on
 * every desk: by the time each step was made on the hybrid clock (a step made after seeing another
 * sorts after it, whatever the desks' wall clocks said when they wrote `at`), then by id. Each step
 * that leaves the stage it found moves the case; a step that was no longer a move where it fell (two
 * desks moved the case at once, and the other step came first) is kept, moves nothing, and becomes a
 * conflict for a supervisor. Written with the capture off, as every desk writes it alike.
 */
export function replaySteps(sqlite: Database.Database, [table, caseId]: [CaseTable, string], found: (conflict: FoundConflict) => void): void {
  const { steps, key } = CASE_STEPS[table];
  const current = prepared(sqlite, `SELECT stage, stage_since FROM ${sqlName(table)} WHERE id = ?`).get(caseId) as { stage: string; stage_since: string } | undefined;
  if (current === undefined) return;
  const events = prepared(sqlite, 
      `SELECT step.id, step.from_stage, step.to_stage, step.at, step.actor_id FROM ${sqlName(steps)} AS step
       LEFT JOIN sync_row_versions AS version ON version.entity = ? AND version.row_id = step.id
       WHERE step.${sqlName(key)} = ? ORDER BY version.born_hlc, step.at, step.id`,
    )
    .all(steps, caseId) as Array<{ id: string; from_stage: string | null; to_stage: string; at: string; actor_id: string }>;
  let stage: string | null = null;
  let since = current.stage_since;
  let lastMove: (typeof events)[number] | null = null;
  const foundIds: string[] = [];
  for (const event of events) {
    const sideStep = event.from_stage === event.to_stage;
    if (sideStep) continue;
    // A step to a stage this version does not know (a newer desk's) moves nothing here.
    if (event.from_stage === stage && CASE_STEPS[table].stages.includes(event.to_stage)) {
      stage = event.to_stage;
      since = event.at;
      lastMove = event;
      continue;
    }
    const version = (id: string) => (prepared(sqlite, 'SELECT born_hlc FROM sync_row_versions WHERE entity = ? AND row_id = ?').pluck().get(steps, id) as string | null | undefined) ?? '';
    const conflict: FoundConflict = {
      kind: 'stage',
      entity: table,
      rowId: caseId,
      field: 'stage',
      personId: (prepared(sqlite, `SELECT beneficiary_id FROM ${sqlName(table)} WHERE id = ?`).pluck().get(caseId) as string | null) ?? null,
      kept: { hlc: lastMove === null ? '' : version(lastMove.id), userId: lastMove?.actor_id ?? event.actor_id, value: stage },
      lost: { hlc: version(event.id), userId: event.actor_id, value: event.to_stage },
    };
    found(conflict);
    foundIds.push(conflictId(conflict));
  }
  // A step found moving nothing before a step that comes before it in the steps' order arrived may
  // move the case now: its conflict is past, as on a desk that received them in their order.
  prepared(
    sqlite,
    `DELETE FROM sync_conflicts WHERE kind = 'stage' AND entity = ? AND row_id = ? AND id NOT IN (SELECT value FROM json_each(?))
       AND id NOT IN (SELECT id FROM conflict_settlements)`,
  ).run(table, caseId, JSON.stringify(foundIds));
  if (stage !== null && (stage !== current.stage || since !== current.stage_since)) {
    prepared(sqlite, `UPDATE ${sqlName(table)} SET stage = ?, stage_since = ? WHERE id = ?`).run(stage, since, caseId);
  }
}
