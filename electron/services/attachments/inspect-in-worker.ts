import { Worker } from 'node:worker_threads';
import type { ScanMediaType } from '../../api/fields/scan';
import { workerCode } from '../threads/worker-code';
import type { ScanInspection } from './inspect';

/**
 * How long a scan may take to check. A scan a scanner or a phone makes is checked in well under two
 * seconds (a JPEG of 24 megapixels, the largest there is, in about four); a file that takes longer is
 * made to be expensive. Memory the readers hold outside the JavaScript heap (the inflated data of a
 * PDF) is not bounded by the limits below, only by this: the time is what bounds the rest.
 */
export const SCAN_CHECK_DEADLINE_MS = 10_000;

/** The JavaScript heap a check may use: a scan needs a fraction of it; a file that needs more is refused. */
export const SCAN_CHECK_MEMORY = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 } as const;

/**
 * How much the desk's memory may grow while a check runs, polled every CHECK_MEMORY_POLL_MS: what
 * the readers hold outside the heap grows with the file (a PDF's compressed data is inflated whole,
 * a thousand times its size), and a check that takes more than this is stopped. Decoding the largest
 * JPEG a scan may be (25 megapixels) takes about 850 megabytes, the thread's start included.
 */
export const SCAN_CHECK_MEMORY_GROWTH_BYTES = 1536 * 1024 * 1024;
const CHECK_MEMORY_POLL_MS = 50;

/** What the thread of a check is handed: the whole memory of the bytes, and where in it they are. */
export interface ScanHandover {
  buffer: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
}

export type ScanCheck =
  /** The bytes, handed back by the check, to be kept. */
  | { ok: true; mediaType: ScanMediaType; bytes: Buffer }
  /** tooComplex: the check did not end in time, or needed more memory than a scan needs. */
  | { ok: false; problem: Exclude<ScanInspection, { ok: true }>['problem'] | 'tooComplex' };

/** The deadline and the memory a check may take; tests make them smaller. */
export interface ScanCheckLimits {
  deadlineMs: number;
  memoryGrowthBytes: number;
}

const DEFAULT_LIMITS: ScanCheckLimits = { deadlineMs: SCAN_CHECK_DEADLINE_MS, memoryGrowthBytes: SCAN_CHECK_MEMORY_GROWTH_BYTES };

/** Checks run one after another, so that however many arrive, one check's memory is all the desk lends. */
let previousCheck: Promise<unknown> = Promise.resolve();

/**
 * Checks a scan (what it is, that it reads as one, its size in pixels; inspect.ts) in a worker thread
 * started for it, limited in memory and stopped at the deadline, so that a file crafted to be
 * expensive cannot stall the desk or take its memory: it is refused as too complex. The bytes are
 * handed to the thread, not copied: `bytes` is unusable afterwards; a scan that passes comes back.
 */
export function inspectScanInWorker(bytes: Buffer, limits: Partial<ScanCheckLimits> = {}): Promise<ScanCheck> {
  const check = previousCheck.then(() => checkInWorker(bytes, { ...DEFAULT_LIMITS, ...limits }));
  previousCheck = check.catch(() => undefined);
  return check;
}

function checkInWorker(bytes: Buffer, { deadlineMs, memoryGrowthBytes }: ScanCheckLimits): Promise<ScanCheck> {
  // Small buffers share their memory with others (Node's buffer pool): those are copied into memory
  // of their own (a Uint8Array, never pooled), not handed over.
  const ownsItsMemory = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const owned: Uint8Array = ownsItsMemory ? bytes : new Uint8Array(bytes);
  const handover: ScanHandover = { buffer: owned.buffer as ArrayBuffer, byteOffset: owned.byteOffset, byteLength: owned.byteLength };
  const { code, eval: isCode } = workerCode('inspect-scan.cjs', new URL('./inspect-worker.ts', import.meta.url));
  const worker = new Worker(code, { eval: isCode, workerData: handover, transferList: [handover.buffer], resourceLimits: SCAN_CHECK_MEMORY });

  return new Promise<ScanCheck>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(memoryWatch);
      // Answered once the thread is gone, with its memory: the next check starts only then.
      void worker.terminate().finally(outcome);
    };
    const tooComplex = () => settle(() => resolve({ ok: false, problem: 'tooComplex' }));
    const deadline = setTimeout(tooComplex, deadlineMs);
    const memoryBefore = process.memoryUsage.rss();
    const memoryWatch = setInterval(() => {
      if (process.memoryUsage.rss() - memoryBefore > memoryGrowthBytes) tooComplex();
    }, CHECK_MEMORY_POLL_MS);

    worker.once('message', ({ inspection, buffer }: { inspection: ScanInspection; buffer: ArrayBuffer }) =>
      settle(() => resolve(inspection.ok ? { ...inspection, bytes: Buffer.from(buffer, handover.byteOffset, handover.byteLength) } : inspection)),
    );
    worker.once('error', (error: Error & { code?: string }) => {
      // A thread that outgrows its heap is stopped by V8 and ends with this error; the desk carries on.
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') tooComplex();
      else settle(() => reject(error));
    });
    worker.once('exit', (exitCode) => settle(() => reject(new Error(`The scan check ended (${exitCode}) without an answer`))));
  });
}
