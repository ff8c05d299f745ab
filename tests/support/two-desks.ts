import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { expectOk, openTestWasl, tempDir, type TestWasl } from './database';

/**
 * Two desks of one office paired with a real office server on loopback: desk A paired with the
 * server's code, desk B with a code desk A made, as an office adds its second desk. For the tests of
 * a record that travels between desks.
 */
export interface TwoDesks {
  server: OfficeServer;
  deskA: TestWasl;
  deskB: TestWasl;
  /** A, B, then A again: what either made has reached the other. */
  syncBoth(): Promise<void>;
  close(): Promise<void>;
}

export const callOn = async <T>(desk: TestWasl, name: string, input: unknown): Promise<T> => expectOk<T>(await desk.dispatch(name, input));

/** The desk's own connection, to read what the sync wrote. */
export const sqliteOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.sqlite;

export async function openTwoDesks(): Promise<TwoDesks> {
  const deskA = await openTestWasl();
  const deskB = await openTestWasl();
  const server = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
  const address = `127.0.0.1:${server.port}`;
  const { code } = await createPairingCode(server.database.db, new Date());
  expectOk(await deskA.dispatch('office.pair', { address, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
  const made = await callOn<PairingCodeMade>(deskA, 'office.newPairingCode', {});
  expectOk(await deskB.dispatch('office.pair', { address, fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
  const syncBoth = async () => {
    for (const desk of [deskA, deskB, deskA]) await callOn<OfficeStatus>(desk, 'office.syncNow', {});
  };
  await syncBoth();
  return {
    server,
    deskA,
    deskB,
    syncBoth,
    async close() {
      await deskA.cleanup();
      await deskB.cleanup();
      await server.close();
    },
  };
}
