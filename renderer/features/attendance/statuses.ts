import type { AttendanceStatus } from '../../../electron/api/attendance';

/**
 * The keys that mark a line, by the key's place on the keyboard (`KeyboardEvent.code`), so they are
 * the same keys on the Arabic layout: P present, L late, E excused, U unexcused; or 1 to 4.
 */
export const STATUS_KEYS: Readonly<Record<string, AttendanceStatus>> = {
  KeyP: 'present',
  Digit1: 'present',
  KeyL: 'late',
  Digit2: 'late',
  KeyE: 'excused',
  Digit3: 'excused',
  KeyU: 'unexcused',
  Digit4: 'unexcused',
};

/** The letter shown beside each status: the key that marks it. */
export const STATUS_LETTER: Readonly<Record<AttendanceStatus, string>> = { present: 'P', late: 'L', excused: 'E', unexcused: 'U' };

export const STATUS_COLOR: Readonly<Record<AttendanceStatus, string>> = { present: 'teal', late: 'yellow', excused: 'blue', unexcused: 'red' };
