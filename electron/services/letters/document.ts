import type { LetterDocument, LetterPdf, LetterView } from '../../api/letters';
import labels from '../../../locales/ar/letters.json';
import englishLabels from '../../../locales/en/letters.json';
import type { CallContext, ServiceDependencies } from '../context';
import { appendAudit } from '../audit/log';
import { AppError } from '../errors';
import { letterheadLogo } from './letterhead-logo';
import { getLetter, recordLetterViewed } from './service';
import { codeDirection } from '../../api/bidi';
import { html, type Html } from '../printing/html';
import { reportFonts } from '../reports/pdf';
import { printableHtml, type ReportFont } from '../printing/html-shell';
import { associationNameIn, gregorianDay, hijriDay } from '../printing/paper';

/**
 * An outgoing letter on the association's letterhead, in Arabic, as one self-contained HTML page that
 * prints on A4: the logo travels inside it as a data: URL; no script and no outside resource (its own
 * Content-Security-Policy forbids both), and every value is escaped, since subjects and texts are
 * typed at the desk.
 */
export async function letterDocument(deps: Pick<ServiceDependencies, 'db' | 'keys'>, id: string, context: CallContext): Promise<LetterDocument> {
  const letter = await getLetter(deps.db, id);
  // An incoming letter is the sender's paper: its copy is its scan.
  if (letter.direction !== 'outgoing') throw new AppError('rule', 'letters.notOutgoing');
  // The subject and text went with the person's data: there is nothing left to print.
  if (letter.erased) throw new AppError('rule', 'letters.erased');
  const person =
    letter.beneficiary === null
      ? null
      : await deps.db.selectFrom('beneficiaries').select('gender').where('id', '=', letter.beneficiary.id).executeTakeFirst();
  // The letter on the letterhead names the person and says what it says: seeing it is recorded like seeing the letter.
  await recordLetterViewed(deps.db, letter, 'letter.documentViewed', context);
  return {
    html: renderLetterDocument({
      letter,
      associationName: associationNameIn(deps.keys.path),
      logo: letterheadLogo(),
      recipientIsFemale: person?.gender === 'female',
    }),
    // The number, never a name: file names end up in download folders and recent-file lists.
    fileName: `wasl-letter-${letter.number.replace(/[^0-9A-Za-z]+/g, '-')}.html`,
  };
}

/**
 * The letter on the letterhead printed as an A4 PDF, by the host's Chromium as the report is printed
 * (Arabic shaped and right to left, the font carried inside), to be saved: the letter leaves the desk,
 * which is recorded on the person's trail.
 */
export async function letterPdf(
  deps: Pick<ServiceDependencies, 'db' | 'keys' | 'printPdf'>,
  input: { id: string; language: 'ar' | 'en' },
  context: CallContext,
): Promise<LetterPdf> {
  const letter = await getLetter(deps.db, input.id);
  if (letter.direction !== 'outgoing') throw new AppError('rule', 'letters.notOutgoing');
  if (letter.erased) throw new AppError('rule', 'letters.erased');
  // Said to the officer in their language: the letter can still be printed from its preview.
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const person =
    letter.beneficiary === null
      ? null
      : await deps.db.selectFrom('beneficiaries').select('gender').where('id', '=', letter.beneficiary.id).executeTakeFirst();
  const page = renderLetterDocument({
    letter,
    associationName: associationNameIn(deps.keys.path),
    logo: letterheadLogo(),
    recipientIsFemale: person?.gender === 'female',
    fonts: reportFonts(),
  });
  // The letterhead carries everything a letter shows: no footer.
  const pdf = await deps.printPdf(page, { footerTemplate: '<span></span>' });
  await appendAudit(deps.db, context, {
    action: 'letter.documentSaved',
    entityType: letter.beneficiary ? 'beneficiary' : 'letter',
    entityId: letter.beneficiary?.id ?? letter.id,
    summary: { letterId: letter.id, number: letter.number, format: 'pdf' },
  });
  return { fileName: letterPdfFileName(letter, input.language), mimeType: 'application/pdf', base64: pdf.toString('base64'), number: letter.number };
}

/**
 * The name a saved letter is offered under: its number and date, in the officer's language
 * (`خطاب-1448-0007-2026-12-06.pdf`), never a person's name (file names end up in recent-file lists).
 */
export function letterPdfFileName(letter: Pick<LetterView, 'number' | 'letterDate'>, language: 'ar' | 'en'): string {
  const words = language === 'en' ? englishLabels.document : text;
  const number = letter.number.replace(/[^0-9A-Za-z\u0621-\u064A]+/g, '-').replace(/^-+|-+$/g, '');
  return `${words.fileName.replace('{{number}}', number).replace('{{date}}', letter.letterDate)}.pdf`;
}

export interface LetterDocumentContent {
  letter: LetterView;
  associationName: string | null;
  /** The logo as a data: URL, or null to print without it. */
  logo: string | null;
  /** The person addressed is a woman (المكرمة / المحترمة); used only when the letter is to a person. */
  recipientIsFemale: boolean;
  /** The font's faces as data: URLs, for a printer that may not have it installed (the PDF); none in the preview. */
  fonts?: readonly ReportFont[];
}

const text = labels.document;

export function renderLetterDocument({ letter, associationName, logo, recipientIsFemale, fonts = [] }: LetterDocumentContent): string {
  const title = text.title.replace('{{number}}', letter.number);
  const paragraphs = (letter.body ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  const body = html`
    <header class="letterhead">
      <div class="identity">
        ${logo === null ? '' : html`<img class="logo" src="${logo}" alt="">`}
        ${associationName === null ? '' : html`<div class="association">${associationName}</div>`}
      </div>
      <table class="reference">
        <tbody>
          <tr><th scope="row">${text.number}:</th><td><bdi dir="${codeDirection(letter.number)}">${letter.number}</bdi></td></tr>
          <tr><th scope="row">${text.date}:</th><td class="hijri">${hijriDay(letter.letterDate)} ${text.hijriMark}</td></tr>
          <tr><th scope="row">${text.gregorianEquivalent}:</th><td class="gregorian">${gregorianDay(letter.letterDate)} ${text.gregorianMark}</td></tr>
        </tbody>
      </table>
    </header>
    <main>
      <p class="recipient">${recipient(letter, recipientIsFemale)}</p>
      <p class="greeting">${text.greeting}</p>
      <p class="subject"><strong>${text.subject}</strong> ${letter.subject}</p>
      ${paragraphs.map((paragraph) => html`<p class="paragraph">${paragraph}</p>`)}
      <p class="closing">${text.closing}</p>
      <div class="signature">
        ${associationName === null ? '' : html`<p class="signer">${associationName}</p>`}
        <p>${text.signatory}</p>
        <p class="line">${text.signature}: <span class="blank"></span></p>
        <p class="line">${text.stamp}:</p>
      </div>
    </main>`;
  return printableHtml({ language: 'ar', title, style: STYLE, body, images: true, fonts });
}

/** Whom the letter is addressed to, with the honorifics of Saudi official correspondence. */
function recipient(letter: LetterView, female: boolean): Html {
  if (letter.authority !== null) {
    return html`${text.toAuthority} <strong>${letter.authority.nameAr}</strong> ${text.authorityHonorific}`;
  }
  const name = letter.beneficiary?.name ?? '';
  return female
    ? html`${text.toFemale} <strong>${name}</strong> ${text.femaleHonorific}`
    : html`${text.toMale} <strong>${name}</strong> ${text.maleHonorific}`;
}

// --- Style ---------------------------------------------------------------------------------------

// Logical properties only (the page is right-to-left by its dir attribute, never by CSS). Lines
// inside a paragraph are kept as typed (pre-line).
const STYLE = `
@page { size: A4; margin: 18mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "IBM Plex Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 13pt; line-height: 1.9; color: #111; margin: 0 auto; max-inline-size: 170mm; }
.letterhead { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; padding-block-end: 4mm; margin-block-end: 8mm; border-block-end: 2px solid #1f5f5b; }
.identity { display: flex; align-items: center; gap: 4mm; }
.logo { inline-size: 22mm; block-size: 22mm; object-fit: contain; }
.association { font-size: 15pt; font-weight: bold; color: #1f5f5b; max-inline-size: 90mm; }
table.reference { border-collapse: collapse; font-size: 11pt; }
table.reference th { text-align: start; font-weight: normal; color: #444; padding-inline-end: 2mm; white-space: nowrap; }
table.reference td { white-space: nowrap; }
.recipient { margin-block: 0 4mm; }
.greeting { margin-block: 0 4mm; }
.subject { margin-block: 0 5mm; }
.paragraph { white-space: pre-line; text-align: justify; margin-block: 0 3mm; text-indent: 8mm; }
.closing { margin-block: 8mm 10mm; }
.signature { margin-inline-start: auto; inline-size: 70mm; text-align: center; }
.signature p { margin: 0 0 2mm; }
.signer { font-weight: bold; }
.signature .line { text-align: start; margin-block-start: 6mm; }
.blank { display: inline-block; inline-size: 40mm; border-block-end: 1px dotted #333; }
/* On screen (the preview before printing) the page gets the margins the printer gives it on paper. */
@media screen { body { padding: 12mm 6mm; } }
`;
