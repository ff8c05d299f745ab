// A print that hangs is stopped at its deadline with a message the user can read; one that finishes
// in time is answered as it is, and a late failure of an abandoned print is not an unhandled error.
import { describe, expect, it } from 'vitest';
import { withinPrintDeadline } from '../../electron/hosts/print-deadline';

describe('the print deadline', () => {
  it('answers a print that finishes in time', async () => {
    await expect(withinPrintDeadline(Promise.resolve(Buffer.from('%PDF')), 50)).resolves.toEqual(Buffer.from('%PDF'));
  });

  it('stops one that hangs with a readable refusal', async () => {
    const hanging = new Promise<Buffer>(() => undefined);
    await expect(withinPrintDeadline(hanging, 20)).rejects.toMatchObject({ code: 'rule', messageKey: 'exports.printTimedOut' });
  });

  it('lets an abandoned print fail later without an unhandled rejection', async () => {
    let fail: (error: Error) => void = () => undefined;
    const late = new Promise<Buffer>((_, reject) => {
      fail = reject;
    });
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      await expect(withinPrintDeadline(late, 10)).rejects.toMatchObject({ messageKey: 'exports.printTimedOut' });
      fail(new Error('page closed'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
