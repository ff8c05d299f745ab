// The command line of `npm run report`, read without running it: its period (a work week from any of
// its days, the weekend belonging to the week just ended; a calendar month; or a range), the rest of
// its arguments and where its secret comes from; anything else is refused with a sentence saying what
// to type. tests/integration/report-cli.test.ts runs the command itself.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportArgumentsFrom, UsageError, type ReportEnvironment } from '../../electron/tools/report-arguments';
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

describe('the command line of `npm run report`', () => {
  const week = ['--db', 'desk/wasl.db', '--week', '2026-11-24'];
  const scheduled: ReportEnvironment = { password: 'the pass phrase', recoveryKey: 'AAAA-BBBB', hasTerminal: false };

  /** The refusal of a command line, as the command prints it above its usage (exit code 2). */
  function refusalOf(argv: readonly string[], environment: ReportEnvironment = scheduled): string {
    try {
      reportArgumentsFrom(argv, environment);
    } catch (error) {
      if (error instanceof UsageError || error instanceof PeriodError) return error.message;
      throw error;
    }
    return expect.fail(`${argv.join(' ')} was accepted`);
  }

  it('reads what a scheduled job asks for: the period, the file, the language and who opens the data', () => {
    expect(reportArgumentsFrom([...week, '--format', 'csv', '--out', 'week.csv', '--user', 'admin'], scheduled)).toEqual({
      databasePath: resolve('desk/wasl.db'),
      period: { from: '2026-11-22', to: '2026-11-26' },
      format: 'csv',
      out: resolve('week.csv'),
      language: 'ar',
      opener: { kind: 'account', username: 'admin' },
      secret: 'the pass phrase',
    });
    // Without --db, the database in the app's own data folder; the recovery key in place of an account.
    expect(reportArgumentsFrom(['--month', '2026-11', '--format', 'xlsx', '--out', 'month.xlsx', '--recovery-key', '--language', 'en'], scheduled)).toMatchObject({
      databasePath: null,
      period: { from: '2026-11-01', to: '2026-11-30' },
      language: 'en',
      opener: { kind: 'recoveryKey' },
      secret: 'AAAA-BBBB',
    });
    expect(reportArgumentsFrom(['--help'], scheduled)).toBe('help');
  });

  it('leaves a secret not in the environment to be typed at the terminal, and refuses when there is none', () => {
    const typed = { hasTerminal: true };
    expect(reportArgumentsFrom([...week, '--format', 'csv', '--out', 'x.csv', '--user', 'admin'], typed)).toMatchObject({ secret: null });
    // An empty variable is no password.
    expect(refusalOf([...week, '--format', 'csv', '--out', 'x.csv', '--user', 'admin'], { password: '', hasTerminal: false })).toBe(
      'Password for admin is needed (no terminal to type it in)',
    );
    expect(refusalOf([...week, '--format', 'csv', '--out', 'x.csv', '--recovery-key'], { password: 'the pass phrase', hasTerminal: false })).toBe(
      'Recovery key is needed (no terminal to type it in)',
    );
  });

  it('explains a wrong command', () => {
    expect(refusalOf(['--db', 'desk/wasl.db', '--format', 'csv', '--out', 'x.csv', '--user', 'admin'])).toContain('--week DATE');
    expect(refusalOf([...week, '--format', 'docx', '--out', 'x.docx', '--user', 'admin'])).toContain('pdf, xlsx, csv');
    expect(refusalOf(['--db', 'desk/wasl.db', '--week', '24/11/2026', '--format', 'csv', '--out', 'x.csv', '--user', 'admin'])).toContain('YYYY-MM-DD');
    expect(refusalOf([...week, '--format', 'csv', '--user', 'admin'])).toBe('--out FILE is needed');
    expect(refusalOf([...week, '--format', 'csv', '--out', 'x.csv', '--user', 'admin', '--language', 'fr'])).toBe('--language must be ar or en');
    // One way in: an account or the recovery key, never both, never neither.
    expect(refusalOf([...week, '--format', 'csv', '--out', 'x.csv'])).toBe('sign in with --user NAME, or open with --recovery-key');
    expect(refusalOf([...week, '--format', 'csv', '--out', 'x.csv', '--user', 'admin', '--recovery-key'])).toBe(
      'sign in with --user NAME, or open with --recovery-key',
    );
    // A mistyped option or a missing value is named, not run as something else.
    expect(refusalOf([...week, '--format', 'csv', '--out', 'x.csv', '--user', 'admin', '--wek', '2026-11-24'])).toContain("'--wek'");
    expect(refusalOf([...week, '--format', 'csv', '--out', 'x.csv', '--user'])).toContain("'--user");
  });
});
