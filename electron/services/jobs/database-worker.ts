// The thread of the long jobs (started by database-jobs.ts): it opens each database it is told of on
// a connection of its own, with the key it was handed, runs the jobs it is sent one at a time in
// order, and answers each.
import { parentPort } from 'node:worker_threads';
import { openDatabase, type OpenedDatabase } from '../../../db/connection';
import { AppError } from '../errors';
import type { DatabaseJobsConnection, ThreadAnswer, ThreadRequest } from './database-jobs';
import { DATABASE_JOBS } from './job-list';

const connections = new Map<number, DatabaseJobsConnection | OpenedDatabase>();

/** The connection, opened at its first job: the key is wiped as soon as it has opened the file. */
function connectionOf(id: number): OpenedDatabase {
  const known = connections.get(id);
  if (known === undefined) throw new Error(`no database ${id} in the jobs' thread`);
  if ('db' in known) return known;
  const key = Buffer.from(known.key);
  known.key.fill(0);
  try {
    const opened = openDatabase(known.databasePath, { key, nativeBinding: known.nativeBinding });
    connections.set(id, opened);
    return opened;
  } finally {
    key.fill(0);
  }
}

async function answer(request: Exclude<ThreadRequest, { kind: 'open' }>): Promise<ThreadAnswer> {
  try {
    if (request.kind === 'close') {
      const known = connections.get(request.connection);
      connections.delete(request.connection);
      if (known && 'db' in known) await known.close();
      return { id: request.id, ok: true, value: null };
    }
    const job = DATABASE_JOBS[request.name] as (db: OpenedDatabase['db'], input: unknown) => Promise<unknown>;
    return { id: request.id, ok: true, value: await job(connectionOf(request.connection).db, request.input) };
  } catch (error) {
    if (error instanceof AppError) return { id: request.id, ok: false, refusal: error.toApiError() };
    return { id: request.id, ok: false, failure: error instanceof Error ? error.message : String(error) };
  }
}

let queue: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (message: ThreadRequest) => {
  if (message.kind === 'open') {
    connections.set(message.connection, message.database);
    return;
  }
  queue = queue.then(async () => parentPort?.postMessage(await answer(message)));
});
