import { z } from 'zod';
import { toLatinDigits } from './digits';
import { normalizeSaudiPhone } from './phone';

/**
 * Field schemas shared by every area. Error messages are keys of the `errors` locale namespace,
 * so the renderer shows them in the officer's language at the field.
 */

/** A missing value asks for it; a value of the wrong kind asks for text. */
const textError = (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'validation.required' : 'validation.text');

/**
 * Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) are removed, not refused: text
 * pasted from a word processor carries them without the officer seeing them, and they only steer how
 * the characters around them are laid out, so nothing typed is lost without them. Kept, they could
 * turn around what a person reads (`letter\u202Efdp.hta` shows as `letterath.pdf`) or leak their
 * direction into the next cell of a file. The marks an Arabic writer does use, RLM, LRM and ALM
 * (U+200F, U+200E, U+061C), only set the direction of the characters beside them and are kept.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Controls of C0 (but tab and line breaks), DEL and C1: no keyboard types them and they corrupt files. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Non-characters (U+FFFE, U+FFFF, U+FDD0–FDEF and their like in every plane) and halves of a surrogate
 * pair without the other half are refused rather than removed: no keyboard types them, so they are a
 * damaged paste or a probe, and a workbook's XML cannot hold them (Excel refuses the whole file).
 */
const NOT_TEXT = /[\p{Noncharacter_Code_Point}\p{Surrogate}]/u;

/** Whether a string holds a non-character or a lone surrogate: for strings that are not free text (a path), refused the same way. */
export const hasDamagedCharacters = (value: string): boolean => NOT_TEXT.test(value);

/** Free text typed by a person: bidi controls removed, trimmed, control characters and non-characters refused, bounded. */
export const text = (max: number) =>
  z
    .string({ error: textError })
    .overwrite((value) => value.replace(BIDI_CONTROLS, ''))
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: 'validation.controlCharacters' })
    .refine((value) => !hasDamagedCharacters(value), { error: 'validation.characters' });

export const requiredText = (max: number) => text(max).min(1, { error: 'validation.required' });

/** Optional text: an empty string means "not given" and is stored as null. */
export const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => (value ? value : null));

/** Optional inputs arrive as a value, '' (an empty form field), null or nothing: all but a value mean null. */
export const orNull = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.literal('')])
    .nullish()
    .transform((value) => (value === '' || value === undefined || value === null ? null : (value as z.output<T>)));

/** A word of an Arabic name: Arabic letters (with harakat) and single spaces, as in عبد الله. */
export const arabicNamePart = requiredText(40)
  .transform((value) => value.replace(/\s+/g, ' '))
  .refine(
    (value) => /^[\u0621-\u063a\u0641-\u065f\u0670-\u06d3\u06fa-\u06ff ]+$/.test(value) && /[\u0621-\u063a\u0641-\u064a]/.test(value),
    { error: 'validation.arabicName' },
  );

export const latinName = optionalText(120).refine(
  // A comma too: registries from the Philippines and elsewhere write the family name first, "SANTOS, Maria".
  (value) => value === null || /^[A-Za-z][A-Za-z .,'-]*$/.test(value),
  { error: 'validation.latinName' },
);

/** A Saudi phone as typed (any form), as E.164; empty means none. */
export const optionalPhone = z
  .union([z.string({ error: 'validation.phone' }).max(30, { error: 'validation.tooLong' }), z.null()])
  .optional()
  .transform((typed, context) => {
    if (typed === undefined || typed === null || typed.trim() === '') return null;
    const phone = normalizeSaudiPhone(typed);
    if (phone === null) {
      context.addIssue({ code: 'custom', message: 'validation.phone' });
      return z.NEVER;
    }
    return phone;
  });

export const id = z.string({ error: 'validation.required' }).regex(/^[0-9a-f-]{36}$/, { error: 'validation.id' });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (Gregorian ISO yyyy-mm-dd) that exists; digits in any form. */
export const isoDate = z
  .string({ error: 'validation.date' })
  .transform((value) => toLatinDigits(value.trim()))
  .refine((value) => ISO_DATE.test(value) && isRealDate(value), { error: 'validation.date' });

export const optionalIsoDate = orNull(isoDate);

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const pageSize = z.number().int().min(1).max(200);
