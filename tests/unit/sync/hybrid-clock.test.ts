// The desks' hybrid logical clock: every time it makes sorts after every time it made or saw, the
// written form sorts as the times do, and a clock too far from the office's is refused.
import { describe, expect, it } from 'vitest';
import { formatHlc, HLC_MAX_COUNTER, parseHlc } from '../../../electron/api/sync/hlc';
import { ClockDriftError, HybridClock } from '../../../electron/services/sync/clock';

const DESK_A = '00000000000000a1';
const DESK_B = '00000000000000b2';
const T0 = Date.parse('2026-12-07T08:30:00.000Z');

function settableWall(start: number) {
  let now = start;
  return { read: () => now, set: (millis: number) => (now = millis) };
}

describe('the hybrid clock', () => {
  it('makes times that always increase, even when the wall clock stands still or steps back', () => {
    const wall = settableWall(T0);
    const clock = new HybridClock(DESK_A, wall.read);
    const times = [clock.next(), clock.next()];
    wall.set(T0 - 60_000);
    times.push(clock.next());
    wall.set(T0 + 1);
    times.push(clock.next());
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(times[0]).toBe('2026-12-07T08:30:00.000Z-0000-00000000000000a1');
    expect(times[1]).toBe('2026-12-07T08:30:00.000Z-0001-00000000000000a1');
    expect(times[3]).toBe('2026-12-07T08:30:00.001Z-0000-00000000000000a1');
  });

  it('orders what it makes after a time seen from a desk whose clock is ahead', () => {
    const wallA = settableWall(T0);
    const a = new HybridClock(DESK_A, wallA.read);
    const b = new HybridClock(DESK_B, () => T0 + 120_000);
    const fromB = b.next();
    a.observe(fromB);
    const afterward = a.next();
    expect(afterward > fromB).toBe(true);
    expect(parseHlc(afterward)).toEqual({ millis: T0 + 120_000, counter: 2, desk: DESK_A });
  });

  it('refuses a time more than five minutes ahead of the desk’s clock, and says by how much', () => {
    const clock = new HybridClock(DESK_A, () => T0);
    const far = formatHlc({ millis: T0 + 10 * 60_000, counter: 0, desk: DESK_B });
    expect(() => clock.observe(far)).toThrow(ClockDriftError);
    try {
      clock.observe(far);
    } catch (error) {
      expect((error as ClockDriftError).driftMs).toBe(10 * 60_000);
    }
    // Nothing was taken in: the next time is the desk's own.
    expect(parseHlc(clock.next())?.millis).toBe(T0);
  });

  it('takes in a time the office received from a desk up to ten minutes ahead, and orders what it makes after it', () => {
    // Each desk within the office's five minutes, one behind and one ahead: eight minutes apart.
    const behind = new HybridClock(DESK_A, () => T0);
    const fromAhead = formatHlc({ millis: T0 + 8 * 60_000, counter: 3, desk: DESK_B });
    expect(() => behind.observe(fromAhead)).toThrow(ClockDriftError);
    behind.observeEvenIfDrifted(fromAhead);
    const afterward = behind.nextEvenIfDrifted();
    expect(afterward > fromAhead).toBe(true);
    expect(parseHlc(afterward)).toEqual({ millis: T0 + 8 * 60_000, counter: 5, desk: DESK_A });
  });

  it('starts again after the latest time it kept, and refuses more than it can count in one millisecond', () => {
    const kept = formatHlc({ millis: T0, counter: HLC_MAX_COUNTER - 1, desk: DESK_A });
    const clock = new HybridClock(DESK_A, () => T0, kept);
    expect(parseHlc(clock.next())?.counter).toBe(HLC_MAX_COUNTER);
    expect(() => clock.next()).toThrow(/one millisecond/);
  });
});

describe('the written time', () => {
  it('reads back what was written, and nothing else', () => {
    const time = { millis: T0, counter: 0xbeef, desk: DESK_B };
    expect(parseHlc(formatHlc(time))).toEqual(time);
    for (const bad of ['', 'now', '2026-12-07T08:30:00.000Z-0000-00000000000000A1', '2026-04-31T08:30:00.000Z-0000-00000000000000a1', '2026-12-07T08:30:00.000Z-00000-00000000000000a1']) {
      expect(parseHlc(bad), bad).toBeNull();
    }
    expect(() => formatHlc({ millis: T0, counter: 0, desk: 'desk-a' })).toThrow(/16 hexadecimal/);
  });

  it('sorts as text in the order of the times', () => {
    const times = [
      { millis: T0, counter: 2, desk: DESK_A },
      { millis: T0 + 1, counter: 0, desk: DESK_A },
      { millis: T0, counter: 10, desk: DESK_A },
      { millis: T0, counter: 2, desk: DESK_B },
      { millis: Date.parse('2027-01-01T00:00:00.000Z'), counter: 0, desk: DESK_A },
    ];
    const byTime = [...times].sort((x, y) => x.millis - y.millis || x.counter - y.counter || x.desk.localeCompare(y.desk));
    expect(times.map(formatHlc).sort()).toEqual(byTime.map(formatHlc));
  });
});
