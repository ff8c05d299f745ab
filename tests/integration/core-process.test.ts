// The core (database, session, services) runs in a process of its own, started by the host: calls
// cross to it and back, a core killed in the middle of work is started again with nothing it had
// acknowledged lost, and a core that cannot start says why in both languages.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { SessionState } from '../../electron/api/session';
import { forkCoreProcess } from '../../electron/hosts/core-child';
import { CoreStartError, startCore, type CoreLink } from '../../electron/hosts/core-link';
import { ADMIN, expectOk, openTestWasl, signInAs, tempDir, validFields } from '../support/database';

const running: CoreLink[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const core of running.splice(0)) await core.close(false);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A data folder set up with its first administrator, closed again: the core opens it. */
async function setUpFolder(): Promise<string> {
  const setUp = await openTestWasl();
  await setUp.close();
  folders.push(setUp.dir);
  return setUp.databasePath;
}

async function startTestCore(databasePath: string, options: { maxRestarts?: number } = {}) {
  const logged: string[] = [];
  const restarts: Array<number | null> = [];
  const core = await startCore({
    startProcess: forkCoreProcess,
    options: { databasePath, appVersion: '0.0.0-test' },
    logError: (error) => logged.push(String(error)),
    onRestart: (code) => restarts.push(code),
    maxRestarts: options.maxRestarts,
  });
  running.push(core);
  return { core, logged, restarts };
}

describe('the core in a process of its own', () => {
  it('answers calls as the core in this process would, from another process', async () => {
    const { core } = await startTestCore(await setUpFolder());
    expect(core.pid).not.toBe(process.pid);
    expect(expectOk<SessionState>(await core.dispatch('session.state', {})).stage).toBe('signedOut');
    await signInAs(core.dispatch, ADMIN.username, ADMIN.password);
    const registered = expectOk<BeneficiaryDetail>(await core.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'نورة', gender: 'female' }) }));
    expect(expectOk<BeneficiaryDetail>(await core.dispatch('beneficiaries.get', { id: registered.id })).firstName).toBe('نورة');
    // Refusals cross as answers, not as failures of the link.
    const refused = await core.dispatch('beneficiaries.get', { id: 'not-an-id' });
    expect(refused.ok).toBe(false);
    expect(await core.dispatch('no.such.call', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  }, 60_000);

  it('is started again when killed mid-work: calls in flight are answered "restarted", and every acknowledged write is kept', async () => {
    const databasePath = await setUpFolder();
    const { core, restarts } = await startTestCore(databasePath);
    await signInAs(core.dispatch, ADMIN.username, ADMIN.password);
    const killedPid = core.pid!;

    const acknowledged: string[] = [];
    const ended: Array<{ code: string }> = [];
    // Four officers' worth of registrations at once, until the core stops answering them.
    const writers = Array.from({ length: 4 }, async () => {
      for (;;) {
        const result = await core.dispatch('beneficiaries.register', { fields: validFields() });
        if (!result.ok) {
          ended.push({ code: result.error.code });
          return;
        }
        acknowledged.push((result.value as BeneficiaryDetail).id);
      }
    });
    await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
    process.kill(killedPid, 'SIGKILL');
    await Promise.all(writers);

    // Each writer learnt that the core restarted (its call in flight) or that the session is gone (the next one).
    expect(ended).toHaveLength(4);
    for (const { code } of ended) expect(['restarted', 'unauthenticated']).toContain(code);
    expect(ended.some(({ code }) => code === 'restarted')).toBe(true);
    expect(restarts).toHaveLength(1);
    expect(core.pid).not.toBe(killedPid);

    // The sign-in screen says what happened, until someone signs in.
    const state = expectOk<SessionState>(await core.dispatch('session.state', {}));
    expect(state).toMatchObject({ stage: 'signedOut', restarted: true });
    const signedIn = await signInAs(core.dispatch, ADMIN.username, ADMIN.password);
    expect(signedIn.restarted).toBe(false);
    for (const id of acknowledged) expect(expectOk<BeneficiaryDetail>(await core.dispatch('beneficiaries.get', { id })).id).toBe(id);
  }, 90_000);

  it('stops starting a core that keeps stopping, and says so on every call', async () => {
    const { core, logged } = await startTestCore(await setUpFolder(), { maxRestarts: 1 });
    process.kill(core.pid!, 'SIGKILL');
    await expect.poll(async () => (await core.dispatch('session.state', {})).ok, { timeout: 30_000 }).toBe(true);
    process.kill(core.pid!, 'SIGKILL');
    await expect
      .poll(async () => core.dispatch('session.state', {}), { timeout: 30_000 })
      .toEqual({ ok: false, error: { code: 'database_unavailable', messageKey: 'coreStopped' } });
    expect(logged.at(-1)).toMatch(/stopped 2 times within a minute .*not starting it again/);
  }, 90_000);

  it('that cannot start says why, in Arabic and English', async () => {
    const folder = tempDir();
    folders.push(folder);
    // A keyring without its database: Wasl will not make a new, empty one in its place.
    writeFileSync(join(folder, 'wasl.keyring'), '{}');
    const starting = startCore({ startProcess: forkCoreProcess, options: { databasePath: join(folder, 'wasl.db'), appVersion: '0.0.0-test' } });
    const failure = await starting.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CoreStartError);
    expect((failure as CoreStartError).bilingual.en).toMatch(/keyring|database/i);
    expect((failure as CoreStartError).bilingual.ar).toMatch(/[\u0600-\u06FF]/);
  }, 60_000);
});
