import { readKeyring } from '../accounts/keyring';
import { PDF_PAGE } from '../context';
import { escapeHtml, html, type Html } from './html';
import { fontFaces, FONT_FAMILY, type ReportFont } from './html-shell';

/**
 * What every paper Wasl prints on the letterhead shares (a letter, a program's sheet, an interview
 * form, a session's sign-in sheet): the association's name, the dates in both calendars, and the
 * page numbers at the foot of each page.
 */

/** The association's name for the letterhead; null when the keyring cannot be read (the paper stands without it). */
export function associationNameIn(keyringPath: string): string | null {
  try {
    return readKeyring(keyringPath).associationName;
  } catch {
    // The keyring is the desk's concern, not the paper's.
    return null;
  }
}

const DAY = { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' } as const;
const GREGORIAN = new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', DAY);
const HIJRI = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', DAY);
const WEEKDAY = new Intl.DateTimeFormat('ar-SA-u-nu-latn', { timeZone: 'UTC', weekday: 'long' });

/** A calendar date (yyyy-mm-dd) at noon UTC: the same day in every calendar it is shown in. */
const noonOf = (date: string) => new Date(`${date}T12:00:00Z`);

/** ICU writes its own era mark (هـ, م) after some dates and not others: the paper writes each once, itself. */
const withoutEra = (formatted: string) => formatted.replace(/\s*(هـ|م)$/u, '');

/** A calendar date in the Umm al-Qura calendar, in Arabic, without its era mark. */
export const hijriDay = (date: string): string => withoutEra(HIJRI.format(noonOf(date)));
/** A calendar date in the Gregorian calendar, in Arabic, without its era mark. */
export const gregorianDay = (date: string): string => withoutEra(GREGORIAN.format(noonOf(date)));
/** The day of the week of a calendar date, in Arabic. */
export const weekdayOf = (date: string): string => WEEKDAY.format(noonOf(date));

/**
 * A day in both calendars, each with its mark in the paper's language: Hijri first, as the
 * association dates its papers, then Gregorian.
 */
export function dualDay(date: string, marks: { hijriMark: string; gregorianMark: string }): Html {
  return html`<span class="date">${hijriDay(date)} ${marks.hijriMark} <span class="gregorian">(${gregorianDay(date)} ${marks.gregorianMark})</span></span>`;
}

const ENGLISH_GREGORIAN = new Intl.DateTimeFormat('en-GB-u-ca-gregory', DAY);
const ENGLISH_HIJRI = new Intl.DateTimeFormat('en-GB-u-ca-islamic-umalqura', DAY);

/** A calendar date in the Umm al-Qura calendar, in English, with its era (`27 Jumada II 1448 AH`). */
export const englishHijriDay = (date: string): string => ENGLISH_HIJRI.format(noonOf(date));
/** A calendar date in the Gregorian calendar, in English (`7 December 2026`). */
export const englishGregorianDay = (date: string): string => ENGLISH_GREGORIAN.format(noonOf(date));

/**
 * The letterhead at the head of a paper: the association's logo and name, each left out when unknown,
 * and what the paper is (`aside`), at the other end of the line. Its rules are LETTERHEAD_STYLE.
 */
export function letterhead(associationName: string | null, logo: string | null, aside: Html | string = ''): Html {
  return html`<header class="letterhead">
      <div class="identity">
        ${logo === null ? '' : html`<img class="logo" src="${logo}" alt="">`}
        ${associationName === null ? '' : html`<div class="association">${associationName}</div>`}
      </div>
      ${aside}
    </header>`;
}

// Logical properties only: a paper is right to left by its dir attribute, never by CSS.
export const LETTERHEAD_STYLE = `
.letterhead { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; padding-block-end: 4mm; margin-block-end: 6mm; border-block-end: 2px solid #1f5f5b; }
.identity { display: flex; align-items: center; gap: 4mm; }
.logo { inline-size: 22mm; block-size: 22mm; object-fit: contain; }
.association { font-size: 15pt; font-weight: bold; color: #1f5f5b; white-space: nowrap; }
`;

/**
 * A page footer of its own (Chromium prints it apart: it sees none of the page's styles): `page`
 * names {{page}} and {{total}}, which receive the page's number and the count of pages.
 */
export function pageNumberFooter(page: string, fonts: readonly ReportFont[]): string {
  const numbered = escapeHtml(page).replace('{{page}}', '<span class="pageNumber"></span>').replace('{{total}}', '<span class="totalPages"></span>');
  return (
    `<style>${fontFaces(fonts.filter((font) => font.weight === 400))}.wasl-footer{font-family:"${FONT_FAMILY}",sans-serif;font-size:7.5pt;color:#555;` +
    `inline-size:100%;padding-inline:${PDF_PAGE.margins.inline}mm;text-align:center;box-sizing:border-box;}</style>` +
    `<div class="wasl-footer" dir="rtl" lang="ar">${numbered}</div>`
  );
}
