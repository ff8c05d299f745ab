import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import type { ValidInput } from '../../api/contract';
import { toLatinDigits } from '../../api/fields/digits';
import type { LetterView, VoidedLetterNumber } from '../../api/letters';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import { appendAudit } from '../audit/log';
import { storeScan, type CheckedScan } from '../attachments/store';
import { stamp, type CallContext } from '../context';
import { nextCount } from '../counters';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;

/** A letter as the register takes it, from the letters desk or from a step of a request. */
export interface NewLetter {
  direction: 'incoming' | 'outgoing';
  /** The sender's number, for an incoming letter; an outgoing letter is numbered here. */
  number: string | null;
  /** Gregorian ISO date written on the letter; today (Riyadh) when not given. */
  letterDate: string | null;
  authorityId: string | null;
  subject: string;
  body: string | null;
  beneficiaryId: string | null;
  requestId: string | null;
  /** Checked before the transaction opens (checkScan). */
  scan: CheckedScan | null;
}

const HIJRI_YEAR = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'Asia/Riyadh', year: 'numeric' });

/** The Umm al-Qura year an instant falls in, in Riyadh ("1448"). */
export function hijriYearOf(now: Date): string {
  return HIJRI_YEAR.formatToParts(now).find((part) => part.type === 'year')?.value ?? '';
}

/**
 * The association's next outgoing number, "1448/0042": counted afresh each Hijri year, the way an
 * outgoing register (الصادر) is kept.
 */
export async function nextOutgoingNumber(trx: Db, context: CallContext): Promise<string> {
  const year = hijriYearOf(context.now);
  const count = await nextCount(trx, outgoingSeries(year), context);
  return outgoingNumber(year, count);
}

const outgoingSeries = (year: string) => `letters.outgoing:${year}`;
const outgoingNumber = (year: string, count: number) => `${year}/${String(count).padStart(4, '0')}`;
/** The year and count of an outgoing number ("1448/0042"); null for a number that is not one. */
function outgoingParts(number: string): { year: string; count: number } | null {
  const match = /^(\d{4})\/(\d+)$/.exec(number);
  return match ? { year: match[1]!, count: Number(match[2]) } : null;
}

/**
 * The outgoing numbers recorded void (services/sync/number-blocks.ts) that stand among a page of the
 * register, so that the register shows no silent gap: each beside the next letter of its year by
 * number, or after the year's last letter. A void number has no authority, person, request, date or
 * subject, so it is shown in the register as a whole (all letters, or the outgoing ones), not in a
 * view narrowed by any of them.
 */
export async function voidedNumbersAmong(db: Db, page: readonly LetterView[], filters: Omit<ValidInput<'letters.list'>, 'limit' | 'offset'>): Promise<VoidedLetterNumber[]> {
  const narrowed =
    filters.direction === 'incoming' ||
    filters.authorityId !== null ||
    filters.beneficiaryId !== null ||
    filters.requestId !== null ||
    filters.linkableTo !== null ||
    filters.from !== null ||
    filters.to !== null ||
    Boolean(filters.text);
  if (narrowed) return [];
  const shownByYear = new Map<string, Map<number, string>>();
  for (const letter of page) {
    const parts = letter.direction === 'outgoing' ? outgoingParts(letter.number) : null;
    if (parts === null) continue;
    const shown = shownByYear.get(parts.year) ?? new Map<number, string>();
    shown.set(parts.count, letter.id);
    shownByYear.set(parts.year, shown);
  }
  const placed: VoidedLetterNumber[] = [];
  for (const [year, shown] of shownByYear) {
    const voids = await db.selectFrom('voided_numbers').select(['number', 'voided_at', 'reason']).where('series', '=', outgoingSeries(year)).orderBy('number').execute();
    if (voids.length === 0) continue;
    const given = (await db.selectFrom('letters').select('number').where('direction', '=', 'outgoing').where('number', 'like', `${year}/%`).execute())
      .map((row) => outgoingParts(row.number)?.count ?? 0)
      .toSorted((a, b) => a - b);
    const last = given.at(-1) ?? 0;
    for (const voided of voids) {
      const next = given.find((count) => count > voided.number);
      const beside = shown.get(next ?? last);
      if (beside === undefined) continue;
      placed.push({ number: outgoingNumber(year, voided.number), voidedAt: voided.voided_at, reason: voided.reason, besideLetterId: beside, after: next === undefined });
    }
  }
  return placed;
}

const refuse = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/**
 * Enters a letter in the register inside the caller's transaction (with its scan, when there is one)
 * and audits it. Answers the letter's id and number.
 */
export async function registerLetter(trx: Db, letter: NewLetter, context: CallContext): Promise<{ id: string; number: string }> {
  if (letter.direction === 'incoming' && !letter.number) throw refuse('number', 'validation.required');
  if (letter.authorityId === null && letter.beneficiaryId === null && letter.requestId === null) throw refuse('authorityId', 'validation.letters.partyRequired');
  if (letter.authorityId !== null) {
    const authority = await trx.selectFrom('authorities').select('active').where('id', '=', letter.authorityId).executeTakeFirst();
    if (!authority) throw notFound('authority');
    // An authority taken off the list keeps its old letters but gets no new ones.
    if (authority.active !== 1) throw refuse('authorityId', 'validation.choice');
  }
  // A letter about a request is about that request's beneficiary.
  let beneficiaryId = letter.beneficiaryId;
  if (letter.requestId !== null) {
    const request = await trx.selectFrom('requests').select('beneficiary_id').where('id', '=', letter.requestId).executeTakeFirst();
    if (!request) throw notFound('request');
    if (beneficiaryId !== null && beneficiaryId !== request.beneficiary_id) throw refuse('requestId', 'validation.letters.requestOfAnother');
    beneficiaryId = request.beneficiary_id;
  }
  if (beneficiaryId !== null) {
    const person = await trx.selectFrom('beneficiaries').select('erased_at').where('id', '=', beneficiaryId).executeTakeFirst();
    if (!person) throw notFound('beneficiary');
    if (person.erased_at !== null) throw new AppError('rule', 'beneficiaries.erased');
  }
  const today = todayInRiyadh(context.now);
  const letterDate = letter.letterDate ?? today;
  if (letterDate > today) throw refuse('letterDate', 'validation.dateInFuture');
  const id = newId();
  // The sender's number as written on the letter, in the digits the register searches by.
  const number = letter.direction === 'outgoing' ? await nextOutgoingNumber(trx, context) : toLatinDigits(letter.number as string).trim();
  const scanId = letter.scan ? await storeScan(trx, letter.scan, context) : null;
  await trx
    .insertInto('letters')
    .values({
      id,
      direction: letter.direction,
      number,
      letter_date: letterDate,
      authority_id: letter.authorityId,
      subject: letter.subject,
      body: letter.body,
      beneficiary_id: beneficiaryId,
      request_id: letter.requestId,
      scan_id: scanId,
      registered_at: context.now.toISOString(),
      ...stamp(context),
    })
    .execute();
  await appendAudit(trx, context, {
    action: 'letter.registered',
    entityType: beneficiaryId ? 'beneficiary' : 'letter',
    entityId: beneficiaryId ?? id,
    summary: { letterId: id, direction: letter.direction, number, requestId: letter.requestId, scan: scanId !== null },
  });
  return { id, number };
}
