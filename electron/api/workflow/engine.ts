import type { z } from 'zod';
import { call, type CallSpec } from '../define';
import type { Permission } from '../permissions';

/**
 * A case workflow, written once as data: its stages, the groups of stages the rest of Wasl asks
 * about (open, final, the stages where the due date runs…), and each move with the stages it starts
 * from, the stage it leads to, who may make it, its input and what it writes. Everything else is
 * derived from it: the move calls (`moveCalls`), the service's guard and refusal (of a move from the
 * wrong stage, of a side step, of a dated move dated before its stage began), event row, audit
 * entry, stage times and overdue rule (services/workflow/), the moves a screen may offer and the
 * stepper's path (`recordPath`, sent with the record), and the queues' stage groups.
 *
 * Adding a workflow (program enrolment, next): write its definition beside requests.ts,
 * complaints.ts and inquiries.ts with `defineWorkflow`; add its calls with `moveCalls` in its area's
 * api file; give its service a `WorkflowStore` and register one step per move with
 * `workflowMoves(...).register` (see services/workflow/moves.ts), guarding each side step with
 * `refusalOf`; its screens show `allowedMoves` and `path` from the record.
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
  readonly refusals: Refusals<Stage>;
  /**
   * The input field that says when the move happened, when the officer may give an earlier time than
   * now (the contact that told the person). It may not come before the record entered the stage the
   * move starts from, which is refused on that field with this message key.
   */
  readonly dated?: { readonly field: string; readonly refusal: string };
}

/** The message keys that refuse a step from a stage it does not start from: by stage, and for the others. */
export interface Refusals<Stage extends string> {
  readonly at?: Partial<Record<Stage, string>>;
  readonly otherwise: string;
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
  /** Its refusal from a stage it is not offered at; the workflow's `finished` when not given. */
  readonly refusals?: Refusals<Stage>;
}

/**
 * A workflow as `defineWorkflow` keeps it: its moves and side steps with their literal names and
 * schemas, and each group with its own stages as well as the workflow's. A group is then both a list
 * of the group's stages (a record keyed by them, such as a report's counts per open stage, takes them
 * from `GroupStageOf`) and a list any of the workflow's stages may be looked up in (`includes`).
 */
export type Workflow<Name extends string, Stage extends string, Groups, Moves, SideSteps> = Omit<
  WorkflowDefinition<Stage, keyof Moves & string, keyof Groups & string>,
  'name' | 'groups' | 'moves' | 'sideSteps'
> & {
  readonly name: Name;
  readonly groups: { readonly [Group in keyof Groups]: Groups[Group] & readonly Stage[] };
  readonly moves: Moves;
  readonly sideSteps: SideSteps;
};

/**
 * Keeps a definition's literal groups and moves (with their input schemas) and checks it against its
 * stages: `defineWorkflow<RequestStage>()({ ... })`.
 */
export function defineWorkflow<Stage extends string>() {
  return <
    const Name extends string,
    const Groups extends Readonly<Record<RequiredGroup, readonly Stage[]>> & Readonly<Record<string, readonly Stage[]>>,
    const Moves extends Readonly<Record<string, MoveDefinition<Stage>>>,
    const SideSteps extends Readonly<Record<string, SideStepDefinition<Stage>>>,
  >(
    definition: WorkflowDefinition<Stage, keyof Moves & string, keyof Groups & string> & {
      readonly name: Name;
      readonly groups: Groups;
      readonly moves: Moves;
      readonly sideSteps: SideSteps;
    },
  ): Workflow<Name, Stage, Groups, Moves, SideSteps> => definition;
}

/** The stages of one of a workflow's groups: `GroupStageOf<typeof requestWorkflow, 'open'>`. */
export type GroupStageOf<W extends { readonly groups: Readonly<Record<Group, readonly string[]>> }, Group extends string> = W['groups'][Group][number];

export type StageOf<W> = W extends { readonly stages: ReadonlyArray<infer Stage extends string> } ? Stage : never;
export type MoveOf<W> = W extends { readonly moves: infer Moves } ? keyof Moves & string : never;
/** What a screen may offer: the moves and the side steps. */
export type OfferOf<W> = W extends { readonly moves: infer Moves; readonly sideSteps: infer SideSteps } ? (keyof Moves & string) | (keyof SideSteps & string) : never;

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
  return stagesReachableFrom(workflow, workflow.initial);
}

/** The stages some sequence of moves leads to from `from`, itself included. */
export function stagesReachableFrom<Stage extends string>(workflow: WorkflowDefinition<Stage>, from: Stage): Set<Stage> {
  const reached = new Set<Stage>([from]);
  const waiting: Stage[] = [from];
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

/** Whether a record in `stage` may still take the detour: it is not on it yet, and some moves lead onto it. */
export function detourAhead<Stage extends string>(workflow: WorkflowDefinition<Stage>, stage: Stage): boolean {
  if (workflow.detour.includes(stage)) return false;
  const ahead = stagesReachableFrom(workflow, stage);
  return workflow.detour.some((detourStage) => ahead.has(detourStage));
}

/**
 * The stepper's stages for a record, from what it holds: the detour shown when the record took it, or
 * when its kind normally takes it and it still may (`detourExpected`); a record that left through an
 * exit ends after the stage its events say it left from.
 */
export function recordPath<Stage extends string>(
  workflow: WorkflowDefinition<Stage>,
  record: { stage: Stage; detourTaken: boolean; detourExpected: boolean; events: ReadonlyArray<{ fromStage: Stage | null; toStage: Stage }> },
): Stage[] {
  const { stage, events } = record;
  const exitedFrom = events.findLast((event) => event.toStage === stage && event.fromStage !== stage)?.fromStage ?? null;
  const viaDetour = record.detourTaken || (record.detourExpected && detourAhead(workflow, stage));
  return pathThrough(workflow, { stage, viaDetour, exitedFrom });
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
