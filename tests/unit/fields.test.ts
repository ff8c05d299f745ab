// The field rules every host shares: digits typed in any script, Saudi ID numbers with their check
// digit, Saudi phone numbers in the many ways people write them, and free text that cannot break a
// file it is written into.
import { describe, expect, it } from 'vitest';
import { digitsOnly, toLatinDigits } from '../../electron/api/fields/digits';
import { formatSaudiPhone, normalizeSaudiPhone } from '../../electron/api/fields/phone';
import { optionalPhone, optionalText, requiredText, text } from '../../electron/api/fields/schemas';
import { contract } from '../../electron/api/contract';
import {
  hasValidSaudiCheckDigit,
  idNumberProblem,
  normalizeIdNumber,
  withSaudiCheckDigit,
} from '../../electron/api/fields/saudi-id';

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';

/** Writes Latin digits in another script. */
const inScript = (latin: string, digits: string) => latin.replace(/\d/g, (d) => digits[Number(d)]!);

/** The same number with its last (check) digit changed to every other value. */
const withWrongCheckDigits = (valid: string) =>
  [...'0123456789'].filter((d) => d !== valid.at(-1)).map((d) => `${valid.slice(0, 9)}${d}`);

describe('toLatinDigits', () => {
  it('turns Arabic-Indic digits into Latin digits', () => {
    expect(toLatinDigits(ARABIC_INDIC)).toBe('0123456789');
  });

  it('turns Persian (Eastern Arabic-Indic) digits into Latin digits', () => {
    expect(toLatinDigits(PERSIAN)).toBe('0123456789');
  });

  it('leaves Latin digits, letters, spaces and punctuation as they are', () => {
    expect(toLatinDigits('رقم ١٢٣-abc 45/۶')).toBe('رقم 123-abc 45/6');
    expect(toLatinDigits('')).toBe('');
  });
});

describe('digitsOnly', () => {
  it('keeps only the digits, in Latin form, of a number typed with spaces, dashes and signs', () => {
    expect(digitsOnly('+966 (55) 123-45 67')).toBe('966551234567');
    expect(digitsOnly('٠٥٥ ١٢٣ ٤٥٦٧')).toBe('0551234567');
    expect(digitsOnly('۱۰۲۳-۴۵')).toBe('102345');
  });

  it('answers an empty string when nothing typed is a digit', () => {
    expect(digitsOnly('لا يوجد - none')).toBe('');
  });
});

describe('Saudi ID check digit (Luhn)', () => {
  it('completes nine digits into a number whose check digit is valid', () => {
    for (const nine of ['100000000', '123456789', '287654321', '199999999', '200000001']) {
      const full = withSaudiCheckDigit(nine);
      expect(full).toHaveLength(10);
      expect(full.startsWith(nine)).toBe(true);
      expect(hasValidSaudiCheckDigit(full)).toBe(true);
    }
  });

  it('accepts exactly one check digit for any nine digits', () => {
    for (const nine of ['104512367', '210987654', '111111111']) {
      const valid = [...'0123456789'].filter((d) => hasValidSaudiCheckDigit(`${nine}${d}`));
      expect(valid).toHaveLength(1);
    }
  });

  it('matches the Luhn computation worked by hand', () => {
    // 1 0 0 0 0 0 0 0 0 x: odd positions doubled → 2, the rest 0 → 2 + x must be a multiple of 10.
    expect(withSaudiCheckDigit('100000000')).toBe('1000000008');
    // 2 1 2 1 2 1 2 1 2 x: doubled 2s give 4 ×5 = 20, the 1s give 4 → 24 + x → x = 6.
    expect(withSaudiCheckDigit('212121212')).toBe('2121212126');
    // A doubled 9 counts 18 − 9 = 9: 1 9 9 9 9 9 9 9 9 x → 2 + 9·4 + 9·4 = 74 → x = 6.
    expect(withSaudiCheckDigit('199999999')).toBe('1999999996');
  });
});

describe('idNumberProblem for national IDs and iqamas', () => {
  const nationalIds = ['100000000', '104512367', '112233445', '198765432'].map(withSaudiCheckDigit);
  const iqamas = ['200000001', '210987654', '234567891', '298765431'].map(withSaudiCheckDigit);

  it('accepts valid national IDs (start with 1, correct check digit)', () => {
    for (const id of nationalIds) expect(idNumberProblem('national_id', id)).toBeNull();
  });

  it('accepts valid iqama numbers (start with 2, correct check digit)', () => {
    for (const id of iqamas) expect(idNumberProblem('iqama', id)).toBeNull();
  });

  it('refuses a number whose check digit is wrong', () => {
    for (const id of [...nationalIds.slice(0, 2), ...iqamas.slice(0, 2)]) {
      const type = id.startsWith('1') ? 'national_id' : 'iqama';
      for (const wrong of withWrongCheckDigits(id)) expect(idNumberProblem(type, wrong)).toBe('checkDigit');
    }
  });

  it('refuses an iqama number as a national ID and a national ID as an iqama (prefix)', () => {
    expect(idNumberProblem('national_id', iqamas[0]!)).toBe('prefix');
    expect(idNumberProblem('iqama', nationalIds[0]!)).toBe('prefix');
  });

  it('refuses ten digits starting with anything but 1 or 2 (prefix)', () => {
    const starting3 = withSaudiCheckDigit('312345678');
    expect(idNumberProblem('national_id', starting3)).toBe('prefix');
    expect(idNumberProblem('iqama', starting3)).toBe('prefix');
  });

  it('refuses numbers that are not exactly ten digits (length)', () => {
    const valid = nationalIds[0]!;
    expect(idNumberProblem('national_id', valid.slice(0, 9))).toBe('length');
    expect(idNumberProblem('national_id', `${valid}0`)).toBe('length');
    expect(idNumberProblem('iqama', '2')).toBe('length');
    expect(idNumberProblem('national_id', '10000000A8')).toBe('length');
  });

  it('reports an empty number as required', () => {
    expect(idNumberProblem('national_id', '')).toBe('required');
    expect(idNumberProblem('iqama', '')).toBe('required');
    expect(idNumberProblem('passport', '')).toBe('required');
  });
});

describe('normalizeIdNumber', () => {
  it('reads a national ID typed in Arabic-Indic digits as Latin digits, and the result is valid', () => {
    const valid = withSaudiCheckDigit('104512367');
    const typed = inScript(valid, ARABIC_INDIC);
    expect(typed).not.toBe(valid);
    expect(normalizeIdNumber('national_id', typed)).toBe(valid);
    expect(idNumberProblem('national_id', normalizeIdNumber('national_id', typed))).toBeNull();
  });

  it('reads an iqama typed in Persian digits as Latin digits', () => {
    const valid = withSaudiCheckDigit('234567891');
    expect(normalizeIdNumber('iqama', inScript(valid, PERSIAN))).toBe(valid);
  });

  it('drops spaces and dashes typed inside a Saudi ID', () => {
    const valid = withSaudiCheckDigit('112233445');
    expect(normalizeIdNumber('national_id', `${valid.slice(0, 4)} ${valid.slice(4, 7)}-${valid.slice(7)}`)).toBe(valid);
  });

  it('upper-cases a passport number and drops its spaces and dashes, keeping letters', () => {
    expect(normalizeIdNumber('passport', ' ab-12 345 ')).toBe('AB12345');
    // Full-width letters and digits (from some keyboards) become ordinary ones.
    expect(normalizeIdNumber('passport', 'ＡＢ１２３４５')).toBe('AB12345');
  });
});

describe('idNumberProblem for passports', () => {
  it('accepts 5 to 15 upper-case letters and digits', () => {
    for (const passport of ['A1234', 'AB1234567', 'P12345678901234', '12345']) {
      expect(idNumberProblem('passport', passport)).toBeNull();
    }
  });

  it('refuses passports that are too short, too long or hold other characters (format)', () => {
    for (const passport of ['A123', 'A123456789012345', 'AB_12345', 'AB.12345', 'جواز12345']) {
      expect(idNumberProblem('passport', passport)).toBe('format');
    }
  });

  it('does not apply the Saudi check digit to a passport', () => {
    const wrongCheck = withWrongCheckDigits(withSaudiCheckDigit('104512367'))[0]!;
    expect(idNumberProblem('passport', wrongCheck)).toBeNull();
  });
});

describe('normalizeSaudiPhone', () => {
  const E164 = '+966551234567';

  it.each([
    ['0551234567', '05x local form'],
    ['551234567', '5x without the leading zero'],
    ['+966551234567', '+9665x international form'],
    ['00966551234567', '009665x international prefix'],
    ['966551234567', '9665x without plus'],
    ['055 123 4567', 'with spaces'],
    ['055-123-4567', 'with dashes'],
    ['+966 55 123 4567', 'international with spaces'],
    ['(055) 123-4567', 'with brackets'],
    ['٠٥٥١٢٣٤٥٦٧', 'Arabic-Indic digits'],
    ['+٩٦٦ ٥٥ ١٢٣ ٤٥٦٧', 'Arabic-Indic international with spaces'],
    ['۰۵۵۱۲۳۴۵۶۷', 'Persian digits'],
    ['  0551234567  ', 'surrounded by spaces'],
  ])('reads %s (%s) as +966551234567', (typed) => {
    expect(normalizeSaudiPhone(typed)).toBe(E164);
  });

  it('accepts an Al-Ahsa landline (013 and seven digits) in local and international form', () => {
    expect(normalizeSaudiPhone('013 587 1234')).toBe('+966135871234');
    expect(normalizeSaudiPhone('0135871234')).toBe('+966135871234');
    expect(normalizeSaudiPhone('+966 13 587 1234')).toBe('+966135871234');
    expect(normalizeSaudiPhone('٠١٣٥٨٧١٢٣٤')).toBe('+966135871234');
  });

  it('accepts the other Saudi landline area codes 011 to 017', () => {
    expect(normalizeSaudiPhone('0112345678')).toBe('+966112345678');
    expect(normalizeSaudiPhone('0172345678')).toBe('+966172345678');
  });

  it.each([
    ['', 'empty'],
    ['abc', 'letters'],
    ['05512345', 'too short'],
    ['05512345678', 'too long'],
    ['0651234567', 'mobile not starting with 5'],
    ['0181234567', 'no area code 018'],
    ['0101234567', 'no area code 010'],
    ['+971551234567', 'a UAE number'],
    ['0044551234567', 'another country prefix'],
    ['1234', 'four digits'],
    ['٠٥٥', 'a few Arabic digits'],
  ])('refuses %j (%s)', (typed) => {
    expect(normalizeSaudiPhone(typed)).toBeNull();
  });
});

describe('formatSaudiPhone', () => {
  it('writes a stored mobile number in the local 05X XXX XXXX form', () => {
    expect(formatSaudiPhone('+966551234567')).toBe('055 123 4567');
  });

  it('writes a stored Al-Ahsa landline as 013 XXX XXXX', () => {
    expect(formatSaudiPhone('+966135871234')).toBe('013 587 1234');
  });

  it('round-trips with normalizeSaudiPhone', () => {
    for (const stored of ['+966501112233', '+966599876543', '+966135871234']) {
      expect(normalizeSaudiPhone(formatSaudiPhone(stored))).toBe(stored);
    }
  });
});

describe('optionalPhone, the one schema of a phone that may be left out', () => {
  it('stores a number typed in any form as E.164, and nothing typed as none', () => {
    expect(optionalPhone.parse('٠٥٠ ١١١ ٢٢٣٣')).toBe('+966501112233');
    expect(optionalPhone.parse('013 587 1234')).toBe('+966135871234');
    for (const none of ['', '   ', null, undefined]) expect(optionalPhone.parse(none)).toBeNull();
  });

  it('refuses what is not a Saudi phone, and a value too long to be one', () => {
    expect(optionalPhone.safeParse('12345').error?.issues.map((issue) => issue.message)).toEqual(['validation.phone']);
    expect(optionalPhone.safeParse('5'.repeat(31)).error?.issues.map((issue) => issue.message)).toEqual(['validation.tooLong']);
  });
});

describe('free text', () => {
  const messagesOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
    result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);

  it('refuses Unicode non-characters and lone surrogates, which no keyboard types and XML cannot hold', () => {
    for (const typed of ['x\uFFFFy', 'x\uFFFEy', 'x\uFDD0y', 'x\uFDEFy', 'x\u{1FFFF}y', 'x\u{10FFFE}y', 'x\uD800y', 'x\uDFFFy', 'x\uDC00\uD800y', 'end\uD83D']) {
      expect(messagesOf(text(100).safeParse(typed)), JSON.stringify(typed)).toEqual(['validation.characters']);
      expect(messagesOf(requiredText(100).safeParse(typed))).toEqual(['validation.characters']);
      expect(messagesOf(optionalText(100).safeParse(typed))).toEqual(['validation.characters']);
    }
  });

  it('refuses C1 control characters like the C0 ones', () => {
    for (const typed of ['x\u0085y', 'x\u009By', 'x\u0080y']) expect(messagesOf(text(100).safeParse(typed))).toEqual(['validation.controlCharacters']);
  });

  it('removes bidi embeddings, overrides and isolates, so no text can turn what follows it around', () => {
    expect(text(100).parse('letter\u202Efdp.hta')).toBe('letterfdp.hta');
    expect(text(100).parse('\u202Bمحمد\u202C \u2066A-1\u2069 \u2067x\u2069 \u2068y\u2069 \u202Az\u202C \u202Dw\u202C')).toBe('محمد A-1 x y z w');
    // Removed before the text is trimmed and weighed: only controls is nothing at all.
    expect(messagesOf(requiredText(100).safeParse('\u202E \u202C'))).toEqual(['validation.required']);
    expect(optionalText(100).parse('\u2066\u2069')).toBeNull();
    expect(text(3).parse('\u202Eabc\u202C')).toBe('abc');
  });

  it('keeps the marks an Arabic writer uses (RLM, LRM, ALM), joiners, emoji and astral characters', () => {
    for (const typed of ['رقم\u200F 45/ق', 'A\u200E-1', 'x\u061Cy', 'می\u200Cخواهم', '\u{1F600} تم', '\u{20000}', 'سطر\nآخر\tو']) {
      expect(text(100).parse(typed)).toBe(typed);
    }
  });
});

describe('strings of the contract that are not free text', () => {
  const fieldMessages = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
    result.success ? [] : (result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []);

  it('refuse damaged characters where they would reach the audit log and its export', () => {
    // A figure's key is written in the audit entry of its opening; a backup folder in the settings' change.
    const opening = contract['reports.records'].input.safeParse({ from: '2026-11-22', to: '2026-11-26', figure: 'contacts.byChannel', key: 'phone\uFFFF' });
    expect(fieldMessages(opening)).toContain('key: validation.characters');
    const folder = contract['backups.configure'].input.safeParse({ folder: '/media/usb/\uD800wasl' });
    expect(fieldMessages(folder)).toEqual(['folder: validation.characters']);
  });
});
