import type { z } from 'zod';
import { call, type CallSpec } from '../define';
import type { Permission } from '../permissions';

/**
 * A case workflow, written once as data: its stages, the groups of stages the rest of Wasl asks
 * about (open, final, the stages where the due date runs…), and each move with the stages it starts
 * from, the stage it leads to, who may make it, its input and what it writes. Everything else is
 * derived from it: the move calls (`moveCalls`), the service's guard and refusal, event row, audit
 * entry, stage times and overdue rule (services/workflow/), the moves a screen may offer and the
 * stepper's path (sent with the record), and the queues' stage groups.
 *
 * Adding a workflow (program enrolment, next): write its definition beside requests.ts and
 * complaints.ts with `defineWorkflow`; add its calls with `moveCalls` in its area's api file; give its
 * service a `WorkflowStore` and register one step per move with `workflowMoves(...).register` (see
 * services/workflow/moves.ts); its screens show `allowedMoves` and `path` from the record.
 */

/** What a move writes besides the record, its event and its audit entry. */
export type MoveWrite = 'contact' | 'letter';

export interface MoveDefinition<Stage extends string> {
  readonly from: readonly Stage[];
  readonly to: Stage;
  readonly permission: Permission;
  readonly input: z.ZodType;
  /** The action its event row records. */
  readonly action: string;
  /** The record's columns it sets besides the stage. */
  readonly stamps: readonly string[];
  readonly writes: readonly MoveWrite[];
  /**
   * The message key that refuses it from a stage it does not start from, naming what has to happen
   * first (`otherwise` for the stages not listed). Each key is written out so that the message files
   * can be checked against them.
   */
  readonly refusals: { readonly at?: Partial<Record<Stage, string>>; readonly otherwise: string };
}

/** The groups every workflow names; a workflow may name more. */
export type RequiredGroup = 'open' | 'final' | 'dueRunning';

export interface WorkflowDefinition<Stage extends string = string, Move extends string = string, Group extends string = string> {
  /** The calls' prefix: `requests` gives `requests.startReview`. */
  readonly name: string;
  readonly stages: readonly Stage[];
  readonly initial: Stage;
  /**
   * open: not finished, the holder can still be changed; final: nothing moves it again; dueRunning:
   * its due date still matters, so past it the record is overdue.
   */
  readonly groups: Readonly<Record<RequiredGroup, readonly Stage[]>> & Readonly<Record<Group, readonly Stage[]>>;
  /** The stages a record goes through, as its stepper shows them. */
  readonly path: readonly Stage[];
  /** Stages of the path a record passes only when it takes that detour (a referral). */
  readonly detour: readonly Stage[];
  /** Final stages off the path (withdrawn): the stepper ends there, after the stage it was left from. */
  readonly exits: readonly Stage[];
  readonly moves: Readonly<Record<Move, MoveDefinition<Stage>>>;
  /** The refusal of any move from a final stage. */
  readonly finished: string;
  /**
   * Steps that change no stage (giving the record to another holder, a suggestion's later decision)
   * but are offered beside the moves, from these stages.
   */
  readonly sideSteps: Readonly<Record<string, SideStepDefinition<Stage>>>;
}

export interface SideStepDefinition<Stage extends string> {
  readonly from: readonly Stage[];
  readonly permission: Permission;
}

/** A workflow as `defineWorkflow` keeps it: its moves and side steps with their literal names and schemas. */
export type Workflow<Name extends string, Stage extends string, Group extends string, Moves, SideSteps> = Omit<
  WorkflowDefinition<Stage, keyof Moves & string, Group>,
  'name' | 'moves' | 'sideSteps'
> & {
  readonly name: Name;
  readonly moves: Moves;
  readonly sideSteps: SideSteps;
};

/**
 * Keeps a definition's literal moves (with their input schemas) and checks it against its stages:
 * `defineWorkflow<RequestStage>()({ ... })`.
 */
export function defineWorkflow<Stage extends string>() {
  return <
    const Name extends string,
    const Group extends string,
    const Moves extends Readonly<Record<string, MoveDefinition<Stage>>>,
    const SideSteps extends Readonly<Record<string, SideStepDefinition<Stage>>>,
  >(
    definition: WorkflowDefinition<Stage, keyof Moves & string, Group> & { readonly name: Name; readonly moves: Moves; readonly sideSteps: SideSteps },
  ): Workflow<Name, Stage, Group, Moves, SideSteps> => definition;
}

export type StageOf<W> = W extends { readonly stages: ReadonlyArray<infer Stage extends string> } ? Stage : never;
export type MoveOf<W> = W extends { readonly moves: infer Moves } ? keyof Moves & string : never;
/** What a screen may offer: the moves and the side steps. */
export type OfferOf<W> = W extends { readonly moves: infer Moves; readonly sideSteps: infer SideSteps } ? (keyof Moves & string) | (keyof SideSteps & string) : never;

/** Whether `stage` is one of `stages` (a group, or the stages a move starts from). */
export const inStages = <Stage extends string>(stages: readonly Stage[], stage: Stage): boolean => stages.includes(stage);

/** The moves that start from a stage, in the definition's order. */
export function movesFrom<Stage extends string, Move extends string>(workflow: WorkflowDefinition<Stage, Move>, stage: Stage): Move[] {
  return (Object.keys(workflow.moves) as Move[]).filter((move) => workflow.moves[move].from.includes(stage));
}

/**
 * What a reader holding `may` may do with a record in `stage`: the moves from it, then the side steps
 * from it, in the definition's order.
 */
export function offersAt<Stage extends string, Move extends string, SideStep extends string>(
  workflow: WorkflowDefinition<Stage, Move> & { readonly sideSteps: Readonly<Record<SideStep, SideStepDefinition<Stage>>> },
  stage: Stage,
  may: (permission: Permission) => boolean,
): Array<Move | SideStep> {
  const moves = movesFrom(workflow, stage).filter((move) => may(workflow.moves[move].permission));
  const sideSteps = (Object.keys(workflow.sideSteps) as SideStep[]).filter((name) => {
    const step: SideStepDefinition<Stage> = workflow.sideSteps[name];
    return step.from.includes(stage) && may(step.permission);
  });
  return [...moves, ...sideSteps];
}

/** The stages some sequence of moves leads to from the first one. */
export function reachableStages<Stage extends string>(workflow: WorkflowDefinition<Stage>): Set<Stage> {
  const reached = new Set<Stage>([workflow.initial]);
  const waiting: Stage[] = [workflow.initial];
  for (let stage = waiting.pop(); stage !== undefined; stage = waiting.pop()) {
    for (const move of Object.values<MoveDefinition<Stage>>(workflow.moves)) {
      if (move.from.includes(stage) && !reached.has(move.to)) {
        reached.add(move.to);
        waiting.push(move.to);
      }
    }
  }
  return reached;
}

/**
 * The stepper's stages for a record in `stage`: the path, with the detour when it was taken (or may
 * still be), ending at an exit after the stage the record left from.
 */
export function pathThrough<Stage extends string>(
  workflow: WorkflowDefinition<Stage>,
  record: { stage: Stage; viaDetour: boolean; exitedFrom: Stage | null },
): Stage[] {
  const path = workflow.path.filter((stage) => record.viaDetour || !workflow.detour.includes(stage));
  if (!workflow.exits.includes(record.stage)) return path;
  return [...path.slice(0, path.indexOf(record.exitedFrom ?? workflow.initial) + 1), record.stage];
}

type MoveSpecs<Name extends string, Moves, Output> = {
  [Move in keyof Moves & string as `${Name}.${Move}`]: Moves[Move] extends { input: infer Input extends z.ZodType } ? CallSpec<Input, Output> : never;
};

/** The calls of a workflow's moves, named `<workflow>.<move>`, each with its permission and input schema. */
export function moveCalls<const Name extends string, Moves extends Readonly<Record<string, { permission: Permission; input: z.ZodType }>>>(
  workflow: { name: Name; moves: Moves },
) {
  return {
    returns<Output>(): MoveSpecs<Name, Moves, Output> {
      return Object.fromEntries(
        Object.entries(workflow.moves).map(([move, definition]) => [`${workflow.name}.${move}`, call(definition.permission, definition.input).returns<Output>()]),
      ) as MoveSpecs<Name, Moves, Output>;
    },
  };
}

/** One stay in a stage, from the events; the current stage counts up to now. */
export interface StageTime<Stage extends string = string> {
  stage: Stage;
  enteredAt: string;
  /** Null for the current stage. */
  leftAt: string | null;
  milliseconds: number;
  /** Working days between entering and leaving (or today), on Riyadh dates. */
  workingDays: number;
}
