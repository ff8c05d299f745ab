// A thread of the long jobs (started by database-jobs.ts): it opens each database it is told of on
// a connection of its own, with the key it was handed, runs the jobs it is sent one at a time in
// order, tells how far each has come, and answers each.
import { parentPort } from 'node:worker_threads';
import { openDatabase, type OpenedDatabase } from '../../../db/connection';
import { AppError } from '../errors';
import { databaseUnavailable } from '../session/prepare';
import { JobCancelled, nextTurn, type JobControl } from './control';
import type { DatabaseJobsConnection, ThreadAnswer, ThreadRequest } from './database-jobs';
import { DATABASE_JOBS } from './job-list';

const connections = new Map<number, DatabaseJobsConnection | OpenedDatabase>();
/** Jobs cancelled before they finished (or before they started). */
const cancelled = new Set<number>();

/**
 * The connection, opened at its first job: the key is wiped as soon as it has opened the file. A
 * file that cannot be opened is refused as the desk refuses it (damaged, not this key).
 */
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
  } catch (error) {
    connections.delete(id);
    throw databaseUnavailable(error);
  } finally {
    key.fill(0);
  }
}

function controlOf(id: number): JobControl {
  const progress = { done: 0, total: 0 };
  return {
    total: (count) => {
      progress.total = count;
      parentPort?.postMessage({ id, kind: 'progress', progress: { ...progress } } satisfies ThreadAnswer);
    },
    advance: (count) => {
      progress.done += count;
      parentPort?.postMessage({ id, kind: 'progress', progress: { ...progress } } satisfies ThreadAnswer);
    },
    pause: async () => {
      await nextTurn();
      if (cancelled.has(id)) throw new JobCancelled();
    },
  };
}

async function answer(request: Extract<ThreadRequest, { kind: 'run' | 'close' }>): Promise<ThreadAnswer> {
  try {
    if (request.kind === 'close') {
      const known = connections.get(request.connection);
      connections.delete(request.connection);
      if (known && 'db' in known) await known.close();
      return { id: request.id, kind: 'done', value: null };
    }
    if (cancelled.has(request.id)) throw new JobCancelled();
    const job = DATABASE_JOBS[request.name] as (opened: OpenedDatabase, input: unknown, control: JobControl) => Promise<unknown>;
    return { id: request.id, kind: 'done', value: await job(connectionOf(request.connection), request.input, controlOf(request.id)) };
  } catch (error) {
    if (error instanceof JobCancelled) return { id: request.id, kind: 'cancelled' };
    if (error instanceof AppError) return { id: request.id, kind: 'refused', refusal: error.toApiError() };
    return { id: request.id, kind: 'failed', failure: error instanceof Error ? error.message : String(error) };
  } finally {
    cancelled.delete(request.id);
  }
}

let queue: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (message: ThreadRequest) => {
  if (message.kind === 'open') {
    connections.set(message.connection, message.database);
    return;
  }
  // Heard at once, between two pages of the job it stops, or before a job that is still waiting.
  if (message.kind === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  queue = queue.then(async () => parentPort?.postMessage(await answer(message)));
});
