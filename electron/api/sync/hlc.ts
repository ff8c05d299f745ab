/**
 * A hybrid logical clock time: when an operation was made, as the desk's clock read it (milliseconds
 * since the epoch), a counter that orders operations made within the same millisecond or after a
 * later time was seen from another desk, and the desk that made it. Written as one string that sorts
 * in time order, so that PostgreSQL, SQLite and JavaScript all compare it the same way:
 * `2026-12-07T08:30:00.000Z-0000-<desk id>`.
 */
export interface HlcTime {
  millis: number;
  counter: number;
  /** The desk's id: 16 lowercase hexadecimal digits. */
  desk: string;
}

/** The counter's room (four hexadecimal digits): more operations than this in one millisecond is refused. */
export const HLC_MAX_COUNTER = 0xffff;
/** How far a desk's clock may be from the office's before it must be corrected: five minutes. */
export const HLC_MAX_DRIFT_MS = 5 * 60 * 1000;

const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;
const DESK_PATTERN = /^[0-9a-f]{16}$/;

export function formatHlc(time: HlcTime): string {
  if (!DESK_PATTERN.test(time.desk)) throw new Error(`a desk id is 16 hexadecimal digits, not ${JSON.stringify(time.desk)}`);
  if (!Number.isInteger(time.counter) || time.counter < 0 || time.counter > HLC_MAX_COUNTER) throw new Error(`counter out of range: ${time.counter}`);
  return `${new Date(time.millis).toISOString()}-${time.counter.toString(16).padStart(4, '0')}-${time.desk}`;
}

/** The time a string names, or null when it is not one. */
export function parseHlc(text: string): HlcTime | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  const millis = Date.parse(match[1]!);
  // A date that does not exist (the 31st of April) is read by Date.parse into another one: refused.
  if (Number.isNaN(millis) || new Date(millis).toISOString() !== match[1]) return null;
  return { millis, counter: Number.parseInt(match[2]!, 16), desk: match[3]! };
}
