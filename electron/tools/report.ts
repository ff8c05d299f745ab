import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { ExportFile, ExportJob } from '../api/exports';
import type { Result } from '../api/result';
import { createChromiumPrinter } from '../hosts/chromium-pdf';
import { defaultDataDirectory } from '../hosts/data-directory';
import { openWasl, type Wasl } from '../core/open-wasl';
import { databasePathIn } from '../core/paths';
import { SYSTEM_USER_ID } from '../services/context';
import { createDispatcher } from '../services/dispatch';
import { AppError } from '../services/errors';
import { labelsFor } from '../services/exports/labels';
import { REPORT_USAGE, reportArgumentsFrom, UsageError } from './report-arguments';
import { PeriodError } from './report-period';

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

/** A scheduled job must end: a report not ready in this time is cancelled (a week's takes seconds). */
const DEADLINE_MS = 10 * 60 * 1000;

type Call = (name: string, input: unknown) => Promise<Result<unknown>>;

async function main(): Promise<number> {
  const command = reportArgumentsFrom(process.argv.slice(2), {
    password: process.env.WASL_PASSWORD,
    recoveryKey: process.env.WASL_RECOVERY_KEY,
    hasTerminal: process.stdin.isTTY === true,
  });
  if (command === 'help') {
    console.log(REPORT_USAGE);
    return 0;
  }
  const { period, format, out, language, opener, secret } = command;

  const databasePath = command.databasePath ?? resolve(databasePathIn(defaultDataDirectory()));
  const printer = createChromiumPrinter();
  const wasl = openWasl({ databasePath, appVersion: process.env.npm_package_version ?? '0.1.0', printPdf: printer.print });
  try {
    const call: Call =
      opener.kind === 'recoveryKey'
        ? await openWithRecoveryKey(wasl, secret ?? (await askSecret('Recovery key: ')))
        : await signIn(wasl, opener.username, secret ?? (await askSecret(`Password for ${opener.username}: `)));
    const started = unwrap<ExportJob>(await call('exports.start', { subject: { kind: 'report', period }, format, language }));
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
    if (opener.kind === 'account') await wasl.dispatch('session.signOut', {});
    return 0;
  } finally {
    await wasl.close();
    await printer.close();
  }
}

async function signIn(wasl: Wasl, username: string, password: string): Promise<Call> {
  const state = unwrap<{ user: { mustChangePassword: boolean } | null }>(await wasl.dispatch('session.signIn', { username, password }));
  if (state.user?.mustChangePassword) throw new RefusedError(messageOf('session.passwordChangeRequired'));
  return (name, input) => wasl.dispatch(name as never, input as never);
}

/**
 * The recovery key opens the data without an account: the calls then run as the system account,
 * through a dispatcher of their own that validates each input like the app's.
 */
async function openWithRecoveryKey(wasl: Wasl, recoveryKey: string): Promise<Call> {
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

/** Reads a secret from the terminal without echoing it (reportArgumentsFrom made sure there is one). */
function askSecret(prompt: string): Promise<string> {
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
      console.error(`wasl: ${error.message}\n${REPORT_USAGE}`);
      process.exit(2);
    }
    if (error instanceof RefusedError) console.error(`wasl: ${error.message}`);
    else console.error('wasl: the report could not be made:', error);
    process.exit(1);
  });
