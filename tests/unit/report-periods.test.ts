// The report's periods: what a period is compared with, and which periods may be asked for.
import { describe, expect, it } from 'vitest';
import { periodDays, previousPeriod, reportPeriodInput } from '../../electron/api/reports';
import { lastFullWeek, lastWeekChoice, periodOfChoice, thisWeekChoice, weekToDate } from '../../renderer/features/reports/period';

describe('the previous period', () => {
  it('of a Sunday–Thursday week is the Sunday–Thursday week before', () => {
    // 2026-11-22 is a Sunday.
    expect(previousPeriod({ from: '2026-11-22', to: '2026-11-26' })).toEqual({ from: '2026-11-15', to: '2026-11-19' });
    // A whole week from Sunday, the weekend included: the week before.
    expect(previousPeriod({ from: '2026-11-22', to: '2026-11-28' })).toEqual({ from: '2026-11-15', to: '2026-11-21' });
    // Two working weeks: the two before, on the same weekdays.
    expect(previousPeriod({ from: '2026-11-22', to: '2026-12-03' })).toEqual({ from: '2026-11-08', to: '2026-11-19' });
    // Across the new year.
    expect(previousPeriod({ from: '2026-01-04', to: '2026-01-08' })).toEqual({ from: '2025-12-28', to: '2026-01-01' });
  });

  it('of whole months is as many whole months before: a month, a quarter, a year', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-04-01', to: '2026-06-30' })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2025-12-01', to: '2026-11-30' })).toEqual({ from: '2024-12-01', to: '2025-11-30' });
    // A month that starts on a Sunday is still compared as a month (1 March 2026 was a Sunday).
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' }).from).toBe('2026-02-01');
  });

  it('of any other range is as many days just before it', () => {
    // Monday to Wednesday.
    expect(previousPeriod({ from: '2026-11-23', to: '2026-11-25' })).toEqual({ from: '2026-11-20', to: '2026-11-22' });
    // One day, not a Sunday.
    expect(previousPeriod({ from: '2026-11-26', to: '2026-11-26' })).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    // Part of a month.
    expect(previousPeriod({ from: '2026-03-10', to: '2026-03-31' })).toEqual({ from: '2026-02-16', to: '2026-03-09' });
    // An Umm al-Qura month (Ramadan 1447: 18 February to 19 March 2026), thirty days before it.
    const ramadan = { from: '2026-02-18', to: '2026-03-19' };
    expect(periodDays(ramadan)).toBe(30);
    expect(previousPeriod(ramadan)).toEqual({ from: '2026-01-19', to: '2026-02-17' });
  });

  it('is as long as the period, but for whole months and whole weeks', () => {
    for (const period of [
      { from: '2026-11-23', to: '2026-11-25' },
      { from: '2026-03-10', to: '2026-03-31' },
      { from: '2025-06-08', to: '2025-06-12' },
    ]) {
      const previous = previousPeriod(period);
      expect(periodDays(previous)).toBe(periodDays(period));
      expect(previous.to < period.from).toBe(true);
    }
  });
});

describe('a report period as the call accepts it', () => {
  const issues = (input: unknown) => {
    const parsed = reportPeriodInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  };

  it('is two real dates, the end on or after the start, at most five years apart', () => {
    expect(issues({ from: '2026-11-22', to: '2026-11-26' })).toEqual([]);
    expect(issues({ from: '2026-11-22', to: '2026-11-22' })).toEqual([]);
    expect(issues({ from: '2021-01-01', to: '2025-12-31' })).toEqual([]);
    expect(issues({ from: '2020-02-29', to: '2025-02-27' })).toEqual([]);
    expect(issues({ from: '2026-11-26', to: '2026-11-22' })).toEqual([{ path: 'to', message: 'validation.reports.endBeforeStart' }]);
    expect(issues({ from: '2021-01-01', to: '2026-01-01' })).toEqual([{ path: 'to', message: 'validation.reports.tooLong' }]);
    expect(issues({ from: '2020-02-29', to: '2025-02-28' })).toEqual([{ path: 'to', message: 'validation.reports.tooLong' }]);
    expect(issues({ from: '2026-02-30', to: '2026-03-05' })).toEqual([{ path: 'from', message: 'validation.date' }]);
    expect(issues({ from: '1999-12-31', to: '2000-01-01' })).toEqual([{ path: 'from', message: 'validation.reports.dateOutOfRange' }]);
    expect(issues({ from: '2099-12-31', to: '2100-01-01' })).toEqual([{ path: 'to', message: 'validation.reports.dateOutOfRange' }]);
  });

  it('reads Arabic-Indic digits', () => {
    expect(reportPeriodInput.parse({ from: '٢٠٢٦-١١-٢٢', to: '٢٠٢٦-١١-٢٦' })).toEqual({ from: '2026-11-22', to: '2026-11-26' });
  });
});

describe('where the report opens, and the week under way', () => {
  // 2026-11-22 is a Sunday.
  it('opens on this week so far: Sunday to today, compared with the same days of the week before', () => {
    expect(weekToDate('2026-11-22')).toEqual({ from: '2026-11-22', to: '2026-11-22' });
    expect(weekToDate('2026-11-24')).toEqual({ from: '2026-11-22', to: '2026-11-24' });
    expect(weekToDate('2026-11-26')).toEqual({ from: '2026-11-22', to: '2026-11-26' });
    expect(previousPeriod(weekToDate('2026-11-24'))).toEqual({ from: '2026-11-15', to: '2026-11-17' });
    expect(periodOfChoice(thisWeekChoice('2026-11-24'), '2026-11-24')).toEqual({ from: '2026-11-22', to: '2026-11-24' });
  });

  it('on Friday and Saturday, when the week is over, takes it whole: then it is also the last full week', () => {
    for (const today of ['2026-11-27', '2026-11-28']) {
      expect(weekToDate(today)).toEqual({ from: '2026-11-22', to: '2026-11-26' });
      expect(lastFullWeek(today)).toEqual({ from: '2026-11-22', to: '2026-11-26' });
    }
  });

  it('keeps the last full week one step away, whole, on every working day', () => {
    for (const today of ['2026-11-22', '2026-11-23', '2026-11-26']) {
      expect(periodOfChoice(lastWeekChoice(today), today)).toEqual({ from: '2026-11-15', to: '2026-11-19' });
    }
  });

  it('ends the week under way today whichever of its days was picked, and leaves other weeks whole', () => {
    expect(periodOfChoice({ mode: 'week', day: '2026-11-26', from: '', to: '' }, '2026-11-23')).toEqual({ from: '2026-11-22', to: '2026-11-23' });
    expect(periodOfChoice({ mode: 'week', day: '2026-11-16', from: '', to: '' }, '2026-11-23')).toEqual({ from: '2026-11-15', to: '2026-11-19' });
    expect(periodOfChoice({ mode: 'month', day: '2026-11-23', from: '', to: '' }, '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodOfChoice({ mode: 'week', day: '2026-11-2', from: '', to: '' }, '2026-11-23')).toBeNull();
  });
});
