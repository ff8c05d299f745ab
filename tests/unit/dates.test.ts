// Dates typed and shown at the desk: Gregorian or Umm al-Qura Hijri, in Latin or Arabic-Indic digits,
// always shown in both calendars with the calendar named.
import { CalendarDate, GregorianCalendar, IslamicUmalquraCalendar, toCalendar } from '@internationalized/date';
import { describe, expect, it } from 'vitest';
import { ageOn, formatDualDate, formatDualInstant, parseTypedDate, parseTypedTime, riyadhInstant, timeInRiyadh, todayInRiyadh } from '../../renderer/lib/dates';

/** The Gregorian ISO date of an Umm al-Qura date, computed independently of the code under test. */
const hijriToIso = (year: number, month: number, day: number) =>
  toCalendar(new CalendarDate(new IslamicUmalquraCalendar(), year, month, day), new GregorianCalendar()).toString();

describe('parseTypedDate: Gregorian', () => {
  it('reads yyyy-mm-dd', () => {
    expect(parseTypedDate('2025-03-01')).toEqual({ iso: '2025-03-01', typedIn: 'gregorian' });
  });

  it('reads yyyy/mm/dd and single-digit months and days', () => {
    expect(parseTypedDate('1990/7/4')).toEqual({ iso: '1990-07-04', typedIn: 'gregorian' });
  });

  it('reads dd/mm/yyyy and dd-mm-yyyy as day first', () => {
    expect(parseTypedDate('04/07/1990')).toEqual({ iso: '1990-07-04', typedIn: 'gregorian' });
    expect(parseTypedDate('4-7-1990')).toEqual({ iso: '1990-07-04', typedIn: 'gregorian' });
    expect(parseTypedDate('31.12.1999')).toEqual({ iso: '1999-12-31', typedIn: 'gregorian' });
  });

  it('reads Arabic-Indic and Persian digits', () => {
    expect(parseTypedDate('٢٠٢٥-٠٣-٠١')).toEqual({ iso: '2025-03-01', typedIn: 'gregorian' });
    expect(parseTypedDate('٠١/٠٣/٢٠٢٥')).toEqual({ iso: '2025-03-01', typedIn: 'gregorian' });
    expect(parseTypedDate('۲۰۲۵/۰۳/۰۱')).toEqual({ iso: '2025-03-01', typedIn: 'gregorian' });
  });

  it('ignores surrounding spaces', () => {
    expect(parseTypedDate('  2025-03-01 ')).toEqual({ iso: '2025-03-01', typedIn: 'gregorian' });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseTypedDate('2024-02-29')).toEqual({ iso: '2024-02-29', typedIn: 'gregorian' });
    expect(parseTypedDate('2025-02-29')).toBeNull();
    expect(parseTypedDate('1900-02-29')).toBeNull();
    expect(parseTypedDate('2000-02-29')).toEqual({ iso: '2000-02-29', typedIn: 'gregorian' });
  });

  it('refuses days that do not exist', () => {
    for (const typed of ['2025-02-30', '2025-04-31', '2025-01-32', '2025-01-00', '31/04/2025']) {
      expect(parseTypedDate(typed), typed).toBeNull();
    }
  });

  it('refuses months that do not exist', () => {
    for (const typed of ['2025-13-01', '2025-00-10', '01/13/2025']) expect(parseTypedDate(typed), typed).toBeNull();
  });
});

describe('parseTypedDate: Umm al-Qura Hijri', () => {
  it('reads 1446/09/01 (1 Ramadan 1446) as 2025-03-01', () => {
    expect(hijriToIso(1446, 9, 1)).toBe('2025-03-01');
    expect(parseTypedDate('1446/09/01')).toEqual({ iso: '2025-03-01', typedIn: 'hijri' });
  });

  it('reads a Hijri date typed day first and in Arabic-Indic digits', () => {
    expect(parseTypedDate('01/09/1446')).toEqual({ iso: '2025-03-01', typedIn: 'hijri' });
    expect(parseTypedDate('١٤٤٦/٠٩/٠١')).toEqual({ iso: '2025-03-01', typedIn: 'hijri' });
    expect(parseTypedDate('٠١-٠٩-١٤٤٦')).toEqual({ iso: '2025-03-01', typedIn: 'hijri' });
  });

  it('converts other Hijri dates as the Umm al-Qura calendar does', () => {
    const samples: Array<[number, number, number]> = [
      [1447, 1, 1],
      [1446, 10, 1],
      [1400, 1, 1],
      [1420, 12, 10],
      [1445, 2, 29],
    ];
    for (const [year, month, day] of samples) {
      const typed = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      expect(parseTypedDate(typed), typed).toEqual({ iso: hijriToIso(year, month, day), typedIn: 'hijri' });
    }
    // Known fixed points of the Umm al-Qura calendar.
    expect(parseTypedDate('1447-01-01')?.iso).toBe('2025-06-26');
    expect(parseTypedDate('1446-10-01')?.iso).toBe('2025-03-30');
  });

  it('refuses a Hijri month 13 and a day past the end of the Hijri month', () => {
    expect(parseTypedDate('1446-13-01')).toBeNull();
    // Ramadan 1446 had 29 days in Umm al-Qura; no Hijri month has 31.
    const calendar = new IslamicUmalquraCalendar();
    expect(calendar.getDaysInMonth(new CalendarDate(calendar, 1446, 9, 1))).toBe(29);
    expect(parseTypedDate('1446-09-30')).toBeNull();
    expect(parseTypedDate('1446-09-29')).toEqual({ iso: hijriToIso(1446, 9, 29), typedIn: 'hijri' });
    expect(parseTypedDate('1446-01-31')).toBeNull();
  });
});

describe('parseTypedDate: what is not a date', () => {
  it('refuses years below the Hijri range and in the gap between Hijri and Gregorian years', () => {
    for (const typed of ['1299-01-01', '0999-01-01', '0000-01-01', '1600-01-01', '1700-06-15', '1799-12-31']) {
      expect(parseTypedDate(typed), typed).toBeNull();
    }
  });

  it('accepts the edges of both ranges', () => {
    expect(parseTypedDate('1300-01-01')?.typedIn).toBe('hijri');
    expect(parseTypedDate('1599-12-01')?.typedIn).toBe('hijri');
    expect(parseTypedDate('1800-01-01')).toEqual({ iso: '1800-01-01', typedIn: 'gregorian' });
  });

  it('refuses text, partial dates, two-digit years and other separators', () => {
    for (const typed of ['', '   ', 'أمس', '2025-03', '25-03-01', '01/03/25', '2025 03 01', '20250301', '2025-03-01T00:00']) {
      expect(parseTypedDate(typed), typed).toBeNull();
    }
  });
});

describe('formatDualDate', () => {
  it('shows a date in Arabic in both calendars, with the Hijri era named and Latin digits', () => {
    const shown = formatDualDate('2025-03-01', 'ar');
    expect(shown.gregorian).toContain('2025');
    expect(shown.gregorian).toContain('مارس');
    expect(shown.gregorian).not.toContain('1446');
    expect(shown.hijri).toContain('1446');
    expect(shown.hijri).toContain('رمضان');
    expect(shown.hijri).toContain('هـ');
    expect(shown.hijri).not.toContain('2025');
  });

  it('shows a date in English in both calendars, with the Hijri era named', () => {
    const shown = formatDualDate('2025-03-01', 'en');
    expect(shown.gregorian).toBe('1 March 2025');
    expect(shown.hijri).toContain('1446');
    expect(shown.hijri).toContain('Ramadan');
    expect(shown.hijri).toContain('AH');
  });

  it('agrees with the Umm al-Qura conversion on the first day of a Hijri year', () => {
    const shown = formatDualDate('2025-06-26', 'en');
    expect(shown.hijri).toContain('1447');
    expect(shown.hijri).toMatch(/^1 Muharram 1447/);
    expect(shown.gregorian).toContain('2025');
  });

  it('shows the same calendar day whatever the time part of the stored value', () => {
    expect(formatDualDate('2025-03-01T23:59:00Z', 'en')).toEqual(formatDualDate('2025-03-01', 'en'));
  });
});

describe('formatDualInstant and todayInRiyadh', () => {
  it('shows an instant in Riyadh time (UTC+3), which may be the next day', () => {
    const shown = formatDualInstant('2025-03-01T22:30:00Z', 'en');
    expect(shown.gregorian).toBe('2 March 2025');
    expect(shown.time).toMatch(/^1:30/);
  });

  it("answers today's date in Riyadh, not in UTC", () => {
    expect(todayInRiyadh(new Date('2025-03-01T20:59:00Z'))).toBe('2025-03-01');
    expect(todayInRiyadh(new Date('2025-03-01T21:00:00Z'))).toBe('2025-03-02');
  });
});

describe('times of day: timeInRiyadh, parseTypedTime, riyadhInstant', () => {
  it("answers the time in Riyadh on the 24-hour clock, midnight as 00", () => {
    expect(timeInRiyadh(new Date('2025-03-01T06:05:00Z'))).toBe('09:05');
    expect(timeInRiyadh(new Date('2025-03-01T21:00:00Z'))).toBe('00:00');
    expect(timeInRiyadh(new Date('2025-03-01T20:59:59Z'))).toBe('23:59');
  });

  it('reads a time typed with a colon, a dot or nothing between, in any digits', () => {
    expect(parseTypedTime('14:30')).toBe('14:30');
    expect(parseTypedTime(' 9:05 ')).toBe('09:05');
    expect(parseTypedTime('14.30')).toBe('14:30');
    expect(parseTypedTime('1430')).toBe('14:30');
    expect(parseTypedTime('٠٩:٤٥')).toBe('09:45');
    expect(parseTypedTime('۲۳:۰۰')).toBe('23:00');
    expect(parseTypedTime('١٤٫٣٠')).toBe('14:30');
  });

  it('answers null for what is not a time', () => {
    for (const typed of ['', '14', '24:00', '12:60', '1:5', 'ظهراً', '12:30:00', '-1:30']) expect(parseTypedTime(typed), typed).toBeNull();
  });

  it('makes the instant of a Riyadh date and time, which may be the day before in UTC', () => {
    expect(riyadhInstant('2025-03-01', '14:30')).toBe('2025-03-01T11:30:00.000Z');
    expect(riyadhInstant('2025-03-01', '01:15')).toBe('2025-02-28T22:15:00.000Z');
  });
});

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday itself', () => {
    expect(ageOn('1990-06-15', '2025-06-14')).toBe(34);
    expect(ageOn('1990-06-15', '2025-06-15')).toBe(35);
    expect(ageOn('1990-06-15', '2025-12-31')).toBe(35);
  });

  it('answers 0 during the first year of life', () => {
    expect(ageOn('2025-01-10', '2025-01-10')).toBe(0);
    expect(ageOn('2024-03-01', '2025-02-28')).toBe(0);
  });

  it('ages someone born on 29 February on 1 March in non-leap years', () => {
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });
});
