/**
 * The Excel export of the whole registry, in a process of its own so that its memory is the
 * export's and not the seeding's: signs in, exports every beneficiary to .xlsx through the
 * dispatcher (start, progress, take, as the screen does), and prints the time, the file's size, and
 * the resident memory before the export and at its highest while it runs. The memory is sampled:
 * getrusage's high-water mark would not do, since Linux keeps it across exec and it would show the
 * memory of the process that started this one.
 *
 *   tsx tests/bench/export-excel.ts --db PATH --user NAME --password PASSWORD
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ExportFile, ExportJob } from '../../electron/api/exports';
import type { Result } from '../../electron/api/result';
import { openWasl } from '../../electron/core/open-wasl';

function expectOk<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } } });
  const wasl = openWasl({ databasePath: values.db ?? '', appVersion: 'bench' });
  try {
    expectOk(await wasl.dispatch('session.signIn', { username: values.user ?? '', password: values.password ?? '' }), 'sign in');
    // Signing in derives the key with scrypt at OWASP's cost (128 MB, freed afterwards): the export's
    // memory is read while it runs, every 10 ms.
    const before = process.memoryUsage().rss / 1024 / 1024;
    let peakDuring = before;
    const sampler = setInterval(() => {
      peakDuring = Math.max(peakDuring, process.memoryUsage().rss / 1024 / 1024);
    }, 10);
    const started = performance.now();
    let job = expectOk<ExportJob>(await wasl.dispatch('exports.start', { subject: { kind: 'beneficiaries' }, format: 'xlsx', language: 'ar' }), 'start');
    let polls = 0;
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = expectOk<ExportJob>(await wasl.dispatch('exports.status', { id: job.id }), 'status');
      polls += 1;
    }
    const file = expectOk<ExportFile>(await wasl.dispatch('exports.take', { id: job.id }), 'take');
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakDuring = Math.max(peakDuring, process.memoryUsage().rss / 1024 / 1024);
    console.log(
      JSON.stringify({
        rows: file.count,
        seconds,
        bytes: Buffer.byteLength(file.base64, 'base64'),
        rssBeforeMb: before,
        peakRssDuringMb: peakDuring,
        polls,
      }),
    );
  } finally {
    await wasl.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
