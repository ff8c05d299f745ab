// `npm run server`: the office server, in the foreground (a systemd unit or a Windows service runs
// it the same way). `npm run server -- pairing-code`: a new one-time code for pairing a desk, asked
// of the server running on this PC. `npm run server -- verify`: the office's record checked by it.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { fingerprintLines, type PairingCode } from '../electron/api/sync/office';
import type { Result } from '../electron/api/result';
import type { ChainBreak, OfficeVerification } from '../electron/api/sync/witness';
import { anyDeskPaired, createPairingCode } from './desks/desks';
import { startOfficeServer } from './office-server';
import { settingsFrom, USAGE, withoutPassword, type Settings } from './settings';

async function serve(settings: Settings): Promise<void> {
  const server = await startOfficeServer({ dataDirectory: settings.dataDirectory, databaseUrl: settings.databaseUrl, host: settings.host, port: settings.port });
  const where = settings.databaseUrl ? `PostgreSQL at ${withoutPassword(settings.databaseUrl)}` : `embedded PostgreSQL in ${resolve(settings.dataDirectory, 'postgres')}`;
  console.log(`Wasl office server listening on https://${settings.host}:${server.port}`);
  console.log(`Office record: ${where}`);
  const [first, second] = fingerprintLines(server.fingerprint);
  console.log(`Certificate fingerprint (compare it on each desk you pair):\n  ${first}\n  ${second}`);
  if (!(await anyDeskPaired(server.database.db))) {
    const first = await createPairingCode(server.database.db, new Date());
    console.log(`No desk is paired yet. Pairing code for the first desk (valid until ${first.expiresAt}):\n  ${first.code}`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Asks the server running on this PC, which trusts its own certificate from its data folder. */
async function askThisServer<T>(settings: Settings, path: string, body: unknown): Promise<Result<T>> {
  const certificate = readFileSync(resolve(settings.dataDirectory, 'tls', 'server.crt'), 'utf8');
  const text = JSON.stringify(body);
  return new Promise<Result<T>>((done, fail) => {
    const outgoing = request(
      {
        method: 'POST',
        host: '127.0.0.1',
        port: settings.port,
        path,
        ca: [certificate],
        checkServerIdentity: () => undefined,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<T>));
      },
    );
    outgoing.on('error', fail);
    outgoing.end(text);
  });
}

async function pairingCode(settings: Settings): Promise<void> {
  const answer = await askThisServer<PairingCode>(settings, '/v1/admin/pairing-codes', {});
  if (!answer.ok) throw new Error(REFUSALS[answer.error.messageKey] ?? `The server refused: ${answer.error.messageKey}`);
  console.log(`Pairing code (valid until ${answer.value.expiresAt}):\n  ${answer.value.code}`);
}

async function revoke(settings: Settings): Promise<void> {
  const answer = await askThisServer<{ deskId: string }>(settings, '/v1/admin/desks/revoke', { deskId: settings.deskId });
  if (!answer.ok) throw new Error(REFUSALS[answer.error.messageKey] ?? `The server refused: ${answer.error.messageKey}`);
  console.log(`Desk ${answer.value.deskId} is revoked: the server takes nothing from it any more.`);
}

/**
 * The office's record checked by the server running on this PC: its chain over the operations, then
 * each desk's audit links, each line saying what holds and what does not. Exits with 1 when anything
 * does not hold, for a scheduled check to notice.
 */
async function verify(settings: Settings): Promise<void> {
  const answer = await askThisServer<OfficeVerification>(settings, '/v1/admin/verify', {});
  if (!answer.ok) throw new Error(REFUSALS[answer.error.messageKey] ?? `The server refused: ${answer.error.messageKey}`);
  const { operations, desks } = answer.value;
  console.log(
    operations.holds
      ? `Office record: ${operations.count} operations, the chain holds.`
      : `Office record: ${operations.count} operations, the chain does NOT hold from operation ${operations.firstBroken}: an operation was changed, removed or moved.`,
  );
  for (const desk of desks) {
    const name = `Desk ${desk.deskId} (${desk.deskName})`;
    if (desk.flagged !== null) {
      console.log(`${name}: its history was found ${BREAKS[desk.flagged.reason]} at entry ${desk.flagged.seq} on ${desk.flagged.brokenAt}; its record can no longer be trusted as is.`);
    } else if (desk.firstBroken !== null) {
      console.log(`${name}: ${desk.links} audit links held, which do NOT hold from entry ${desk.firstBroken}.`);
    } else {
      console.log(`${name}: ${desk.links} audit links held, the chain holds.`);
    }
  }
  if (!operations.holds || desks.some((desk) => !desk.holds)) process.exitCode = 1;
}

/** How a desk's history was found broken, in the console's words. */
const BREAKS: Record<ChainBreak, string> = {
  rewritten: 'rewritten (an entry the server held came back different)',
  skipped: 'cut (entries missing from the middle)',
  shortened: 'cut (it ends before entries the server held)',
};

/** What the administrator at the server's console is told when it refuses a code. */
const REFUSALS: Record<string, string> = {
  'office.deskNotFound': 'No desk with this number is paired with the office.',
  'office.pairOnDesk':
    'The office already has its key: make the pairing code on a desk that is already paired (Settings, Office server), so that the key goes with it.',
};

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2), process.env);
  if ('problem' in settings) {
    if (settings.problem) console.error(settings.problem);
    console.error(USAGE);
    process.exit(settings.problem ? 2 : 0);
  }
  const commands = { serve, 'pairing-code': pairingCode, revoke, verify };
  await commands[settings.command](settings);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
