import type { Result } from '../api/result';
import type { PrintPdf } from '../services/context';
import { openWasl, type Wasl } from './open-wasl';
import type { CoreMessage, HostMessage, MessageChannel } from './protocol';
import { startupFailureMessage } from './startup-failure';

const NOT_STARTED: Result<never> = { ok: false, error: { code: 'internal', messageKey: 'internal' } };

/**
 * The core's side of the channel to its host: opens Wasl when told to start, answers every call
 * through the dispatcher, asks the host for each PDF (printing belongs to the window's side), and
 * closes the database, after the closing backup when asked, before it says it has closed.
 * `exit` ends the core's process once it has nothing left to do.
 */
export function serveCore(channel: MessageChannel<HostMessage, CoreMessage>, exit: (code: number) => void): void {
  let wasl: Wasl | null = null;
  const prints = new Map<number, { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }>();
  let lastPrintId = 0;

  const printPdf: PrintPdf = (html, options) =>
    new Promise((resolve, reject) => {
      lastPrintId += 1;
      prints.set(lastPrintId, { resolve, reject });
      channel.send({ kind: 'print', id: lastPrintId, html, options });
    });

  const settlePrint = (id: number, outcome: (waiting: { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }) => void) => {
    const waiting = prints.get(id);
    if (!waiting) return;
    prints.delete(id);
    outcome(waiting);
  };

  channel.onMessage((message) => {
    switch (message.kind) {
      case 'start': {
        try {
          wasl = openWasl({ ...message.options, printPdf });
          channel.send({ kind: 'ready' });
        } catch (error) {
          channel.send({ kind: 'startFailed', message: startupFailureMessage(error), detail: error instanceof Error ? error.message : String(error) });
          exit(1);
        }
        return;
      }
      case 'call': {
        const { id, name, input } = message;
        const answered = wasl ? wasl.dispatch(name, input) : Promise.resolve(NOT_STARTED);
        void answered.then((result) => channel.send({ kind: 'answer', id, result }));
        return;
      }
      case 'printed':
        settlePrint(message.id, (waiting) => waiting.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength)));
        return;
      case 'printFailed':
        settlePrint(message.id, (waiting) => waiting.reject(new Error(message.message)));
        return;
      case 'close': {
        const closing = wasl === null ? Promise.resolve() : message.withBackup ? wasl.closeWithBackup() : wasl.close();
        wasl = null;
        void closing
          .catch((error: unknown) => console.error('[wasl] closing failed:', error))
          .finally(() => {
            channel.send({ kind: 'closed' });
            exit(0);
          });
        return;
      }
    }
  });
}
