// The command line's period: a work week from any of its days (the weekend belongs to the week just
// ended), a calendar month, or a range; anything else is refused with a sentence saying what to type.
import { describe, expect, it } from 'vitest';
import { periodFrom, PeriodError } from '../../electron/tools/report-period';

describe('the period of `npm run report`', () => {
  it('takes the Sunday-to-Thursday week a date falls in', () => {
    expect(periodFrom({ week: '2026-11-22' })).toEqual({ from: '2026-11-22', to: '2026-11-26' });
    expect(periodFrom({ week: '2026-11-25' })).toEqual({ from: '2026-11-22', to: '2026-11-26' });
    // Friday and Saturday: the week that has just ended.
    expect(periodFrom({ week: '2026-11-27' })).toEqual({ from: '2026-11-22', to: '2026-11-26' });
    expect(periodFrom({ week: '2026-11-28' })).toEqual({ from: '2026-11-22', to: '2026-11-26' });
    // Across a year's end.
    expect(periodFrom({ week: '2027-01-01' })).toEqual({ from: '2026-12-27', to: '2026-12-31' });
  });

  it('takes a calendar month, February of a leap year included, and a range', () => {
    expect(periodFrom({ month: '2028-02' })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodFrom({ month: '2026-12' })).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodFrom({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('refuses what is not a period', () => {
    expect(() => periodFrom({})).toThrow(PeriodError);
    expect(() => periodFrom({ week: '2026-11-22', month: '2026-11' })).toThrow(/one of/);
    expect(() => periodFrom({ week: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => periodFrom({ week: '22/11/2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => periodFrom({ month: '2026-13' })).toThrow(/YYYY-MM/);
    expect(() => periodFrom({ from: '2026-01-01' })).toThrow(/--to/);
    // A --to beside a week is a mistake, not something to ignore.
    expect(() => periodFrom({ week: '2026-11-22', to: '2026-11-30' })).toThrow(/one of/);
  });
});
