import { describe, expect, it } from 'vitest';
import type { LetterPage, LetterView, VoidedLetterNumber } from '../../../electron/api/letters';
import { registerLines } from '../../../renderer/features/letters/register-lines';

const letter = (id: string, number: string): LetterView =>
  ({ id, direction: 'outgoing', number, letterDate: '2027-06-01' }) as LetterView;

const voided = (number: string, besideLetterId: string, after: boolean): VoidedLetterNumber => ({
  number,
  voidedAt: '2027-06-05T21:30:00.000Z',
  reason: 'year_ended',
  besideLetterId,
  after,
});

const numbersOf = (page: LetterPage) => registerLines(page).map((line) => (line.letter ? line.letter.number : `void ${line.voided.number}`));

describe('the letters register’s lines', () => {
  it('show each void number in its place by number, newest first: after the year’s last letter above it, a gap below the letter that follows it', () => {
    const page: LetterPage = {
      rows: [letter('c', '1448/0025'), letter('b', '1448/0022'), letter('a', '1448/0021')],
      total: 3,
      voided: [voided('1448/0023', 'c', false), voided('1448/0027', 'c', true), voided('1448/0024', 'c', false), voided('1448/0026', 'c', true)],
    };
    expect(numbersOf(page)).toEqual(['void 1448/0027', 'void 1448/0026', '1448/0025', 'void 1448/0024', 'void 1448/0023', '1448/0022', '1448/0021']);
  });

  it('are the letters alone when nothing was voided', () => {
    const page: LetterPage = { rows: [letter('b', '1448/0002'), letter('a', '1448/0001')], total: 2, voided: [] };
    expect(numbersOf(page)).toEqual(['1448/0002', '1448/0001']);
  });
});
