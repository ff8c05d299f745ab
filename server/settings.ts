import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** What `npm run server` is asked to do, from its command line and its environment. */

const DEFAULT_PORT = 8443;

export const USAGE = `Usage:
  npm run server [-- --data <folder>] [--port <port>] [--host <address>]
  npm run server -- pairing-code [--data <folder>] [--port <port>]
  npm run server -- revoke <desk number> [--data <folder>] [--port <port>]
  npm run server -- verify [--data <folder>] [--port <port>]

The server keeps its certificate, and the embedded PostgreSQL's files, in its data folder
(--data, or WASL_SERVER_DATA; ./wasl-server-data by default). With DATABASE_URL=postgres://...
the office's record is kept on that PostgreSQL server instead. It listens on port 8443
(--port, or WASL_SERVER_PORT) on every network of this PC (--host, or WASL_SERVER_HOST).
\`verify\` asks the server running on this PC to check its record: the chain over its operations and
each desk's audit links; it exits with 1 when any of them does not hold.`;

export interface Settings {
  command: 'serve' | 'pairing-code' | 'revoke' | 'verify';
  /** The desk to revoke (its number, as the desk's settings show it). */
  deskId?: string;
  dataDirectory: string;
  port: number;
  host: string;
  databaseUrl: string | undefined;
}

/** What the command line and the environment ask for; a message naming what is wrong otherwise. */
export function settingsFrom(argv: readonly string[], environment: NodeJS.ProcessEnv): Settings | { problem: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { problem: '' };
  const command = positionals[0] ?? 'serve';
  const takes = command === 'revoke' ? 2 : 1;
  if ((command !== 'serve' && command !== 'pairing-code' && command !== 'revoke' && command !== 'verify') || positionals.length > takes) {
    return { problem: `Unknown command: ${positionals.join(' ')}` };
  }
  const deskId = positionals[1];
  if (command === 'revoke' && (deskId === undefined || !/^[0-9a-f]{16}$/.test(deskId))) {
    return { problem: 'Name the desk to revoke by its number: 16 characters, 0-9 and a-f, as its Settings show it.' };
  }
  const portText = values.port ?? environment.WASL_SERVER_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535) return { problem: `The port must be a number from 1 to 65535, not "${portText}".` };
  const databaseUrl = environment.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) return { problem: 'DATABASE_URL must start with postgres:// or postgresql://.' };
  return {
    command,
    ...(deskId === undefined ? {} : { deskId }),
    dataDirectory: resolve(values.data ?? environment.WASL_SERVER_DATA ?? 'wasl-server-data'),
    port,
    host: values.host ?? environment.WASL_SERVER_HOST ?? '0.0.0.0',
    databaseUrl,
  };
}

/** A PostgreSQL address as it may be printed: without its password. */
export function withoutPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '****';
    if (url.searchParams.has('password')) url.searchParams.set('password', '****');
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
