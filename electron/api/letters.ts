import { z } from 'zod';
import { call } from './define';
import { toLatinDigits } from './fields/digits';
import { scanFile, type ScanMediaType } from './fields/scan';
import { id, optionalIsoDate, optionalText, orNull, pageSize, requiredText, text } from './fields/schemas';

/** The register's two books: letters received (الوارد) and letters sent (الصادر). */
export const LETTER_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type LetterDirection = (typeof LETTER_DIRECTIONS)[number];

/** A body letters are sent to or received from, from the list the administrator keeps. */
export interface AuthorityView {
  id: string;
  nameAr: string;
  nameEn: string | null;
  /** An inactive body is no longer offered for new letters; the letters already registered keep it. */
  active: boolean;
}

export interface LetterView {
  id: string;
  direction: LetterDirection;
  /** Ours ("1448/0042") for an outgoing letter; the sender's for an incoming one. */
  number: string;
  /** Gregorian ISO date written on the letter. */
  letterDate: string;
  authority: { id: string; nameAr: string; nameEn: string | null } | null;
  subject: string;
  body: string | null;
  beneficiary: { id: string; name: string; fileNumber: string } | null;
  request: { id: string; number: string } | null;
  /** The scan's description; null when there is none, or when it was destroyed (then `scanErased`). */
  scan: ScanDescription | null;
  scanErased: boolean;
  /** The letter was about a person whose personal data was destroyed: its subject and text are gone. */
  erased: boolean;
  registeredAt: string;
  registeredBy: { id: string; displayName: string };
}

export interface LetterPage {
  rows: LetterView[];
  total: number;
  /** The outgoing numbers recorded void that stand among this page's letters, each beside the letter it is shown next to. */
  voided: VoidedLetterNumber[];
}

/**
 * An outgoing number the office reserved for a desk and that was never given (its year ended
 * first): the register shows it, marked void, in its place among the letters of its year.
 */
export interface VoidedLetterNumber {
  /** "1448/0024", as a letter's number reads. */
  number: string;
  voidedAt: string;
  reason: 'year_ended';
  /** The letter it is shown beside: the next letter of its year by number, or the year's last letter. */
  besideLetterId: string;
  /** Numbered after that letter (it is the year's last): shown before it in the register's newest-first order. */
  after: boolean;
}

/** A letter's scan, without its bytes. */
export interface ScanDescription {
  /**
   * The name the file is saved under: Wasl's, from the letter's number and what the bytes are
   * (`letter-1448-0007.pdf`), never from what the file was called.
   */
  fileName: string;
  /** The name the file had when it was chosen, cleaned (see `scanLabel`): shown beside the letter, never used to save it. */
  label: string;
  mediaType: ScanMediaType;
  size: number;
}

/** A scan's bytes, to show or save on the desk that asked. */
export interface LetterScan {
  fileName: string;
  label: string;
  mediaType: ScanMediaType;
  contentBase64: string;
}

/** A letter on the association's letterhead: a self-contained HTML page that prints on A4. */
export interface LetterDocument {
  html: string;
  fileName: string;
}

/** A letter printed on the letterhead as an A4 PDF, to save: its bytes travel as base64. */
export interface LetterPdf {
  /** The letter's number and date, in the officer's language (`خطاب-1448-0007-2026-12-06.pdf`). */
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
  /** The letter's number, to say which letter was saved. */
  number: string;
}

/** A letter's number as typed: digits in any form, kept in Latin digits so a search finds it either way. */
const letterNumber = optionalText(60).transform((value) => (value === null ? null : toLatinDigits(value)));

export const registerLetterInput = z
  .object({
    direction: z.enum(LETTER_DIRECTIONS, { error: 'validation.choice' }),
    /** The sender's number; an outgoing letter is numbered by the register and any number sent is ignored. */
    number: letterNumber,
    /** Today when not given. */
    letterDate: optionalIsoDate,
    authorityId: orNull(id),
    subject: requiredText(300),
    /** The text of an outgoing letter, printed on the letterhead; an incoming letter's text is its scan. */
    body: optionalText(10_000),
    beneficiaryId: orNull(id),
    requestId: orNull(id),
    scan: scanFile.nullish().transform((scan) => scan ?? null),
  })
  .superRefine((input, context) => {
    // The register checks these again; here they are reported together with the other fields.
    if (input.direction === 'incoming' && input.number === null) {
      context.addIssue({ code: 'custom', path: ['number'], message: 'validation.required' });
    }
    if (input.authorityId === null && input.beneficiaryId === null) {
      context.addIssue({ code: 'custom', path: ['authorityId'], message: 'validation.letters.partyRequired' });
    }
  });

export type RegisterLetterInput = z.input<typeof registerLetterInput>;

export const listLettersInput = z.object({
  direction: z.enum(LETTER_DIRECTIONS, { error: 'validation.choice' }).nullish(),
  authorityId: orNull(id),
  /** Letter dates from and to (both included). */
  from: optionalIsoDate,
  to: optionalIsoDate,
  /** Part of the number or of the subject. */
  text: text(100).nullish(),
  beneficiaryId: orNull(id),
  requestId: orNull(id),
  /**
   * Only the letters that could still be linked there: for a person, those about nobody; for a
   * request, those on no request, about nobody or about the request's person.
   */
  linkableTo: z
    .object({ beneficiaryId: orNull(id), requestId: orNull(id) })
    .nullish()
    .transform((target) => target ?? null),
  limit: pageSize.default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

export type ListLettersInput = z.input<typeof listLettersInput>;

/** A letter registered without its person or request, linked to them later. */
export const linkLetterInput = z
  .object({
    id,
    beneficiaryId: orNull(id),
    /** A letter on a request is about the request's person: linking to a request links to them too. */
    requestId: orNull(id),
  })
  .superRefine((input, context) => {
    if (input.beneficiaryId === null && input.requestId === null) {
      context.addIssue({ code: 'custom', path: ['beneficiaryId'], message: 'validation.letters.linkWhom' });
    }
  });

export type LinkLetterInput = z.input<typeof linkLetterInput>;

export const saveAuthorityInput = z.object({
  /** The body to change; none adds a new one. */
  id: orNull(id),
  nameAr: requiredText(200).transform((name) => name.replace(/\s+/g, ' ')),
  nameEn: optionalText(200),
  active: z.boolean({ error: 'validation.choice' }).default(true),
});

export type SaveAuthorityInput = z.input<typeof saveAuthorityInput>;

export const lettersCalls = {
  'authorities.list': call('letters.register', z.object({ includeInactive: z.boolean().optional() })).returns<AuthorityView[]>(),
  'authorities.save': call('catalog.manage', saveAuthorityInput).returns<AuthorityView>(),
  'letters.register': call('letters.register', registerLetterInput).returns<LetterView>(),
  'letters.list': call('letters.register', listLettersInput).returns<LetterPage>(),
  'letters.get': call('letters.register', z.object({ id })).returns<LetterView>(),
  /** A scan's bytes: viewing one is access to personal data, and is audited. */
  'letters.scan': call('letters.register', z.object({ id })).returns<LetterScan>(),
  /** An outgoing letter on the letterhead, to print. */
  'letters.document': call('letters.register', z.object({ id })).returns<LetterDocument>(),
  /** The same letter printed as a PDF, as the report is printed, named in the officer's language. */
  'letters.pdf': call('letters.register', z.object({ id, language: z.enum(['ar', 'en'], { error: 'validation.choice' }).default('ar') })).returns<LetterPdf>(),
  /** Links a letter to the person and/or request it was registered without. */
  'letters.link': call('letters.register', linkLetterInput).returns<LetterView>(),
};
