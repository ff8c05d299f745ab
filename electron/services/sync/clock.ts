import { formatHlc, HLC_MAX_COUNTER, HLC_MAX_DRIFT_MS, parseHlc, type HlcTime } from '../../api/sync/hlc';

/** The desk's clock is too far from another desk's (or the office's) for their operations to be ordered sensibly. */
export class ClockDriftError extends Error {
  constructor(
    /** How far ahead (positive) or behind (negative) the other time is from this desk's clock, in milliseconds. */
    readonly driftMs: number,
  ) {
    super(`the clocks differ by ${Math.round(driftMs / 1000)} s, more than ${HLC_MAX_DRIFT_MS / 1000} s`);
    this.name = 'ClockDriftError';
  }
}

/**
 * A desk's hybrid logical clock (the algorithm of Kulkarni et al., as Actual Budget's crdt package
 * uses it). Each operation the desk makes takes a time from `next()`, always later than every time
 * the desk has made or seen; `observe()` is told each time received from the office, so that what
 * this desk does next sorts after it even when this desk's wall clock is behind. A time more than
 * five minutes from the wall clock is refused: the desk's clock must be corrected first.
 */
export class HybridClock {
  private last: { millis: number; counter: number };

  constructor(
    readonly desk: string,
    private readonly wallClock: () => number = Date.now,
    /** The latest time this desk made or saw, when it starts again (kept with its database). */
    latest: string | null = null,
  ) {
    const known = latest === null ? null : parseHlc(latest);
    this.last = known ? { millis: known.millis, counter: known.counter } : { millis: 0, counter: 0 };
  }

  /** The time of a new operation made here. */
  next(): string {
    const wall = this.wallClock();
    const millis = Math.max(this.last.millis, wall);
    const counter = millis === this.last.millis ? this.last.counter + 1 : 0;
    this.check(millis, counter, wall);
    this.last = { millis, counter };
    return formatHlc({ millis, counter, desk: this.desk });
  }

  /**
   * The time of a change saved at this desk while its clock is known to be off: a save must never be
   * refused for it. It still sorts after every time made or seen here; the clock's problem is told
   * by the sync, which waits for it to be corrected before sending anything.
   */
  nextEvenIfDrifted(): string {
    const wall = this.wallClock();
    let millis = Math.max(this.last.millis, wall);
    let counter = millis === this.last.millis ? this.last.counter + 1 : 0;
    if (counter > HLC_MAX_COUNTER) {
      millis += 1;
      counter = 0;
    }
    this.last = { millis, counter };
    return formatHlc({ millis, counter, desk: this.desk });
  }

  /** Takes in a time made elsewhere: the next time made here sorts after it. */
  observe(text: string): void {
    this.takeIn(text, true);
  }

  /**
   * Takes in a time received from the office, which checked it against its own clock: never refused.
   * Two desks each within five minutes of the office may be ten minutes apart, and what this desk
   * does after receiving a change must still sort after it, or its edits would lose to what they replaced.
   */
  observeEvenIfDrifted(text: string): void {
    this.takeIn(text, false);
  }

  private takeIn(text: string, checked: boolean): void {
    const seen = parseHlc(text);
    if (!seen) throw new Error(`not an HLC time: ${JSON.stringify(text)}`);
    const wall = this.wallClock();
    const millis = Math.max(this.last.millis, seen.millis, wall);
    const counter =
      millis === this.last.millis && millis === seen.millis
        ? Math.max(this.last.counter, seen.counter) + 1
        : millis === this.last.millis
          ? this.last.counter + 1
          : millis === seen.millis
            ? seen.counter + 1
            : 0;
    if (checked) this.check(millis, counter, wall);
    else if (counter > HLC_MAX_COUNTER) throw new Error('more operations in one millisecond than the clock can order');
    this.last = { millis, counter };
  }

  /** The latest time made or seen here, to be kept for the next start. */
  latest(): HlcTime {
    return { ...this.last, desk: this.desk };
  }

  private check(millis: number, counter: number, wall: number): void {
    if (millis - wall > HLC_MAX_DRIFT_MS) throw new ClockDriftError(millis - wall);
    if (counter > HLC_MAX_COUNTER) throw new Error('more operations in one millisecond than the clock can order');
  }
}
