import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '../api/exports';
import type { ReportPeriodInput } from '../api/reports';
import { periodFrom } from './report-period';

/**
 * What `npm run report` is asked to do, read from its command line and environment before anything is
 * opened: a mistake is answered with the usage (exit code 2) and touches no file.
 */

export const REPORT_USAGE = `usage: npm run report -- [--db PATH] (--week DATE | --month YYYY-MM | --from DATE --to DATE)
                     --format pdf|xlsx|csv --out FILE [--language ar|en]
                     (--user NAME | --recovery-key)
  password:     WASL_PASSWORD, or typed at the prompt
  recovery key: WASL_RECOVERY_KEY, or typed at the prompt`;

/** A command line that cannot be run as typed; the period's own mistakes are a PeriodError. */
export class UsageError extends Error {}

export interface ReportArguments {
  /** The database file, resolved; null for the one in the app's own data folder. */
  databasePath: string | null;
  period: ReportPeriodInput;
  format: ExportFormat;
  /** The file to write, resolved. */
  out: string;
  language: 'ar' | 'en';
  /** An account signs in (with its password), or the recovery key opens the data as the system account. */
  opener: { kind: 'account'; username: string } | { kind: 'recoveryKey' };
  /** The password or recovery key from the environment; null when it is to be typed at the terminal. */
  secret: string | null;
}

/**
 * Secrets never come from the command line (every process on the machine can read it): from the
 * environment, or typed at the terminal when there is one.
 */
export interface ReportEnvironment {
  password?: string | undefined;
  recoveryKey?: string | undefined;
  hasTerminal: boolean;
}

const OPTIONS = {
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
} as const;

/** The report the command line asks for, or 'help' for --help; throws a UsageError or a PeriodError. */
export function reportArgumentsFrom(argv: readonly string[], environment: ReportEnvironment): ReportArguments | 'help' {
  const values = optionValues(argv);
  if (values.help) return 'help';
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  if (values.out === undefined) throw new UsageError('--out FILE is needed');
  const language = values.language;
  if (language !== 'ar' && language !== 'en') throw new UsageError('--language must be ar or en');
  if ((values.user === undefined) === !values['recovery-key']) throw new UsageError('sign in with --user NAME, or open with --recovery-key');
  const period = periodFrom(values);

  const opener: ReportArguments['opener'] = values.user === undefined ? { kind: 'recoveryKey' } : { kind: 'account', username: values.user };
  const secret = (opener.kind === 'account' ? environment.password : environment.recoveryKey) || null;
  if (secret === null && !environment.hasTerminal) {
    const needed = opener.kind === 'account' ? `Password for ${opener.username}` : 'Recovery key';
    throw new UsageError(`${needed} is needed (no terminal to type it in)`);
  }
  return {
    databasePath: values.db === undefined ? null : resolve(values.db),
    period,
    format,
    out: resolve(values.out),
    language,
    opener,
    secret,
  };
}

function optionValues(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS }).values;
  } catch (error) {
    // An unknown option, an option without its value, a word that is not an option.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
