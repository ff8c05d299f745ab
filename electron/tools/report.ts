import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFile, type ExportFormat, type ExportJob } from '../api/exports';
import type { Result } from '../api/result';
import { createChromiumPrinter } from '../hosts/chromium-pdf';
import { defaultDataDirectory } from '../hosts/data-directory';
import { createDispatcher } from '../hosts/dispatch';
import { databasePathIn, openWasl, type Wasl } from '../hosts/open-app';
import { SYSTEM_USER_ID } from '../services/context';
import { AppError } from '../services/errors';
import { labelsFor } from '../services/exports/labels';
import { periodFrom, PeriodError } from './report-period';

/**
 * `npm run report -- --db PATH --week 2026-11-22 --format pdf --out FILE`: the report from the
 * command line, so that an administrator can schedule the weekly report. It signs in like the app
 * (the same accounts, roles, lockouts and audit log) or opens the data with the recovery key, and
 * exports through the same calls as the screen. Secrets never come from the command line (it is
 * visible to every process): the password from WASL_PASSWORD or typed at the prompt, the recovery
 * key from WASL_RECOVERY_KEY or typed.
 *
 * The file appears whole or not at all: it is written beside the target under a temporary name and
 * renamed into place.
 */

const USAGE = `usage: npm run report -- [--db PATH] (--week DATE | --month YYYY-MM | --from DATE --to DATE)
                     --format pdf|xlsx|csv --out FILE [--language ar|en]
                     (--user NAME | --recovery-key)
  password:     WASL_PASSWORD, or typed at the prompt
  recovery key: WASL_RECOVERY_KEY, or typed at the prompt`;

class UsageError extends Error {}

/** A scheduled job must end: a report not ready in this time is cancelled (a week's takes seconds). */
const DEADLINE_MS = 10 * 60 * 1000;

type Call = (name: string, input: unknown) => Promise<Result<unknown>>;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      week: { type: 'string' },
      month: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      language: { type: 'string', default: 'ar' },
      user: { type: 'string' },
      'recovery-key': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  if (values.out === undefined) throw new UsageError('--out FILE is needed');
  if (values.language !== 'ar' && values.language !== 'en') throw new UsageError('--language must be ar or en');
  if ((values.user === undefined) === !values['recovery-key']) throw new UsageError('sign in with --user NAME, or open with --recovery-key');
  const period = periodFrom(values);
  const out = resolve(values.out);

  const databasePath = resolve(values.db ?? databasePathIn(defaultDataDirectory()));
  const printer = createChromiumPrinter();
  const wasl = openWasl({ databasePath, appVersion: process.env.npm_package_version ?? '0.1.0', printPdf: printer.print });
  try {
    const call: Call = values['recovery-key'] ? await openWithRecoveryKey(wasl) : await signIn(wasl, values.user ?? '');
    const started = unwrap<ExportJob>(await call('exports.start', { subject: { kind: 'report', period }, format, language: values.language }));
    let job = started;
    const deadline = Date.now() + DEADLINE_MS;
    while (job.state === 'running') {
      if (Date.now() > deadline) {
        await call('exports.cancel', { id: job.id });
        throw new RefusedError(`the report was not ready after ${DEADLINE_MS / 60_000} minutes and was cancelled; no file was written`);
      }
      await new Promise((done) => setTimeout(done, 100));
      job = unwrap<ExportJob>(await call('exports.status', { id: job.id }));
    }
    const file = unwrap<ExportFile>(await call('exports.take', { id: job.id }));
    writeWhole(out, Buffer.from(file.base64, 'base64'));
    console.log(`wasl: the report for ${period.from} to ${period.to} was written to ${out}`);
    if (values.user !== undefined) await wasl.dispatch('session.signOut', {});
    return 0;
  } finally {
    await wasl.close();
    await printer.close();
  }
}

async function signIn(wasl: Wasl, username: string): Promise<Call> {
  const password = process.env.WASL_PASSWORD || (await askSecret(`Password for ${username}: `));
  const state = unwrap<{ user: { mustChangePassword: boolean } | null }>(await wasl.dispatch('session.signIn', { username, password }));
  if (state.user?.mustChangePassword) throw new RefusedError(messageOf('session.passwordChangeRequired'));
  return (name, input) => wasl.dispatch(name as never, input as never);
}

/**
 * The recovery key opens the data without an account: the calls then run as the system account,
 * through a dispatcher of their own that validates each input like the app's.
 */
async function openWithRecoveryKey(wasl: Wasl): Promise<Call> {
  const recoveryKey = process.env.WASL_RECOVERY_KEY || (await askSecret('Recovery key: '));
  try {
    await wasl.desk.openWithRecoveryKey(recoveryKey);
  } catch (error) {
    if (error instanceof AppError) throw new RefusedError(messageOf(error.messageKey));
    throw error;
  }
  return createDispatcher({
    authorize: async () => ({ actorId: SYSTEM_USER_ID, now: new Date() }),
    handlerOf: (name) => wasl.desk.handlerOf(name),
    logError: (error, callName) => console.error(`wasl: ${callName} failed:`, error),
  });
}

/** The file appears whole or not at all, readable by the user who ran the command alone (it names people). */
function writeWhole(target: string, content: Buffer): void {
  const partial = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    writeFileSync(partial, content, { flag: 'wx', mode: 0o600 });
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

class RefusedError extends Error {}

function unwrap<T>(result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  throw new RefusedError(messageOf(result.error.messageKey, result.error.details));
}

/** The refusal in both languages, as the app would say it. */
function messageOf(key: string, details: Record<string, unknown> = {}): string {
  const values = Object.fromEntries(Object.entries(details).filter((entry): entry is [string, string | number] => ['string', 'number'].includes(typeof entry[1])));
  return `${labelsFor('en').text('errors', key, values)}\n${labelsFor('ar').text('errors', key, values)}`;
}

/** Reads a secret from the terminal without echoing it. */
function askSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return Promise.reject(new UsageError(`${prompt.replace(/: $/, '')} is needed (no terminal to type it in)`));
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolvePromise) => {
    reader.question(prompt, (answer) => {
      reader.close();
      process.stdout.write('\n');
      resolvePromise(answer);
    });
    muted = true;
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof PeriodError) {
      console.error(`wasl: ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof RefusedError) console.error(`wasl: ${error.message}`);
    else console.error('wasl: the report could not be made:', error);
    process.exit(1);
  });
