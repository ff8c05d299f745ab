// Which refused calls reach the audit log, and how often: pure rules, checked against sequences of
// refusals a loop or a curious person could produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callNames, type CallName } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import { isRecordedRefusal, READING_CALLS, RefusalLimiter, REFUSAL_LIMITS, type RefusalSummary } from '../../electron/services/session/refusals';

const FORBIDDEN: ApiError = { code: 'forbidden', messageKey: 'forbidden' };

describe('which refusals are recorded', () => {
  it('records every forbidden call, and a rule refusing a change, but not a typing mistake or a refused read', () => {
    for (const name of callNames) expect(isRecordedRefusal(name, FORBIDDEN), name).toBe(true);
    expect(isRecordedRefusal('users.update', { code: 'rule', messageKey: 'users.lastAdministrator' })).toBe(true);
    expect(isRecordedRefusal('requests.decide', { code: 'rule', messageKey: 'requests.wrongStage' })).toBe(true);
    expect(isRecordedRefusal('exports.take', { code: 'rule', messageKey: 'exports.notFinished' })).toBe(false);
    for (const code of ['validation', 'not_found', 'duplicate', 'version_conflict', 'locked', 'unauthenticated', 'sign_in_failed'] as const) {
      expect(isRecordedRefusal('users.create', { code, messageKey: 'x' }), code).toBe(false);
    }
  });

  it('records a password typed again wrong (someone guessing at an unattended desk), under that reason only', () => {
    const wrongPassword: ApiError = { code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path: 'password', messageKey: 'validation.password.wrong' }] } };
    const tooShort: ApiError = { code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path: 'newPassword', messageKey: 'validation.password.tooShort' }] } };
    expect(isRecordedRefusal('users.replaceRecoveryKey', wrongPassword)).toBe(true);
    expect(isRecordedRefusal('session.changePassword', wrongPassword)).toBe(true);
    expect(isRecordedRefusal('session.changePassword', tooShort)).toBe(false);
    expect(new RefusalLimiter().refused('a', 'session.changePassword', wrongPassword, new Date())?.reason).toBe('validation.password.wrong');
  });

  it('names only calls of the contract as reading calls, and none that writes by its name', () => {
    for (const name of READING_CALLS) expect(callNames).toContain(name);
    const writingVerbs = /\.(create|update|save|remove|register|log|link|erase|restore|run|configure|set[A-Z].*|open|decide|close|answer|receive|reassign|replace[A-Z].*|reset[A-Z].*)$/;
    for (const name of READING_CALLS) expect(name, name).not.toMatch(writingVerbs);
  });
});

describe('the limiter', () => {
  const actors = ['officer-1', 'officer-2'];
  const calls: CallName[] = ['users.create', 'users.resetPassword', 'beneficiaries.erase', 'backups.restore', 'audit.list'];
  const refusal = fc.record({
    actor: fc.constantFrom(...actors),
    call: fc.constantFrom(...calls),
    /** Milliseconds since the refusal before. */
    after: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 55_000, max: 130_000 })),
  });

  it('accounts for every refusal exactly once, at most once a minute per person and call, at most 10 a minute per person', () => {
    fc.assert(
      fc.property(fc.array(refusal, { maxLength: 400 }), (sequence) => {
        const limiter = new RefusalLimiter();
        const written: Array<{ actor: string; at: number; summary: RefusalSummary }> = [];
        let at = Date.UTC(2026, 10, 1);
        for (const { actor, call, after } of sequence) {
          at += after;
          const summary = limiter.refused(actor, call, FORBIDDEN, new Date(at));
          if (summary) written.push({ actor, at, summary });
        }
        for (const actor of actors) {
          const mine = written.filter((entry) => entry.actor === actor);
          // Per person: never more than the limit within any minute.
          for (const entry of mine) {
            expect(mine.filter((other) => other.at <= entry.at && entry.at - other.at < REFUSAL_LIMITS.perCallMs).length).toBeLessThanOrEqual(REFUSAL_LIMITS.perPerson);
          }
          // Per person and call: a minute at least between two entries.
          for (const call of calls) {
            const times = mine.filter((entry) => entry.summary.call === call).map((entry) => entry.at);
            for (let index = 1; index < times.length; index += 1) expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(REFUSAL_LIMITS.perCallMs);
          }
        }
        const released = limiter.release();
        const total = [...written.map((entry) => entry.summary), ...released.map((entry) => entry.summary)].reduce((sum, summary) => sum + summary.count, 0);
        expect(total).toBe(sequence.length);
        // Nothing is kept once released.
        expect(limiter.release()).toEqual([]);
      }),
      { seed: 20_261_106, numRuns: 200 },
    );
  });

  it('writes the first refusal of every call at once, however many other calls were refused just before', () => {
    // Ten harmless refusals use up the person's entries for the minute; the one that matters comes
    // next. Held back, it would be written only when the session ends, and a desk killed before
    // then would leave no trace of it.
    const limiter = new RefusalLimiter();
    const now = new Date(Date.UTC(2026, 10, 1));
    const harmless = callNames.filter((name) => name !== 'beneficiaries.erase').slice(0, REFUSAL_LIMITS.perPerson + 5);
    for (const name of harmless) limiter.refused('officer', name, FORBIDDEN, now);
    expect(limiter.refused('officer', 'beneficiaries.erase', FORBIDDEN, now)).toEqual({ call: 'beneficiaries.erase', code: 'forbidden', reason: 'forbidden', count: 1 });
    // Again within the minute, it is counted and held back, like any repeat.
    expect(limiter.refused('officer', 'beneficiaries.erase', FORBIDDEN, now)).toBeNull();
  });

  it("releases one person's held-back refusals without touching another's", () => {
    const limiter = new RefusalLimiter();
    const now = new Date(Date.UTC(2026, 10, 1));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      limiter.refused('a', 'users.create', FORBIDDEN, now);
      limiter.refused('b', 'users.create', FORBIDDEN, now);
    }
    expect(limiter.release('a')).toEqual([{ actorId: 'a', summary: { call: 'users.create', code: 'forbidden', reason: 'forbidden', count: 2, since: now.toISOString() } }]);
    expect(limiter.release('b').map((entry) => entry.summary.count)).toEqual([2]);
  });
});
