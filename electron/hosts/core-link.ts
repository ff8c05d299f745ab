import type { Result } from '../api/result';
import { UNEXPECTED_STARTUP_FAILURE, type Bilingual, type CoreMessage, type CoreStartOptions, type HostMessage, type MessageChannel } from '../core/protocol';
import type { PrintPdf } from '../services/context';
import type { Dispatch } from '../services/dispatch';

/** A running core process, however it was started (Electron's utility process, a Node child). */
export interface CoreProcess {
  channel: MessageChannel<CoreMessage, HostMessage>;
  /** Each listener is called once the process has ended, for whatever reason (at once if it has). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

export interface CoreLinkOptions {
  /** Starts a new core process; called again after a crash. */
  startProcess: () => CoreProcess;
  options: CoreStartOptions;
  /** The host's printer, for the PDFs the core asks for. */
  printPdf?: PrintPdf;
  logError?: (error: unknown, where: string) => void;
  /** Told each time the core stopped unexpectedly and a new one is being started. */
  onRestart?: (exitCode: number | null) => void;
  /** How many unexpected stops within RESTART_WINDOW_MS are restarted before the link gives up. */
  maxRestarts?: number;
}

export interface CoreLink {
  dispatch: Dispatch;
  /** The pid of the core's current process (tests kill it to prove a crash loses nothing). */
  readonly pid: number | undefined;
  /** Closes the database (after the closing backup when `withBackup`) and waits for the core to end. */
  close(withBackup: boolean): Promise<void>;
}

/** The core could not start: what the person starting Wasl reads, in Arabic and English. */
export class CoreStartError extends Error {
  constructor(
    readonly bilingual: Bilingual,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'CoreStartError';
  }
}

/** Calls in flight when the core stopped: the screen says so calmly and shows the sign-in again. */
const RESTARTED: Result<never> = { ok: false, error: { code: 'restarted', messageKey: 'coreRestarted' } };
/** The core stopped again and again: the desk cannot go on without a restart of the app. */
const STOPPED: Result<never> = { ok: false, error: { code: 'database_unavailable', messageKey: 'coreStopped' } };
const CLOSED: Result<never> = { ok: false, error: { code: 'internal', messageKey: 'internal' } };

const howItEnded = (code: number | null) => (code === null ? 'ended by a signal' : `exit code ${code}`);

const RESTART_WINDOW_MS = 60_000;
const DEFAULT_MAX_RESTARTS = 3;

/**
 * Starts the core in a process of its own and answers calls through it. The window's side keeps
 * answering while the core works (a backup, a year's report), and a core that stops unexpectedly
 * (a crash, a kill) is started again: the calls in flight are answered `restarted`, the session is
 * gone (the database key lived only in the stopped process), and the next sign-in screen says what
 * happened. Every write the core had acknowledged is on disk already: its commits are synced.
 * A core that keeps stopping (more than `maxRestarts` times in a minute) is not started again.
 */
export async function startCore(link: CoreLinkOptions): Promise<CoreLink> {
  const logError = link.logError ?? ((error, where) => console.error(`[wasl] ${where}:`, error));
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const recentStops: number[] = [];
  let lastCallId = 0;
  let closing = false;
  let stopped = false;

  interface Running {
    process: CoreProcess;
    ready: Promise<void>;
  }

  const launch = (restarted: boolean): Running => {
    const process = link.startProcess();
    let settleReady: { resolve: () => void; reject: (error: Error) => void } | null = null;
    const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
    // Settled only here; a rejection nobody awaits yet must not be reported as unhandled.
    ready.catch(() => undefined);
    process.channel.onMessage((message) => {
      switch (message.kind) {
        case 'ready':
          settleReady?.resolve();
          return;
        case 'startFailed':
          settleReady?.reject(new CoreStartError(message.message, message.detail));
          return;
        case 'answer': {
          const answer = pending.get(message.id);
          pending.delete(message.id);
          answer?.(message.result);
          return;
        }
        case 'print':
          void print(process, message.id, message.html, message.options);
          return;
        case 'closed':
          return;
      }
    });
    process.onExit((code) => {
      settleReady?.reject(new CoreStartError(UNEXPECTED_STARTUP_FAILURE, `the core ended before it was ready (${howItEnded(code)})`));
      if (closing || running.process !== process) return;
      for (const answer of pending.values()) answer(RESTARTED);
      pending.clear();
      const now = Date.now();
      recentStops.push(now);
      while (recentStops.length > 0 && now - recentStops[0]! > RESTART_WINDOW_MS) recentStops.shift();
      if (recentStops.length > (link.maxRestarts ?? DEFAULT_MAX_RESTARTS)) {
        stopped = true;
        logError(`the core stopped ${recentStops.length} times within a minute (${howItEnded(code)}); not starting it again`, 'core');
        return;
      }
      logError(`the core stopped unexpectedly (${howItEnded(code)}); starting it again`, 'core');
      link.onRestart?.(code);
      running = launch(true);
      running.ready.catch((error: unknown) => {
        stopped = true;
        logError(error, 'core restart');
      });
    });
    process.channel.send({ kind: 'start', options: { ...link.options, restarted } });
    return { process, ready };
  };

  const print = async (process: CoreProcess, id: number, html: string, options: Parameters<PrintPdf>[1]) => {
    try {
      if (!link.printPdf) throw new Error('this host cannot print');
      const pdf = await link.printPdf(html, options);
      process.channel.send({ kind: 'printed', id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) });
    } catch (error) {
      process.channel.send({ kind: 'printFailed', id, message: error instanceof Error ? error.message : String(error) });
    }
  };

  let running = launch(false);
  await running.ready;

  return {
    get pid() {
      return running.process.pid;
    },
    dispatch: async (name, input) => {
      if (closing) return CLOSED;
      if (stopped) return STOPPED;
      const current = running;
      try {
        await current.ready;
      } catch {
        return STOPPED;
      }
      if (current !== running) return RESTARTED;
      lastCallId += 1;
      const id = lastCallId;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        current.process.channel.send({ kind: 'call', id, name, input });
      });
    },
    close: (withBackup) => {
      closing = true;
      const { process } = running;
      return new Promise<void>((resolve) => {
        process.onExit(() => resolve());
        for (const answer of pending.values()) answer(CLOSED);
        pending.clear();
        process.channel.send({ kind: 'close', withBackup });
      });
    },
  };
}
