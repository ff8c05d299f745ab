// The api the screens use announces every write that succeeded, once for a burst, so that what a
// screen reads can follow a change made anywhere; reads and refused writes announce nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_EFFECTS } from '../../electron/api/call-effects';
import { callNames, type Api } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';
import { announcingWrites } from '../../renderer/api/data-changes';

/** An api whose every call answers at once, ok unless it is named in `refused`. */
function answeringApi(refused: ReadonlySet<string> = new Set()): Api {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of callNames) {
    api[name] = () =>
      Promise.resolve(refused.has(name) ? { ok: false, error: { code: 'validation', messageKey: 'validation.invalid' } } : { ok: true, value: {} });
  }
  return api as unknown as Api;
}

describe('announcing writes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('tells every listener once after a burst of writes that succeeded', async () => {
    const { api, subscribe, writesSoFar } = announcingWrites(answeringApi());
    const heard: string[] = [];
    subscribe((writes) => heard.push(`home after ${writes}`));
    subscribe((writes) => heard.push(`inquiries after ${writes}`));
    expect(writesSoFar()).toBe(0);
    await api['contacts.log']({} as never);
    await api['inquiries.answer']({} as never);
    // A read started now already sees both writes.
    expect(writesSoFar()).toBe(2);
    expect(heard).toEqual([]);
    await vi.runAllTimersAsync();
    expect(heard).toEqual(['home after 2', 'inquiries after 2']);
  });

  it('says nothing after a read, or after a write that was refused', async () => {
    const { api, subscribe, writesSoFar } = announcingWrites(answeringApi(new Set(['requests.decide'])));
    let heard = 0;
    subscribe(() => (heard += 1));
    await api['queues.mine']({});
    await api['search.beneficiaries']({ query: 'الخالدي' } as never);
    await api['requests.decide']({} as never);
    await vi.runAllTimersAsync();
    expect(heard).toBe(0);
    expect(writesSoFar()).toBe(0);
  });

  it('stops telling a listener that left', async () => {
    const { api, subscribe } = announcingWrites(answeringApi());
    let heard = 0;
    const leave = subscribe(() => (heard += 1));
    leave();
    await api['beneficiaries.register']({} as never);
    await vi.runAllTimersAsync();
    expect(heard).toBe(0);
  });

  it('classes every call of the contract', () => {
    expect(Object.keys(CALL_EFFECTS).sort()).toEqual([...callNames].sort());
    // What the screens list after the desk's daily work changes with these.
    for (const name of ['contacts.log', 'inquiries.ask', 'requests.decide', 'letters.register', 'beneficiaries.register'] as const) {
      expect(CALL_EFFECTS[name], name).toBe('writes');
    }
    for (const name of ['queues.mine', 'search.beneficiaries', 'exports.status'] as const) {
      expect(CALL_EFFECTS[name], name).toBe('reads');
    }
    // Reading these records who looked: a refresh would record a look nobody took.
    for (const name of ['beneficiaries.get', 'requests.get', 'letters.scan'] as const) {
      expect(CALL_EFFECTS[name], name).toBe('opens');
    }
  });
});
