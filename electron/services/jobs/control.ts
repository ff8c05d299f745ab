/**
 * What a long job is handed besides its input: where it tells how far it has come (an export's
 * progress bar), and the pause between two pages, where it learns that the user cancelled it.
 */
export interface JobControl {
  /** How many records the job will go through. */
  total(count: number): void;
  /** This many more are done. */
  advance(count: number): void;
  /** Lets the thread hear what else was sent (a cancel); throws `JobCancelled` once the job was cancelled. */
  pause(): Promise<void>;
}

/** How far a job has come, as the thread tells it. */
export interface JobProgress {
  done: number;
  total: number;
}

/** Thrown where a cancelled job stops: it leaves nothing behind, and its caller learns it was cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
    this.name = 'JobCancelled';
  }
}

/** Gives the event loop a turn: messages waiting (a cancel, another call) are handled first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A job's control where nobody follows its progress or cancels it (the command line, a test). */
export const uncontrolled: JobControl = { total: () => undefined, advance: () => undefined, pause: nextTurn };
