import { z } from 'zod';
import { toLatinDigits } from './digits';

/**
 * Field schemas shared by every area. Error messages are keys of the `errors` locale namespace,
 * so the renderer shows them in the officer's language at the field.
 */

/** A missing value asks for it; a value of the wrong kind asks for text. */
const textError = (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'validation.required' : 'validation.text');

/** Free text typed by a person: trimmed, control characters refused, bounded. */
export const text = (max: number) =>
  z
    .string({ error: textError })
    .trim()
    .max(max, { error: 'validation.tooLong' })
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), {
      error: 'validation.controlCharacters',
    });

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
  (value) => value === null || /^[A-Za-z][A-Za-z .'-]*$/.test(value),
  { error: 'validation.latinName' },
);

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
