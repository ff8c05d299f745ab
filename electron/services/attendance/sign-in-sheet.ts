import type { SignInSheet } from '../../api/attendance';
import labels from '../../../locales/ar/attendance.json';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError } from '../errors';
import { letterheadLogo } from '../letters/letterhead-logo';
import { printableHtml, type ReportFont } from '../printing/html-shell';
import { associationNameIn, dualDay, pageNumberFooter, weekdayOf } from '../printing/paper';
import { html, type Html } from '../printing/html';
import { reportFonts } from '../reports/pdf';
import { ON_THE_ROSTER, requireSession, rosterRows } from './service';

const text = labels.sheet;

/**
 * A session's sign-in sheet, printed as an A4 PDF on the letterhead in Arabic: the program, the
 * session's date in both calendars, its time and place, and everyone expected at it with a column to
 * sign, so that attendance can be taken on paper and entered afterwards. Printing it is recorded.
 */
export async function printSignInSheet(
  deps: Pick<ServiceDependencies, 'db' | 'keys' | 'printPdf'>,
  sessionId: string,
  context: CallContext,
): Promise<SignInSheet> {
  const { session, program } = await requireSession(deps.db, sessionId);
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const people = (await rosterRows(deps.db, session))
    .filter((row) => ON_THE_ROSTER.includes(row.stage))
    .map((row) => ({ fullName: fullNameOf(row), fileNumber: row.file_number }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ar'));
  const fonts = reportFonts();
  const page = renderSignInSheet({
    programName: program.name_ar,
    date: session.date,
    startsAt: session.starts_at,
    endsAt: session.ends_at,
    place: session.place ?? program.place,
    people,
    associationName: associationNameIn(deps.keys.path),
    logo: letterheadLogo(),
    fonts,
  });
  const pdf = await deps.printPdf(page, { footerTemplate: pageNumberFooter(text.page, fonts) });
  await appendAudit(deps.db, context, {
    action: 'attendance.sheetPrinted',
    entityType: 'program',
    entityId: program.id,
    summary: { programId: program.id, sessionId: session.id, date: session.date, people: people.length },
  });
  return { fileName: `${text.fileName.replace('{{date}}', session.date)}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64') };
}

export interface SignInSheetContent {
  programName: string;
  /** yyyy-mm-dd. */
  date: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  people: ReadonlyArray<{ fullName: string; fileNumber: string }>;
  associationName: string | null;
  /** The logo as a data: URL, or null to print without it. */
  logo: string | null;
  fonts?: readonly ReportFont[];
}

export function renderSignInSheet(content: SignInSheetContent): string {
  const { people, logo, associationName } = content;
  const body = html`
    <header class="letterhead">
      <div class="identity">
        ${logo === null ? '' : html`<img class="logo" src="${logo}" alt="">`}
        ${associationName === null ? '' : html`<div class="association">${associationName}</div>`}
      </div>
      <div class="kind">${text.title}</div>
    </header>
    <main>
      <table class="facts">
        <tbody>
          <tr><th scope="row">${text.program}</th><td class="program">${content.programName}</td></tr>
          <tr><th scope="row">${text.date}</th><td>${weekdayOf(content.date)} ${dualDay(content.date, text)}</td></tr>
          <tr><th scope="row">${text.time}</th><td><bdi dir="ltr">${content.startsAt}–${content.endsAt}</bdi></td></tr>
          ${content.place === null ? '' : html`<tr><th scope="row">${text.place}</th><td>${content.place}</td></tr>`}
        </tbody>
      </table>
      ${people.length === 0 ? html`<p>${text.nobody}</p>` : rosterTable(people)}
      <p class="trainer">${text.trainer}: <span class="line"></span></p>
    </main>`;
  return printableHtml({ language: 'ar', title: `${text.title}: ${content.programName}`, style: STYLE, body, images: true, fonts: content.fonts ?? [] });
}

function rosterTable(people: SignInSheetContent['people']): Html {
  return html`
    <table class="grid">
      <thead><tr><th class="n">${text.number}</th><th>${text.name}</th><th class="file">${text.fileNumber}</th><th class="sign">${text.signature}</th><th class="remarks">${text.remarks}</th></tr></thead>
      <tbody>
        ${people.map(
          (person, index) => html`<tr>
            <td class="n">${index + 1}</td>
            <td>${person.fullName}</td>
            <td class="file"><bdi dir="ltr">${person.fileNumber}</bdi></td>
            <td class="sign"></td>
            <td class="remarks"></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

// Logical properties only: the page is right to left by its dir attribute, never by CSS.
const STYLE = `
@page { size: A4; }
* { box-sizing: border-box; }
body { font-family: "IBM Plex Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 11pt; line-height: 1.6; color: #111; margin: 0 auto; max-inline-size: 180mm; }
.letterhead { display: flex; justify-content: space-between; align-items: center; gap: 8mm; padding-block-end: 3mm; margin-block-end: 5mm; border-block-end: 2px solid #1f5f5b; }
.identity { display: flex; align-items: center; gap: 4mm; }
.logo { inline-size: 20mm; block-size: 20mm; object-fit: contain; }
.association { font-size: 14pt; font-weight: bold; color: #1f5f5b; max-inline-size: 100mm; }
.kind { font-size: 13pt; color: #1f5f5b; font-weight: bold; }
table.facts { border-collapse: collapse; margin-block-end: 5mm; }
table.facts th { text-align: start; font-weight: bold; color: #333; padding-inline-end: 5mm; padding-block: 0.6mm; white-space: nowrap; }
table.facts td { padding-block: 0.6mm; }
.program { font-weight: bold; font-size: 12.5pt; color: #1f5f5b; }
.gregorian { color: #555; font-size: 0.92em; }
table.grid { inline-size: 100%; border-collapse: collapse; font-size: 10.5pt; }
table.grid th, table.grid td { border: 1px solid #8fa9a6; padding: 1.5mm 2mm; text-align: start; vertical-align: middle; }
table.grid thead th { background: #e8f1f0; }
table.grid tbody tr { block-size: 11mm; break-inside: avoid; }
.n { inline-size: 8mm; text-align: center; }
.file { inline-size: 28mm; white-space: nowrap; }
.sign { inline-size: 38mm; }
.remarks { inline-size: 34mm; }
.trainer { margin-block-start: 10mm; }
.trainer .line { display: inline-block; inline-size: 80mm; border-block-end: 1px solid #333; }
@media screen { body { padding: 12mm 6mm; } }
`;
