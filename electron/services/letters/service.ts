import { sql, type Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { toLatinDigits } from '../../api/fields/digits';
import { scanLabel, type ScanMediaType } from '../../api/fields/scan';
import type { LetterPage, LetterScan, LetterView } from '../../api/letters';
import type { AttachmentTable, DatabaseSchema, LetterTable } from '../../../db/schema';
import { checkScan } from '../attachments/store';
import { fetchScan } from '../sync/blobs';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { requireHeldBeneficiary } from '../contacts/service';
import { restamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { ATTACHMENT_COLUMNS, erasedValues, LETTER_COLUMNS } from '../personal-data/tables';
import { registerLetter, voidedNumbersAmong } from './register';
import { scanFileName } from './scan-name';

type Db = Kysely<DatabaseSchema>;

/** Enters a letter from the letters desk in the register (with its scan), and answers it as the register shows it. */
export async function registerLetterFromDesk(db: Db, input: ValidInput<'letters.register'>, context: CallContext): Promise<LetterView> {
  const outgoing = input.direction === 'outgoing';
  const scan = input.scan ? await checkScan(input.scan) : null;
  const { id } = await db.transaction().execute((trx) =>
    registerLetter(
      trx,
      {
        direction: input.direction,
        // Outgoing letters take the association's next number, whatever was typed.
        number: outgoing ? null : input.number,
        letterDate: input.letterDate,
        authorityId: input.authorityId,
        subject: input.subject,
        body: outgoing ? input.body : null,
        beneficiaryId: input.beneficiaryId,
        requestId: input.requestId,
        scan,
      },
      context,
    ),
  );
  return getLetter(db, id);
}

/**
 * Links a letter registered without its person or request to them, afterwards: to a person, to one
 * of their requests, or to a request (whose person it then concerns too). What is linked stays
 * linked: a letter already about someone, or already on a request, is refused rather than moved.
 */
export async function linkLetter(db: Db, input: ValidInput<'letters.link'>, context: CallContext): Promise<LetterView> {
  await db.transaction().execute(async (trx) => {
    const letter = await trx.selectFrom('letters').select(['id', 'number', 'beneficiary_id', 'request_id']).where('id', '=', input.id).executeTakeFirst();
    if (!letter) throw notFound('letter');
    if (input.beneficiaryId !== null && letter.beneficiary_id !== null) throw new AppError('rule', 'letters.alreadyLinkedToPerson');
    if (input.requestId !== null && letter.request_id !== null) throw new AppError('rule', 'letters.alreadyLinkedToRequest');
    let beneficiaryId = input.beneficiaryId ?? letter.beneficiary_id;
    if (input.requestId !== null) {
      const request = await trx.selectFrom('requests').select('beneficiary_id').where('id', '=', input.requestId).executeTakeFirst();
      if (!request) throw notFound('request');
      if (beneficiaryId !== null && beneficiaryId !== request.beneficiary_id) throw refuseField('requestId', 'validation.letters.requestOfAnother');
      beneficiaryId = request.beneficiary_id;
    }
    // A new link to a person whose data was destroyed would be new personal data about them.
    if (beneficiaryId !== null) await requireHeldBeneficiary(trx, beneficiaryId);
    await trx
      .updateTable('letters')
      .set({ beneficiary_id: beneficiaryId, request_id: input.requestId ?? letter.request_id, ...restamp(context) })
      .where('id', '=', letter.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'letter.linked',
      entityType: beneficiaryId ? 'beneficiary' : 'letter',
      entityId: beneficiaryId ?? letter.id,
      summary: { letterId: letter.id, number: letter.number, requestId: input.requestId },
    });
  });
  return getLetter(db, input.id);
}

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/**
 * The register, newest first (by the date on the letter, then by when it was registered), a page at
 * a time, with the number of letters matching the filters.
 */
/** The letters matching the register's filters, unordered and unpaged: the register's page and its export read the same rows. */
export function letterListQuery(db: Db, input: Omit<ValidInput<'letters.list'>, 'limit' | 'offset'>) {
  let filtered = db.selectFrom('letters as l');
  if (input.direction) filtered = filtered.where('l.direction', '=', input.direction);
  if (input.authorityId !== null) filtered = filtered.where('l.authority_id', '=', input.authorityId);
  if (input.beneficiaryId !== null) filtered = filtered.where('l.beneficiary_id', '=', input.beneficiaryId);
  if (input.requestId !== null) filtered = filtered.where('l.request_id', '=', input.requestId);
  if (input.linkableTo !== null) {
    const { beneficiaryId, requestId } = input.linkableTo;
    if (requestId !== null) {
      // On no request yet, and about nobody or about the request's own person.
      filtered = filtered
        .where('l.request_id', 'is', null)
        .where((eb) =>
          eb.or([
            eb('l.beneficiary_id', 'is', null),
            eb('l.beneficiary_id', '=', eb.selectFrom('requests').select('requests.beneficiary_id').where('requests.id', '=', requestId)),
          ]),
        );
    } else if (beneficiaryId !== null) {
      filtered = filtered.where('l.beneficiary_id', 'is', null);
    }
  }
  if (input.from !== null) filtered = filtered.where('l.letter_date', '>=', input.from);
  if (input.to !== null) filtered = filtered.where('l.letter_date', '<=', input.to);
  const typed = input.text ? toSearchPattern(input.text) : null;
  if (typed !== null) {
    filtered = filtered.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('l.number')} LIKE ${typed.number} ESCAPE '\\'`,
        sql<boolean>`${eb.ref('l.subject')} LIKE ${typed.subject} ESCAPE '\\'`,
      ]),
    );
  }
  return filtered;
}

export async function listLetters(db: Db, input: ValidInput<'letters.list'>): Promise<LetterPage> {
  const filtered = letterListQuery(db, input);
  const counted = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await filtered
    .select('l.id')
    .orderBy('l.letter_date', 'desc')
    .orderBy('l.registered_at', 'desc')
    .orderBy('l.seq', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const rows = await lettersByIds(
    db,
    ids.map((row) => row.id),
  );
  return { rows, total: Number(counted.n), voided: await voidedNumbersAmong(db, rows, input) };
}

export async function getLetter(db: Db, id: string): Promise<LetterView> {
  const [letter] = await lettersByIds(db, [id]);
  if (!letter) throw notFound('letter');
  return letter;
}

/**
 * A letter as the desk opens it: what it says about the person is their personal data, so the
 * viewing is recorded (against the person, when the letter is about one), naming the letter.
 */
export async function viewLetter(db: Db, id: string, context: CallContext): Promise<LetterView> {
  const letter = await getLetter(db, id);
  await recordLetterViewed(db, letter, 'letter.viewed', context);
  return letter;
}

/** Records that a letter, or its printable document, was seen: on the person's trail when it is about one. */
export async function recordLetterViewed(
  db: Db,
  letter: Pick<LetterView, 'id' | 'number' | 'beneficiary'>,
  action: 'letter.viewed' | 'letter.documentViewed',
  context: CallContext,
): Promise<void> {
  await appendAudit(db, context, {
    action,
    entityType: letter.beneficiary ? 'beneficiary' : 'letter',
    entityId: letter.beneficiary?.id ?? letter.id,
    summary: { letterId: letter.id, number: letter.number },
  });
}

/**
 * A letter's scan, to show on the desk. Seeing a scan is seeing the personal data written on it, so
 * every viewing is recorded (against the person, when the letter is about one).
 */
export async function viewLetterScan(db: Db, id: string, context: CallContext): Promise<LetterScan> {
  const row = await db
    .selectFrom('letters as l')
    .leftJoin('attachments as a', 'a.id', 'l.scan_id')
    .select(['l.id', 'l.direction', 'l.number', 'l.letter_date', 'l.beneficiary_id', 'l.scan_id', 'a.file_name', 'a.media_type', 'a.content', 'a.erased_at'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('letter');
  if (row.scan_id === null || row.media_type === null) throw notFound('attachment');
  if (row.erased_at !== null) throw new AppError('rule', 'letters.scanErased');
  // A scan filed at another desk of the office is fetched the first time it is opened here, and kept.
  const content = row.content ?? (await fetchScan(db, row.scan_id));
  await appendAudit(db, context, {
    action: 'letter.scanViewed',
    entityType: row.beneficiary_id ? 'beneficiary' : 'letter',
    entityId: row.beneficiary_id ?? row.id,
    summary: { letterId: row.id, number: row.number, attachmentId: row.scan_id },
  });
  const mediaType = row.media_type as ScanMediaType;
  return {
    fileName: scanFileName({ direction: row.direction, number: row.number, letterDate: row.letter_date }, mediaType),
    // Cleaned again as it is read: scans kept before names were cleaned hold them as typed.
    label: scanLabel(row.file_name ?? ''),
    mediaType,
    contentBase64: content.toString('base64'),
  };
}

/** Every letter about one person, newest first: for the subject-access document. */
export async function lettersOf(db: Db, beneficiaryId: string): Promise<LetterView[]> {
  const ids = await db
    .selectFrom('letters')
    .select('id')
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('registered_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return lettersByIds(
    db,
    ids.map((row) => row.id),
  );
}

/**
 * The letters part of erasing a person's personal data, inside the erasure's transaction: what the
 * letters said and their scans go; the rows stay with their numbers, dates, direction and bodies, so
 * the register keeps its sequence and past counts hold. Answers how many went, for the erasure's record.
 */
export async function eraseLettersOf(trx: Db, beneficiaryId: string, context: CallContext): Promise<{ letters: number; scans: number }> {
  const scans = await trx
    .updateTable('attachments')
    // A scan's bytes and file name (often the person's name) go; its size and digest say nothing about them: ATTACHMENT_COLUMNS.
    // erased_at also tells the office's other desks that the bytes they fetched go, and the server forgets its copy.
    .set({ ...erasedValues<AttachmentTable>(ATTACHMENT_COLUMNS, { beneficiaryId }), erased_at: context.now.toISOString(), ...restamp(context) })
    .where('id', 'in', (eb) => eb.selectFrom('letters').select('scan_id').where('beneficiary_id', '=', beneficiaryId).where('scan_id', 'is not', null))
    // A scan filed at another desk and never opened here has no bytes here, and is erased all the same.
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  const letters = await trx
    .updateTable('letters')
    // The subject becomes the marker an erased person's name and contacts carry, so the register shows
    // why the line is empty; each column's rule is in LETTER_COLUMNS.
    .set({ ...erasedValues<LetterTable>(LETTER_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirst();
  return { letters: Number(letters.numUpdatedRows), scans: Number(scans.numUpdatedRows) };
}

/** The letters with these ids, as the register shows them, in the order given. */
async function lettersByIds(db: Db, ids: readonly string[]): Promise<LetterView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('letters as l')
    .innerJoin('users as u', 'u.id', 'l.created_by')
    .leftJoin('authorities as au', 'au.id', 'l.authority_id')
    .leftJoin('beneficiaries as b', 'b.id', 'l.beneficiary_id')
    .leftJoin('requests as r', 'r.id', 'l.request_id')
    .leftJoin('attachments as a', 'a.id', 'l.scan_id')
    .select([
      'l.id',
      'l.direction',
      'l.number',
      'l.letter_date',
      'l.authority_id',
      'l.subject',
      'l.body',
      'l.beneficiary_id',
      'l.request_id',
      'l.scan_id',
      'l.registered_at',
      'l.created_by',
      'u.display_name as registered_by_name',
      'au.name_ar as authority_name_ar',
      'au.name_en as authority_name_en',
      'b.first_name',
      'b.father_name',
      'b.grandfather_name',
      'b.family_name',
      'b.file_number',
      'b.erased_at',
      'r.number as request_number',
      'a.file_name as scan_file_name',
      'a.media_type as scan_media_type',
      'a.size as scan_size',
      // Whether the scan was destroyed (a scan filed at another desk may not have been fetched yet).
      sql<number | null>`a.erased_at IS NOT NULL`.as('scan_erased'),
    ])
    .where('l.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const scanErased = row.scan_id !== null && row.scan_erased === 1;
    const view: LetterView = {
      id: row.id,
      direction: row.direction,
      number: row.number,
      letterDate: row.letter_date,
      authority: row.authority_id === null ? null : { id: row.authority_id, nameAr: row.authority_name_ar ?? '', nameEn: row.authority_name_en ?? null },
      subject: row.subject,
      body: row.body,
      beneficiary:
        row.beneficiary_id === null
          ? null
          : {
              id: row.beneficiary_id,
              name: fullNameOf({
                first_name: row.first_name ?? '',
                father_name: row.father_name ?? '',
                grandfather_name: row.grandfather_name ?? '',
                family_name: row.family_name ?? '',
              }),
              fileNumber: row.file_number ?? '',
            },
      request: row.request_id === null ? null : { id: row.request_id, number: row.request_number ?? '' },
      scan:
        row.scan_id === null || scanErased || row.scan_media_type === null
          ? null
          : {
              fileName: scanFileName({ direction: row.direction, number: row.number, letterDate: row.letter_date }, row.scan_media_type),
              label: scanLabel(row.scan_file_name ?? ''),
              mediaType: row.scan_media_type,
              size: row.scan_size ?? 0,
            },
      scanErased,
      erased: row.erased_at !== null && row.erased_at !== undefined,
      registeredAt: row.registered_at,
      registeredBy: { id: row.created_by, displayName: row.registered_by_name },
    };
    return [view];
  });
}

/** LIKE patterns for "contains": the typed text with LIKE's own characters escaped. */
function toSearchPattern(typed: string): { number: string; subject: string } | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  const escape = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);
  // Numbers are stored in Latin digits; a subject keeps the digits as typed.
  return { number: `%${escape(toLatinDigits(trimmed))}%`, subject: `%${escape(trimmed)}%` };
}
