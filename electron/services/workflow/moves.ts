import type { Kysely } from 'kysely';
import type { MoveDefinition, Refusals, WorkflowDefinition } from '../../api/workflow/engine';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit, type AuditEvent } from '../audit/log';
import type { CallContext } from '../context';
import { AppError } from '../errors';

/**
 * A workflow's moves on the service side. A move's cross-cutting steps are declared once, here, where
 * it is registered: one transaction; the record read and the move refused from a stage it does not
 * start from (naming what has to happen first: nothing is written) or dated before it entered that
 * stage; the move's own step; the record's new stage with the columns the move stamps; its event
 * row; its audit entry; and, once the transaction is done, the record read back as the caller sees it. A workflow's service supplies a
 * `WorkflowStore` (how its table is read and written) and one step per move, which does only what is
 * particular to that move.
 */

type Db = Kysely<DatabaseSchema>;

/** A record a workflow moves. */
export interface WorkflowRecord<Stage extends string> {
  id: string;
  stage: Stage;
  /** When it entered its stage. */
  stage_since: string;
}

/** A stage change, as the event row and the audit entry record it. */
export interface StageChange<Stage extends string> {
  action: string;
  from: Stage;
  to: Stage;
}

/** How one workflow's records are read and written. `Facts` are what its event rows record besides the change. */
export interface WorkflowStore<Stage extends string, Row extends WorkflowRecord<Stage>, Facts, Detail> {
  /** The record, inside the move's transaction; refuses one that does not exist (for this caller). */
  load(trx: Db, id: string, context: CallContext): Promise<Row>;
  /** Checks made once the move is allowed from the record's stage (e.g. the person's data not erased). */
  admit?(trx: Db, row: Row): Promise<void>;
  /** Writes the new stage, when it was entered, and the columns the move stamps. */
  update(trx: Db, row: Row, to: Stage, columns: Partial<Row>, context: CallContext): Promise<void>;
  appendEvent(trx: Db, row: Row, change: StageChange<Stage>, facts: Facts, context: CallContext): Promise<void>;
  /** The audit entry of a move: ids and stages, never what anyone wrote. */
  auditOf(row: Row, change: StageChange<Stage>, facts: Facts, extra: Record<string, unknown>): AuditEvent;
  /** The record as the caller sees it, after the move. */
  read(db: Db, id: string, context: CallContext): Promise<Detail>;
}

/** What a move's own step hands back to the engine. */
export interface StepResult<Row, Facts, Answer> {
  /** The columns it sets besides the stage: only those its definition says it stamps. */
  columns?: Partial<Row>;
  /** What its event row records. */
  facts: Facts;
  /** Facts for the audit summary besides those of the event (never a person's words). */
  audit?: Record<string, unknown>;
  /** Added to the record in the call's answer (the contact and letter a notification wrote). */
  answer?: Answer;
}

export type MoveStep<Row, Input, Facts, Answer, Prepared> = (
  trx: Db,
  row: Row,
  input: Input,
  context: CallContext,
  prepared: Prepared,
) => Promise<StepResult<Row, Facts, Answer>> | StepResult<Row, Facts, Answer>;

/**
 * The refusal of a move (or a side step) from `stage`, or null when it starts from it. From a final
 * stage it is the workflow's own; a side step that names no refusals is refused as finished.
 */
export function refusalOf<Stage extends string>(
  workflow: WorkflowDefinition<Stage>,
  step: { readonly from: readonly Stage[]; readonly refusals?: Refusals<Stage> },
  stage: Stage,
): AppError | null {
  if (step.from.includes(stage)) return null;
  if (workflow.groups.final.includes(stage) || step.refusals === undefined) return new AppError('rule', workflow.finished);
  return new AppError('rule', step.refusals.at?.[stage] ?? step.refusals.otherwise);
}

/**
 * The refusal of a dated move whose input says it happened before the record entered the stage the
 * move starts from (told of a decision before it was made), or null. Instants are compared as the
 * ISO strings they are stored as.
 */
export function datedRefusalOf(move: MoveDefinition<string>, input: object, record: { stage_since: string }): AppError | null {
  if (!move.dated) return null;
  const happenedAt: unknown = (input as Record<string, unknown>)[move.dated.field];
  if (typeof happenedAt !== 'string' || happenedAt >= record.stage_since) return null;
  return new AppError('validation', 'validation.failed', { fields: [{ path: move.dated.field, messageKey: move.dated.refusal }] });
}

export function workflowMoves<Stage extends string, Move extends string, Row extends WorkflowRecord<Stage>, Facts, Detail>(
  db: Db,
  workflow: WorkflowDefinition<Stage, Move>,
  store: WorkflowStore<Stage, Row, Facts, Detail>,
) {
  return {
    /**
     * The handler of one move's call. `prepare` runs before the transaction, for work that must not
     * hold it (checking an uploaded scan); what it gives is handed to the step.
     */
    register<Input extends { id: string }, Answer extends object = object, Prepared = undefined>(
      name: Move,
      step: MoveStep<Row, Input, Facts, Answer, Prepared>,
      prepare?: (input: Input) => Promise<Prepared> | Prepared,
    ): (input: Input, context: CallContext) => Promise<Detail & Answer> {
      const move: MoveDefinition<Stage> = workflow.moves[name];
      return async (input, context) => {
        const prepared = (prepare ? await prepare(input) : undefined) as Prepared;
        const answer = await db.transaction().execute(async (trx) => {
          const row = await store.load(trx, input.id, context);
          const refusal = refusalOf(workflow, move, row.stage);
          if (refusal) throw refusal;
          await store.admit?.(trx, row);
          const tooEarly = datedRefusalOf(move, input, row);
          if (tooEarly) throw tooEarly;
          const result = await step(trx, row, input, context, prepared);
          const columns: Partial<Row> = result.columns ?? {};
          const unstamped = Object.keys(columns).filter((column) => !move.stamps.includes(column));
          // A move that writes a column its definition does not name is a mistake in the code, not the officer's.
          if (unstamped.length > 0) throw new Error(`${workflow.name}.${name} writes ${unstamped.join(', ')}, which its definition does not stamp`);
          const change: StageChange<Stage> = { action: move.action, from: row.stage, to: move.to };
          await store.update(trx, row, move.to, columns, context);
          await store.appendEvent(trx, row, change, result.facts, context);
          await appendAudit(trx, context, store.auditOf(row, change, result.facts, result.audit ?? {}));
          return result.answer;
        });
        return { ...(await store.read(db, input.id, context)), ...answer } as Detail & Answer;
      };
    },
  };
}
