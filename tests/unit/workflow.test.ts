// The workflow engine against its two definitions: every stage reachable, a move from a wrong stage
// refused with a message the officer can read, the moves a screen may offer derived from the
// definition (and the same as the request and complaint pages offered when they worked them out
// themselves), the stepper's path, and the move calls derived with their permissions and schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complaintsCalls } from '../../electron/api/complaints';
import { inquiriesCalls } from '../../electron/api/inquiries';
import { ROLE_PERMISSIONS, roleMay, type Permission, type Role } from '../../electron/api/permissions';
import { requestsCalls } from '../../electron/api/requests';
import { complaintWorkflow } from '../../electron/api/workflow/complaints';
import {
  detourAhead,
  movesFrom,
  offersAt,
  pathThrough,
  reachableStages,
  recordPath,
  stagesReachableFrom,
  type MoveDefinition,
  type WorkflowDefinition,
} from '../../electron/api/workflow/engine';
import { inquiryWorkflow } from '../../electron/api/workflow/inquiries';
import { requestWorkflow, type RequestStage } from '../../electron/api/workflow/requests';
import { pendingCondition } from '../../electron/services/inquiries/service';
import { datedRefusalOf, refusalOf } from '../../electron/services/workflow/moves';
import { inStagesCondition, notFinalCondition, notInStagesCondition } from '../../electron/services/workflow/rules';

const WORKFLOWS: Array<[string, WorkflowDefinition]> = [
  ['requests', requestWorkflow],
  ['complaints', complaintWorkflow],
  ['inquiries', inquiryWorkflow],
];
const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];
const mayAs = (role: Role) => (permission: Permission) => roleMay(role, permission);

function messageKeys(language: string): Set<string> {
  const errors = JSON.parse(readFileSync(join('locales', language, 'errors.json'), 'utf8')) as Record<string, unknown>;
  const keys = new Set<string>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'string') keys.add(prefix);
    else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, prefix ? `${prefix}.${key}` : key);
  };
  walk(errors, '');
  return keys;
}

describe.each(WORKFLOWS)('the %s workflow', (_name, workflow) => {
  const moves = Object.entries<MoveDefinition<string>>(workflow.moves);

  it('reaches every stage from its first one, and moves nothing out of a final stage', () => {
    expect([...reachableStages(workflow)].toSorted()).toEqual([...workflow.stages].toSorted());
    for (const stage of workflow.groups.final) expect(movesFrom(workflow, stage), stage).toEqual([]);
    for (const [name, move] of moves) for (const stage of move.from) expect(workflow.groups.final, name).not.toContain(stage);
  });

  it('names only its own stages, in its groups, its path and its moves', () => {
    const stages = new Set(workflow.stages);
    const named = [
      workflow.initial,
      ...Object.values(workflow.groups).flat(),
      ...workflow.path,
      ...workflow.detour,
      ...workflow.exits,
      ...moves.flatMap(([, move]) => [...move.from, move.to, ...Object.keys(move.refusals.at ?? {})]),
      ...Object.values(workflow.sideSteps).flatMap((step) => step.from),
    ];
    for (const stage of named) expect(stages, stage).toContain(stage);
    // Open and final split the stages between them.
    expect([...workflow.groups.open, ...workflow.groups.final].toSorted()).toEqual([...workflow.stages].toSorted());
  });

  it('refuses a move from every stage it does not start from, with a message in both languages', () => {
    const arabic = messageKeys('ar');
    const english = messageKeys('en');
    for (const [name, move] of moves) {
      for (const stage of workflow.stages) {
        const refusal = refusalOf(workflow, move, stage);
        if (move.from.includes(stage)) {
          expect(refusal, `${name} from ${stage}`).toBeNull();
          continue;
        }
        expect(refusal?.code, `${name} from ${stage}`).toBe('rule');
        expect(arabic, `${name} from ${stage}`).toContain(refusal?.messageKey);
        expect(english, `${name} from ${stage}`).toContain(refusal?.messageKey);
        if (workflow.groups.final.includes(stage)) expect(refusal?.messageKey).toBe(workflow.finished);
      }
    }
  });

  it('offers each reader the moves from the stage their role allows, then the side steps', () => {
    for (const role of ROLES) {
      for (const stage of workflow.stages) {
        const expected = [
          ...moves.filter(([, move]) => move.from.includes(stage) && roleMay(role, move.permission)).map(([name]) => name),
          ...Object.entries(workflow.sideSteps)
            .filter(([, step]) => step.from.includes(stage) && roleMay(role, step.permission))
            .map(([name]) => name),
        ];
        expect(offersAt(workflow, stage, mayAs(role)), `${role} at ${stage}`).toEqual(expected);
      }
    }
  });
});

describe('the request workflow', () => {
  it('offers at each stage what the request page offered when it worked the steps out itself', () => {
    const supervisor = (stage: RequestStage) => offersAt(requestWorkflow, stage, mayAs('supervisor'));
    const officer = (stage: RequestStage) => offersAt(requestWorkflow, stage, mayAs('officer'));
    expect(Object.fromEntries(requestWorkflow.stages.map((stage) => [stage, supervisor(stage)]))).toEqual({
      received: ['startReview', 'withdraw', 'reassign'],
      under_review: ['refer', 'decide', 'withdraw', 'reassign'],
      referred: ['recordAuthorityAnswer', 'withdraw', 'reassign'],
      authority_answered: ['decide', 'withdraw', 'reassign'],
      decided: ['notify', 'withdraw', 'reassign'],
      notified: ['close', 'withdraw', 'reassign'],
      closed: [],
      withdrawn: [],
    });
    // An officer neither decides nor gives a request to someone else.
    expect(officer('under_review')).toEqual(['refer', 'withdraw']);
    expect(officer('authority_answered')).toEqual(['withdraw']);
  });

  it('derives the move calls with their permissions and input schemas, under their names of before', () => {
    for (const [move, definition] of Object.entries(requestWorkflow.moves)) {
      const spec = requestsCalls[`requests.${move}` as keyof typeof requestsCalls];
      expect(spec, move).toBeDefined();
      expect(spec.access, move).toBe(definition.permission);
      expect(spec.input, move).toBe(definition.input);
    }
    expect(requestsCalls['requests.decide'].access).toBe('requests.decide');
    expect(requestsCalls['requests.reassign'].access).toBe('casework.assign');
  });

  it('shows the referral on the stepper only when it was taken or may still be, and ends a withdrawal where it left', () => {
    const full = ['received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed'];
    expect(pathThrough(requestWorkflow, { stage: 'under_review', viaDetour: true, exitedFrom: null })).toEqual(full);
    expect(pathThrough(requestWorkflow, { stage: 'decided', viaDetour: false, exitedFrom: null })).toEqual(['received', 'under_review', 'decided', 'notified', 'closed']);
    expect(pathThrough(requestWorkflow, { stage: 'withdrawn', viaDetour: true, exitedFrom: 'referred' })).toEqual(['received', 'under_review', 'referred', 'withdrawn']);
    expect(pathThrough(requestWorkflow, { stage: 'withdrawn', viaDetour: false, exitedFrom: null })).toEqual(['received', 'withdrawn']);
  });

  it('writes the open-request condition as the migration wrote its partial indexes', () => {
    const migration = readFileSync(join('db', 'migrations', '0005-casework.ts'), 'utf8');
    expect(migration).toContain(`ON requests (owner_id, stage, due_date) WHERE ${notFinalCondition(requestWorkflow, 'stage')}\``);
    expect(migration).toContain(`ON requests (stage, due_date) WHERE ${notFinalCondition(requestWorkflow, 'stage')}\``);
    expect(migration).toContain(`ON complaints (owner_id, stage, due_date) WHERE ${notFinalCondition(complaintWorkflow, 'stage')}\``);
  });
});

describe('the complaint workflow', () => {
  it('moves strictly in order, one stage at a time, and refuses a skipped step by naming the one before', () => {
    expect(complaintWorkflow.path).toEqual(complaintWorkflow.stages);
    complaintWorkflow.stages.forEach((stage, index) => {
      const next = complaintWorkflow.stages[index + 1];
      expect(movesFrom(complaintWorkflow, stage).map((move) => complaintWorkflow.moves[move].to)).toEqual(next ? [next] : []);
    });
    expect(refusalOf(complaintWorkflow, complaintWorkflow.moves.close, 'investigating')?.messageKey).toBe('complaints.resolveFirst');
    expect(refusalOf(complaintWorkflow, complaintWorkflow.moves.investigate, 'resolved')?.messageKey).toBe('complaints.alreadyDone');
    expect(refusalOf(complaintWorkflow, complaintWorkflow.moves.answer, 'closed')?.messageKey).toBe('complaints.alreadyClosed');
  });

  it('derives the move calls with their permissions and input schemas, under their names of before', () => {
    for (const [move, definition] of Object.entries(complaintWorkflow.moves)) {
      const spec = complaintsCalls[`complaints.${move}` as keyof typeof complaintsCalls];
      expect(spec.access, move).toBe(definition.permission);
      expect(spec.input, move).toBe(definition.input);
    }
    expect(complaintsCalls['complaints.decide'].access).toBe('suggestions.decide');
  });
});

describe('the inquiry workflow', () => {
  it('answers a pending inquiry once: answering an answered one is refused as answered already', () => {
    expect(inquiryWorkflow.path).toEqual(['pending', 'answered']);
    expect(movesFrom(inquiryWorkflow, 'pending')).toEqual(['answer']);
    expect(refusalOf(inquiryWorkflow, inquiryWorkflow.moves.answer, 'pending')).toBeNull();
    expect(refusalOf(inquiryWorkflow, inquiryWorkflow.moves.answer, 'answered')).toMatchObject({ code: 'rule', messageKey: 'inquiries.alreadyAnswered' });
    // Nothing is overdue: an inquiry has no due date.
    expect(inquiryWorkflow.groups.dueRunning).toEqual([]);
    // Whoever logs contacts may answer: the officer at the desk as much as the supervisor.
    for (const role of ROLES) expect(offersAt(inquiryWorkflow, 'pending', mayAs(role)), role).toEqual(roleMay(role, 'contacts.log') ? ['answer'] : []);
  });

  it('derives the answer call with its permission and input schema, under its name of before', () => {
    expect(inquiriesCalls['inquiries.answer'].access).toBe('contacts.log');
    expect(inquiriesCalls['inquiries.answer'].input).toBe(inquiryWorkflow.moves.answer.input);
  });
});

describe('what the engine derives from a definition', () => {
  it('expects the referral only while the request has not passed review, as the request page did', () => {
    const ahead = requestWorkflow.stages.filter((stage) => detourAhead(requestWorkflow, stage));
    expect(ahead).toEqual(['received', 'under_review']);
    // Every stage reaches the final ones; none goes back to the one it left.
    expect([...stagesReachableFrom(requestWorkflow, 'decided')].toSorted()).toEqual(['closed', 'decided', 'notified', 'withdrawn']);
    expect(complaintWorkflow.stages.filter((stage) => detourAhead(complaintWorkflow, stage))).toEqual([]);
  });

  it('draws a record’s stepper from its stage, its detour and its events', () => {
    const full = ['received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed'];
    const short = ['received', 'under_review', 'decided', 'notified', 'closed'];
    const path = (stage: RequestStage, detourTaken: boolean, detourExpected: boolean, events: Array<{ fromStage: RequestStage | null; toStage: RequestStage }> = []) =>
      recordPath(requestWorkflow, { stage, detourTaken, detourExpected, events });
    // A type that needs an authority shows the referral until it can no longer come.
    expect(path('under_review', false, true)).toEqual(full);
    expect(path('decided', false, true)).toEqual(short);
    // One that was referred shows it whatever its type.
    expect(path('decided', true, false)).toEqual(full);
    expect(path('received', false, false)).toEqual(short);
    // A withdrawn request ends after the stage its events say it left from.
    const left = [
      { fromStage: null, toStage: 'received' as const },
      { fromStage: 'received' as const, toStage: 'under_review' as const },
      { fromStage: 'under_review' as const, toStage: 'under_review' as const },
      { fromStage: 'under_review' as const, toStage: 'withdrawn' as const },
    ];
    expect(path('withdrawn', false, true, left)).toEqual(['received', 'under_review', 'withdrawn']);
    expect(recordPath(complaintWorkflow, { stage: 'answered', detourTaken: false, detourExpected: false, events: [] })).toEqual(complaintWorkflow.stages);
  });

  it('refuses a side step from a stage it is not offered at, by its own refusals or as finished', () => {
    const { decide, reassign } = complaintWorkflow.sideSteps;
    expect(complaintWorkflow.stages.map((stage) => refusalOf(complaintWorkflow, decide, stage)?.messageKey ?? null)).toEqual([
      'complaints.acknowledgeFirst',
      'complaints.investigateFirst',
      'complaints.resolveFirst',
      null,
      null,
      null,
    ]);
    // The same as refusing the answer from those stages, which is what the suggestion's decision said before.
    for (const stage of ['received', 'acknowledged', 'investigating'] as const) {
      expect(refusalOf(complaintWorkflow, decide, stage)?.messageKey).toBe(refusalOf(complaintWorkflow, complaintWorkflow.moves.answer, stage)?.messageKey);
    }
    expect(refusalOf(complaintWorkflow, reassign, 'closed')?.messageKey).toBe('complaints.alreadyClosed');
    expect(refusalOf(requestWorkflow, requestWorkflow.sideSteps.reassign, 'withdrawn')?.messageKey).toBe('requests.finished');
    expect(refusalOf(requestWorkflow, requestWorkflow.sideSteps.reassign, 'notified')).toBeNull();
  });

  it('refuses a dated move that says it happened before the record entered its stage, on that field', () => {
    const notify = requestWorkflow.moves.notify;
    const decided = { stage_since: '2026-12-01T09:00:00.000Z' };
    const refusal = datedRefusalOf(notify, { occurredAt: '2026-12-01T08:59:59.000Z' }, decided);
    expect(refusal?.code).toBe('validation');
    expect(refusal?.details?.fields).toEqual([{ path: 'occurredAt', messageKey: 'validation.requests.beforeDecision' }]);
    expect(datedRefusalOf(notify, { occurredAt: '2026-12-01T09:00:00.000Z' }, decided)).toBeNull();
    // Not given: it happens now.
    expect(datedRefusalOf(notify, { occurredAt: null }, decided)).toBeNull();
    // A move that is not dated takes no time from its input.
    expect(datedRefusalOf(requestWorkflow.moves.close, { occurredAt: '2020-01-01T00:00:00.000Z' }, decided)).toBeNull();
    const dated = Object.entries<MoveDefinition<string>>(requestWorkflow.moves).filter(([, move]) => move.dated).map(([name]) => name);
    expect(dated).toEqual(['notify']);
    for (const language of ['ar', 'en']) expect(messageKeys(language)).toContain('validation.requests.beforeDecision');
  });

  it('writes conditions on stages as the migrations write partial indexes: literal, with = or <> for one', () => {
    expect(inStagesCondition('status', ['pending'])).toBe(`status = 'pending'`);
    expect(inStagesCondition('stage', ['closed', 'withdrawn'])).toBe(`stage IN ('closed', 'withdrawn')`);
    expect(notInStagesCondition('stage', ['closed'])).toBe(`stage <> 'closed'`);
    const migration = readFileSync(join('db', 'migrations', '0005-casework.ts'), 'utf8');
    expect(migration).toContain(`ON inquiries (asked_at) WHERE ${pendingCondition('status')}\``);
    expect(migration).toContain(`ON inquiries (owner_id, asked_at) WHERE ${pendingCondition('status')}\``);
  });
});

