import { Worker } from 'node:worker_threads';
import type { ApiError } from '../../api/result';
import { AppError } from '../errors';
import { workerCode } from '../threads/worker-code';
import { JobCancelled, type JobProgress } from './control';
import { DATABASE_JOB_LANES, type DatabaseJobInput, type DatabaseJobName, type DatabaseJobOutput, type JobLane } from './lanes';

/** What the jobs' thread opens: the database file with its key (a copy; the thread wipes it once open). */
export interface DatabaseJobsConnection {
  databasePath: string;
  key: Uint8Array;
  nativeBinding?: string;
}

/** What the desk's thread tells a jobs' thread. `connection` names one open database there. */
export type ThreadRequest =
  | { kind: 'open'; connection: number; database: DatabaseJobsConnection }
  | { kind: 'run'; id: number; connection: number; name: DatabaseJobName; input: unknown }
  /** Stop the job at its next pause (or before it starts): it answers `cancelled`. */
  | { kind: 'cancel'; id: number }
  | { kind: 'close'; id: number; connection: number };

export type ThreadAnswer =
  | { id: number; kind: 'done'; value: unknown }
  /** A refusal a person can read (a damaged copy, a full disk): crosses as the envelope's error. */
  | { id: number; kind: 'refused'; refusal: ApiError }
  | { id: number; kind: 'failed'; failure: string }
  | { id: number; kind: 'cancelled' }
  /** Told while the job runs; the job's last word is one of the others. */
  | { id: number; kind: 'progress'; progress: JobProgress };

/** How a caller follows a job: its progress as it goes, and a signal that cancels it. */
export interface JobOptions {
  onProgress?: (progress: JobProgress) => void;
  /** Aborting it cancels the job: the call then fails with `JobCancelled`. */
  signal?: AbortSignal;
}

/**
 * The long jobs of one open database: the opening's check and migrations, a backup's copy and check,
 * a restore's check, a long period's report, an export. They run in threads beside the desk's, on
 * connections of their own (SQLite's write-ahead log lets them read a consistent snapshot while the
 * desk's connection writes), so the desk keeps answering the officer while they run: a backup of
 * 1.7 GB takes minutes, and no longer waits for an idle desk.
 *
 * Each lane's connection opens at its first job and stays until `close()`, which the desk calls
 * before the database is closed or replaced (a restore).
 */
export interface DatabaseJobs {
  run<Name extends DatabaseJobName>(name: Name, input: DatabaseJobInput<Name>, options?: JobOptions): Promise<DatabaseJobOutput<Name>>;
  close(): Promise<void>;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: JobProgress) => void;
}

/**
 * One lane's thread in this process, started at its first job. It keeps the process alive only while
 * a job is under way. Should it end (it should not), the jobs in flight fail and the next job starts
 * a new one, which opens its connections again.
 */
class JobThread {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private readonly openConnections = new Set<number>();
  private lastId = 0;

  request(
    connection: number,
    database: DatabaseJobsConnection,
    message: { kind: 'run'; name: DatabaseJobName; input: unknown } | { kind: 'close' },
    options: JobOptions = {},
  ): Promise<unknown> {
    if (options.signal?.aborted) return Promise.reject(new JobCancelled());
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
      this.waiting.set(id, { resolve, reject, onProgress: options.onProgress });
      worker.ref();
      worker.postMessage({ ...message, id, connection } satisfies ThreadRequest);
      options.signal?.addEventListener(
        'abort',
        () => {
          if (this.waiting.has(id)) this.worker?.postMessage({ kind: 'cancel', id } satisfies ThreadRequest);
        },
        { once: true },
      );
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const { code, eval: isCode } = workerCode('database-jobs.cjs', new URL('./database-worker.ts', import.meta.url));
    const worker = new Worker(code, { eval: isCode });
    worker.unref();
    worker.on('message', (answer: ThreadAnswer) => {
      const job = this.waiting.get(answer.id);
      if (answer.kind === 'progress') {
        job?.onProgress?.(answer.progress);
        return;
      }
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) worker.unref();
      if (!job) return;
      if (answer.kind === 'done') job.resolve(answer.value);
      else if (answer.kind === 'refused') job.reject(new AppError(answer.refusal.code, answer.refusal.messageKey, answer.refusal.details));
      else if (answer.kind === 'cancelled') job.reject(new JobCancelled());
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

const threads = new Map<JobLane, JobThread>();
const threadOf = (lane: JobLane): JobThread => {
  const known = threads.get(lane);
  if (known) return known;
  const thread = new JobThread();
  threads.set(lane, thread);
  return thread;
};
let lastConnection = 0;

export function databaseJobs(database: DatabaseJobsConnection): DatabaseJobs {
  lastConnection += 1;
  const connection = lastConnection;
  const openedIn = new Set<JobLane>();
  return {
    run: async <Name extends DatabaseJobName>(name: Name, input: DatabaseJobInput<Name>, options?: JobOptions) => {
      const lane = DATABASE_JOB_LANES[name];
      openedIn.add(lane);
      // The thread answers with what the job of that name returns (job-list.ts).
      return (await threadOf(lane).request(connection, database, { kind: 'run', name, input }, options)) as DatabaseJobOutput<Name>;
    },
    close: async () => {
      const lanes = [...openedIn];
      openedIn.clear();
      await Promise.all(lanes.map((lane) => threadOf(lane).request(connection, database, { kind: 'close' })));
    },
  };
}
