// `npm run report` as an administrator schedules it: the command signs in with an account (the
// password from the environment) or opens the data with the recovery key, writes the week's report
// whole, records the export in the audit log, and refuses a wrong password with a message and no file.
// A wrong command line is refused before anything is opened: tests/unit/report-period-cli.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, auditEntries, openTestHost, openTestWaslWithStaff, signInAs, type StaffAccount, type StaffedTestWasl } from '../support/database';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function report(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/tools/report.ts', ...args], {
      env: { ...process.env, WASL_PASSWORD: '', WASL_RECOVERY_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run report', () => {
  let app: StaffedTestWasl<'officer'>;
  let officer: StaffAccount;
  let recoveryKey: string;

  beforeAll(async () => {
    app = await openTestWaslWithStaff({ officer: 'officer' });
    recoveryKey = app.recoveryKey;
    officer = app.accounts.officer;
    await app.close();
  });

  afterAll(async () => {
    await app.cleanup();
  });

  const out = (name: string) => join(app.dir, name);
  const week = ['--db', '', '--week', '2026-11-24'];
  const args = (...more: string[]) => [...week.map((value) => (value === '' ? app.databasePath : value)), ...more];
  const leftovers = () => readdirSync(app.dir).filter((name) => name.includes('.partial'));

  it('writes the week’s report as CSV, signed in with the administrator’s password', async () => {
    const run = await report(args('--format', 'csv', '--out', out('week.csv'), '--user', ADMIN.username), { WASL_PASSWORD: ADMIN.password });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2026-11-22 to 2026-11-26');
    const text = readFileSync(out('week.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // One line per figure under the header: the first names the section, the figure and both periods.
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('القسم,البند,التفصيل,هذه الفترة,الفترة السابقة,التغير');
    expect(lines.length).toBeGreaterThan(60);
    expect(leftovers()).toEqual([]);
    // The report names people and figures: readable by the user who ran it alone.
    expect(statSync(out('week.csv')).mode & 0o777).toBe(0o600);
  });

  it('writes it as Excel with the recovery key, as the system account', async () => {
    const run = await report(args('--format', 'xlsx', '--out', out('week.xlsx'), '--recovery-key', '--language', 'en'), { WASL_RECOVERY_KEY: recoveryKey });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out('week.xlsx')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(3);
    expect(workbook.worksheets[0]?.views[0]?.rightToLeft).toBe(false);
  });

  it('writes it as PDF', async () => {
    const run = await report(args('--format', 'pdf', '--out', out('week.pdf'), '--user', ADMIN.username), { WASL_PASSWORD: ADMIN.password });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(out('week.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('records each report in the audit log, and the opening with the recovery key', async () => {
    const { wasl } = openTestHost(app.dir);
    try {
      await signInAs(wasl.dispatch, ADMIN.username, ADMIN.password);
      const exported = await auditEntries(wasl.dispatch, { action: 'records.exported' });
      expect(exported.map((entry) => [entry.summary.format, entry.actor?.displayName ?? 'system'])).toEqual(
        expect.arrayContaining([['csv', ADMIN.displayName], ['pdf', ADMIN.displayName]]),
      );
      expect(exported.find((entry) => entry.summary.format === 'xlsx')?.summary).toMatchObject({ subject: 'report', period: { from: '2026-11-22', to: '2026-11-26' } });
      expect(await auditEntries(wasl.dispatch, { action: 'session.openedWithRecoveryKey' })).toHaveLength(1);
    } finally {
      await wasl.close();
    }
  });

  it('refuses a wrong password, an account without the export permission, a wrong recovery key: a message, no file', async () => {
    const wrong = await report(args('--format', 'csv', '--out', out('wrong.csv'), '--user', ADMIN.username), { WASL_PASSWORD: 'not the password at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/username or password/i);
    const officerRun = await report(args('--format', 'csv', '--out', out('officer.csv'), '--user', officer.username), {
      WASL_PASSWORD: officer.password,
    });
    expect(officerRun.code).toBe(1);
    // The refusal as the app says it, in English and in Arabic.
    expect(officerRun.stderr).toContain('You do not have permission for this.');
    expect(officerRun.stderr).toContain('ليست لديك صلاحية');
    const key = await report(args('--format', 'csv', '--out', out('key.csv'), '--recovery-key'), { WASL_RECOVERY_KEY: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' });
    expect(key.code).toBe(1);
    expect(key.stderr).toContain('The recovery key is not correct.');
    for (const name of ['wrong.csv', 'officer.csv', 'key.csv']) expect(existsSync(out(name))).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});
