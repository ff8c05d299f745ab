// The working calendar that service-time targets are counted in: Sunday to Thursday, less holidays.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../../electron/services/calendar/working-days';

const plain: WorkingCalendar = { holidays: new Set() };
// Founding Day, 22 February 2026, fell on a Sunday.
const withFoundingDay: WorkingCalendar = { holidays: new Set(['2026-02-22']) };

describe('the working calendar', () => {
  it('works Sunday to Thursday and rests Friday and Saturday', () => {
    // 2026-11-22 is a Sunday.
    const week = ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'];
    expect(week.map((date) => isWorkingDay(plain, date))).toEqual([true, true, true, true, true, false, false]);
  });

  it('rests on the holidays entered', () => {
    expect(isWorkingDay(plain, '2026-02-22')).toBe(true);
    expect(isWorkingDay(withFoundingDay, '2026-02-22')).toBe(false);
  });

  it('counts a target in working days, skipping the weekend', () => {
    // Received on a Wednesday with a target of 3 working days: Thursday, Sunday, Monday.
    expect(addWorkingDays(plain, '2026-11-25', 3)).toBe('2026-11-30');
    expect(addWorkingDays(plain, '2026-11-25', 1)).toBe('2026-11-26');
    expect(addWorkingDays(plain, '2026-11-25', 0)).toBe('2026-11-25');
  });

  it('starts counting on the next working day for work received on a day off', () => {
    // Received on a Friday: Sunday is the first working day.
    expect(addWorkingDays(plain, '2026-11-27', 1)).toBe('2026-11-29');
  });

  it('skips holidays, and crosses months and years', () => {
    // Thursday 19 February 2026 + 1: Sunday the 22nd is Founding Day, so Monday the 23rd.
    expect(addWorkingDays(withFoundingDay, '2026-02-19', 1)).toBe('2026-02-23');
    expect(addWorkingDays(plain, '2026-12-31', 1)).toBe('2027-01-03');
  });

  it('counts the working days between two dates, and never less than zero', () => {
    expect(workingDaysBetween(plain, '2026-11-25', '2026-11-30')).toBe(3);
    expect(workingDaysBetween(plain, '2026-11-30', '2026-11-25')).toBe(0);
    expect(workingDaysBetween(plain, '2026-11-25', '2026-11-25')).toBe(0);
    for (const days of [1, 5, 10, 30, 365]) {
      expect(workingDaysBetween(withFoundingDay, '2026-01-01', addWorkingDays(withFoundingDay, '2026-01-01', days))).toBe(days);
    }
  });
});
