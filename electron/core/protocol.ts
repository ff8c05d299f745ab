import type { Result } from '../api/result';
import type { PrintPdfOptions } from '../services/context';

/**
 * The messages between a host (the Electron shell, the web host) and the core it starts in a process
 * of its own. Every value crosses by structured clone (Electron's utility process, Node's `advanced`
 * serialization), so Buffers and Uint8Arrays arrive as themselves.
 */

/** A sentence for the person starting Wasl, in both languages: the window may not know which yet. */
export interface Bilingual {
  ar: string;
  en: string;
}

/** Why Wasl did not start, when nothing more precise is known. */
export const UNEXPECTED_STARTUP_FAILURE: Bilingual = {
  ar: 'تعذّر تشغيل وصل بسبب خطأ غير متوقع.',
  en: 'Wasl could not start because of an unexpected error.',
};

/** What the core is started with: plain values only, nothing that cannot be copied to another process. */
export interface CoreStartOptions {
  databasePath: string;
  appVersion: string;
  /** The native SQLite module built for Electron, when the core runs in Electron's utility process. */
  nativeBinding?: string;
  /** The core stopped and was started again: the next sign-in screen says so (see SessionState). */
  restarted?: boolean;
}

export type HostMessage =
  | { kind: 'start'; options: CoreStartOptions }
  | { kind: 'call'; id: number; name: string; input: unknown }
  /** The answer to the core's `print`: the PDF, or that the host could not print. */
  | { kind: 'printed'; id: number; pdf: Uint8Array }
  | { kind: 'printFailed'; id: number; message: string }
  /** Closes the database (after the closing backup when `withBackup`), then the core exits. */
  | { kind: 'close'; withBackup: boolean };

export type CoreMessage =
  | { kind: 'ready' }
  /** The core could not start: what the person starting Wasl reads, and the detail for the log. */
  | { kind: 'startFailed'; message: Bilingual; detail: string }
  | { kind: 'answer'; id: number; result: Result<unknown> }
  /** Printing is the host's (a window, or an installed browser): the core asks for each PDF. */
  | { kind: 'print'; id: number; html: string; options: PrintPdfOptions }
  | { kind: 'closed' };

/** Where messages come from and go to, on either side, whatever carries them. */
export interface MessageChannel<Incoming, Outgoing> {
  send(message: Outgoing): void;
  onMessage(listener: (message: Incoming) => void): void;
}
