// How a program's fee and session times are read as typed at the desk: riyals to whole halalas, never
// rounded; times on the 24-hour clock in any digits.
import { describe, expect, it } from 'vitest';
import { addSessionsInput, timeOfDay } from '../../electron/api/programs';
import { halalasOf } from '../../renderer/features/programs/amounts';

describe('a fee typed in riyals', () => {
  it('is read as whole halalas, in Latin or Arabic-Indic digits, with a point or the Arabic decimal mark', () => {
    expect(halalasOf('150')).toBe(15_000);
    expect(halalasOf('150.5')).toBe(15_050);
    expect(halalasOf('150.05')).toBe(15_005);
    expect(halalasOf('١٥٠٫٥٠')).toBe(15_050);
    expect(halalasOf('1,500')).toBe(150_000);
    expect(halalasOf('١٬٥٠٠٫٢٥')).toBe(150_025);
    expect(halalasOf(' 0 ')).toBe(0);
  });

  it('is refused when it is not an amount, or holds a fraction of a halala', () => {
    for (const typed of ['', 'free', '-5', '1.005', '1e3', '12.', '.5', '99999999', '1,5', '12,50', '1,5000']) expect(halalasOf(typed), typed).toBeNull();
  });
});

describe('a session time', () => {
  it('is HH:MM on the 24-hour clock, one-digit hours padded, any digits', () => {
    expect(timeOfDay.parse('9:30')).toBe('09:30');
    expect(timeOfDay.parse('١٦:٠٠')).toBe('16:00');
    expect(timeOfDay.parse(' 23:59 ')).toBe('23:59');
    for (const typed of ['24:00', '12:60', '1230', '9am', '']) expect(timeOfDay.safeParse(typed).success, typed).toBe(false);
  });

  it('ends after it starts, said once at the end time, and not at all when a time is malformed', () => {
    const input = (startsAt: string, endsAt: string) => ({
      programId: '019ab9a0-0000-7000-8000-000000000001',
      schedule: { kind: 'dates', dates: ['2026-12-08'] },
      startsAt,
      endsAt,
    });
    const messages = (startsAt: string, endsAt: string) => addSessionsInput.safeParse(input(startsAt, endsAt)).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(messages('10:00', '09:00')).toEqual(['endsAt: validation.programs.timeRange']);
    expect(messages('10:00', '10:00')).toEqual(['endsAt: validation.programs.timeRange']);
    expect(messages('25:00', '09:00')).toEqual(['startsAt: validation.programs.time']);
    expect(messages('09:00', '10:00')).toEqual([]);
  });
});
