// The check of one scan, in a thread of its own (started by inspect-in-worker.ts): it takes the
// bytes it is handed, answers once, with the bytes handed back, and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { inspectScan } from './inspect';
import type { ScanHandover } from './inspect-in-worker';

const { buffer, byteOffset, byteLength } = workerData as ScanHandover;

void inspectScan(Buffer.from(buffer, byteOffset, byteLength)).then((inspection) => {
  parentPort?.postMessage({ inspection, buffer }, [buffer]);
});
