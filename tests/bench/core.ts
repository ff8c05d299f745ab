/**
 * The desk while a backup runs beside it, and the cost of the hop from a host to the core's process.
 */
import { performance } from 'node:perf_hooks';
import type { Result } from '../../electron/api/result';
import type { Wasl } from '../../electron/core/open-wasl';
import { openWasl } from '../../electron/core/open-wasl';
import { forkCoreProcess } from '../../electron/hosts/core-child';
import { startCore } from '../../electron/hosts/core-link';
import type { GeneratedBeneficiary } from '../../electron/tools/seed/generate';

interface Output {
  line: (name: string, value: number, unit: string, digits?: number) => void;
  comment: (text: string) => void;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function mustBeOk(result: Result<unknown>, what: string): void {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
}

/**
 * An officer's searches and registrations, one after the other, through the dispatcher, for as long
 * as a manual backup (copy, integrity check of the copy, copy to the folder) of the whole bench
 * database runs. The backup's folder must be configured; `wasl` must be signed in.
 */
export async function benchWhileBackingUp(wasl: Wasl, searchTexts: readonly string[], newcomers: readonly GeneratedBeneficiary[], { line, comment }: Output): Promise<void> {
  const searches: number[] = [];
  const registrations: number[] = [];
  const started = performance.now();
  let running = true;
  const backup = wasl.dispatch('backups.run', { kind: 'manual' }).finally(() => (running = false));
  let turn = 0;
  while (running) {
    const query = searchTexts[turn % searchTexts.length]!;
    const searchStarted = performance.now();
    mustBeOk(await wasl.dispatch('search.beneficiaries', { query }), 'search');
    searches.push(performance.now() - searchStarted);
    const person = newcomers[turn];
    if (person) {
      const registerStarted = performance.now();
      mustBeOk(await wasl.dispatch('beneficiaries.register', { fields: person.input, confirmNotDuplicate: true }), 'register');
      registrations.push(performance.now() - registerStarted);
    }
    turn += 1;
    // Calls reach the core as messages, between which its thread handles others (the jobs' thread's
    // answers among them); calls awaited back to back here would never let it.
    await new Promise((resolve) => setImmediate(resolve));
  }
  mustBeOk(await backup, 'backup');
  const seconds = (performance.now() - started) / 1000;
  line('search_p95_during_backup', percentile(searches, 0.95), 'ms');
  line('register_p95_during_backup', percentile(registrations, 0.95), 'ms');
  comment(
    `method: ${searches.length} searches and ${registrations.length} registrations, one after the other through the dispatcher, ` +
      `while a manual backup of the bench database ran beside them (${seconds.toFixed(1)} s: the copy and its check in the jobs' thread, then the copy to the folder)`,
  );
}

const HOP_CALLS = 3000;
const HOP_WARM_UP = 300;

/**
 * The same public call (`session.state`, which reads the keyring already in memory) answered by a
 * core in this process and by a core in a child process through the host's link, as the web host
 * and the Electron shell relay every call.
 */
export async function benchCoreHop(databasePath: string, { line, comment }: Output): Promise<void> {
  const timed = async (dispatch: Wasl['dispatch']) => {
    for (let call = 0; call < HOP_WARM_UP; call += 1) mustBeOk(await dispatch('session.state', {}), 'session.state');
    const times: number[] = [];
    for (let call = 0; call < HOP_CALLS; call += 1) {
      const callStarted = performance.now();
      mustBeOk(await dispatch('session.state', {}), 'session.state');
      times.push(performance.now() - callStarted);
    }
    return times;
  };
  const inProcess = openWasl({ databasePath, appVersion: 'bench' });
  const direct = await timed(inProcess.dispatch);
  await inProcess.close();
  const core = await startCore({ startProcess: forkCoreProcess, options: { databasePath, appVersion: 'bench' } });
  try {
    const relayed = await timed(core.dispatch);
    line('core_hop_p95', percentile(relayed, 0.95) - percentile(direct, 0.5), 'ms', 3);
    comment(
      `method: ${HOP_CALLS} session.state calls after ${HOP_WARM_UP} to warm up, in this process (p50 ${percentile(direct, 0.5).toFixed(3)} ms) ` +
        `and through a core in a child process (p50 ${percentile(relayed, 0.5).toFixed(3)} ms, p95 ${percentile(relayed, 0.95).toFixed(3)} ms); ` +
        'the hop is the relayed p95 less the in-process p50',
    );
  } finally {
    await core.close(false);
  }
}
