import { Worker } from 'node:worker_threads';
import type { ApiError } from '../../api/result';
import { AppError } from '../errors';
import { workerCode } from '../threads/worker-code';
import type { DatabaseJobInput, DatabaseJobName, DatabaseJobOutput } from './job-list';

/** What the jobs' thread opens: the database file with its key (a copy; the thread wipes it once open). */
export interface DatabaseJobsConnection {
  databasePath: string;
  key: Uint8Array;
  nativeBinding?: string;
}

/** What the desk's thread tells the jobs' thread. `connection` names one open database there. */
export type ThreadRequest =
  | { kind: 'open'; connection: number; database: DatabaseJobsConnection }
  | { kind: 'run'; id: number; connection: number; name: DatabaseJobName; input: unknown }
  | { kind: 'close'; id: number; connection: number };

export type ThreadAnswer =
  | { id: number; ok: true; value: unknown }
  /** A refusal a person can read (a damaged copy, a full disk): crosses as the envelope's error. */
  | { id: number; ok: false; refusal: ApiError }
  | { id: number; ok: false; failure: string };

/**
 * The long jobs of one open database: a backup's copy and check, a restore's check. They run in a
 * thread beside the desk's, on a connection of their own (SQLite's write-ahead log lets it read a
 * consistent snapshot while the desk's connection writes), so the desk keeps answering the officer
 * while they run: a backup of 1.7 GB takes minutes, and no longer waits for an idle desk.
 *
 * The connection opens at the first job and stays until `close()`, which the desk calls before the
 * database is closed or replaced (a restore).
 */
export interface DatabaseJobs {
  run<Name extends DatabaseJobName>(name: Name, input: DatabaseJobInput<Name>): Promise<DatabaseJobOutput<Name>>;
  close(): Promise<void>;
}


/**
 * The one jobs' thread of this process, started at the first job. It keeps the process alive only
 * while a job is under way. Should it end (it should not), the jobs in flight fail and the next job
 * starts a new one, which opens its connections again.
 */
class JobThread {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly openConnections = new Set<number>();
  private lastId = 0;

  request(connection: number, database: DatabaseJobsConnection, message: { kind: 'run'; name: DatabaseJobName; input: unknown } | { kind: 'close' }): Promise<unknown> {
    const worker = this.started();
    if (message.kind === 'run' && !this.openConnections.has(connection)) {
      // Copied for the thread: the desk's own key stays where it is, and is wiped by the desk.
      worker.postMessage({ kind: 'open', connection, database: { ...database, key: new Uint8Array(database.key) } } satisfies ThreadRequest);
      this.openConnections.add(connection);
    }
    if (message.kind === 'close') this.openConnections.delete(connection);
    this.lastId += 1;
    const id = this.lastId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id, connection } satisfies ThreadRequest);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const { code, eval: isCode } = workerCode('database-jobs.cjs', new URL('./database-worker.ts', import.meta.url));
    const worker = new Worker(code, { eval: isCode });
    worker.unref();
    worker.on('message', (answer: ThreadAnswer) => {
      const job = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) worker.unref();
      if (!job) return;
      if (answer.ok) job.resolve(answer.value);
      else if ('refusal' in answer) job.reject(new AppError(answer.refusal.code, answer.refusal.messageKey, answer.refusal.details));
      else job.reject(new Error(answer.failure));
    });
    const ended = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.openConnections.clear();
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    };
    worker.once('error', ended);
    worker.once('exit', (exitCode) => ended(new Error(`the database jobs' thread ended (${exitCode})`)));
    this.worker = worker;
    return worker;
  }
}

const thread = new JobThread();
let lastConnection = 0;

export function databaseJobs(database: DatabaseJobsConnection): DatabaseJobs {
  lastConnection += 1;
  const connection = lastConnection;
  let opened = false;
  return {
    run: async <Name extends DatabaseJobName>(name: Name, input: DatabaseJobInput<Name>) => {
      opened = true;
      // The thread answers with what the job of that name returns (job-list.ts).
      return (await thread.request(connection, database, { kind: 'run', name, input })) as DatabaseJobOutput<Name>;
    },
    close: async () => {
      if (!opened) return;
      opened = false;
      await thread.request(connection, database, { kind: 'close' });
    },
  };
}
