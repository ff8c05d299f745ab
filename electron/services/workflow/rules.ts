import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import { isRole, roleMay, type Permission } from '../../api/permissions';
import type { StageTime, WorkflowDefinition } from '../../api/workflow/engine';
import type { DatabaseSchema } from '../../../db/schema';
import { workingDaysBetween, type WorkingCalendar } from '../calendar/working-days';

/** What a workflow's definition says about a record: overdue or not, its stage times, what may be done with it. */

type Db = Kysely<DatabaseSchema>;

/** Past its due date (the day after it has begun in Riyadh) while its due date still matters. */
export function isOverdue<Stage extends string>(workflow: WorkflowDefinition<Stage>, stage: Stage, dueDate: string, today: string): boolean {
  return workflow.groups.dueRunning.includes(stage) && today > dueDate;
}

/**
 * The stays in each stage, from the stage changes among the events, oldest first (a reassignment or a
 * later decision changes no stage). The current stage counts up to now; a finished record's last
 * stage is where it ended, not time spent on it, and is left out.
 */
export function stageTimesOf<Stage extends string>(
  workflow: WorkflowDefinition<Stage>,
  events: ReadonlyArray<{ fromStage: Stage | null; toStage: Stage; at: string }>,
  calendar: WorkingCalendar,
  now: Date,
): Array<StageTime<Stage>> {
  const changes = events.filter((event) => event.fromStage !== event.toStage);
  const times: Array<StageTime<Stage>> = [];
  changes.forEach((change, index) => {
    const next = changes[index + 1];
    if (!next && workflow.groups.final.includes(change.toStage)) return;
    const leftAt = next?.at ?? null;
    const end = leftAt === null ? now : new Date(leftAt);
    times.push({
      stage: change.toStage,
      enteredAt: change.at,
      leftAt,
      milliseconds: Math.max(0, end.getTime() - new Date(change.at).getTime()),
      workingDays: workingDaysBetween(calendar, todayInRiyadh(new Date(change.at)), todayInRiyadh(end)),
    });
  });
  return times;
}

/** What the caller's role allows; nothing for an account that is not a working role. */
export async function permissionsOf(db: Db, userId: string): Promise<(permission: Permission) => boolean> {
  const user = await db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  const role = user?.role;
  return (permission) => isRole(role) && roleMay(role, permission);
}

/**
 * The condition of a workflow table's partial indexes of open records, as the migration wrote it:
 * the stage is none of the final ones. SQLite uses a partial index only when a query repeats its
 * condition as written, with literal values (a bound parameter would not do), so this is raw SQL
 * built from the definition; a test compares it with the indexes in the database.
 */
export function notFinalCondition(workflow: WorkflowDefinition, column: string): string {
  return notInStagesCondition(column, workflow.groups.final);
}

/** A stage as an SQL literal. Stages are words of a definition; anything else would be SQL in disguise. */
function stageLiteral(stage: string): string {
  if (!/^[a-z][a-z_]*$/.test(stage)) throw new Error(`a stage is a lowercase word, not ${JSON.stringify(stage)}`);
  return `'${stage}'`;
}

/** `column` is none of `stages`, as literal SQL (`<>` for one stage, as the migrations write it). */
export function notInStagesCondition(column: string, stages: readonly string[]): string {
  const literals = stages.map(stageLiteral);
  return literals.length === 1 ? `${column} <> ${literals[0]}` : `${column} NOT IN (${literals.join(', ')})`;
}

/** `column` is one of `stages`, as literal SQL (`=` for one stage, as the migrations write it). */
export function inStagesCondition(column: string, stages: readonly string[]): string {
  const literals = stages.map(stageLiteral);
  return literals.length === 1 ? `${column} = ${literals[0]}` : `${column} IN (${literals.join(', ')})`;
}

/** `notFinalCondition` as a query's where term. */
export const notFinal = (workflow: WorkflowDefinition, column: string): RawBuilder<SqlBool> => sql<SqlBool>`${sql.raw(notFinalCondition(workflow, column))}`;

/** `inStagesCondition` as a query's term: `column` is one of a workflow's group of stages, written out literally. */
export const inStages = (column: string, stages: readonly string[]): RawBuilder<SqlBool> => sql<SqlBool>`${sql.raw(inStagesCondition(column, stages))}`;

/** `notInStagesCondition` as a query's term. */
export const notInStages = (column: string, stages: readonly string[]): RawBuilder<SqlBool> => sql<SqlBool>`${sql.raw(notInStagesCondition(column, stages))}`;
