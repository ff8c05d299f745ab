import type { CallContext, ServiceDependencies } from '../context';
import { PDF_PAGE } from '../context';
import { AppError } from '../errors';
import { codeDirection } from '../../api/bidi';
import { html, type Html } from '../printing/html';
import { letterheadLogo } from '../letters/letterhead-logo';
import { masthead, renderPrintedFooter, renderPrintedPage, reportLanguage, type ReportWords } from '../reports/document';
import { associationNameIn, displayNameOf, reportFonts } from '../reports/pdf';
import { hijriDigits } from './hijri-dates';
import type { Labels } from './labels';
import type { ListPeriod, ListSource } from './lists';
import { riyadhDateTime, type CellValue, type ColumnKind } from './table-file';

/**
 * A list as a PDF for reading on paper: A4 on its side (a list has many columns), the association's
 * masthead, the list's title, its period and how many records it holds, then one table whose header
 * row is printed again at the top of every page. Dates are Gregorian with the Hijri date beneath,
 * times Riyadh's. The page is as self-contained as the report's: its fonts inside it, nothing fetched.
 */
export async function listPdf(
  deps: ServiceDependencies,
  list: ListSource,
  rows: CellValue[][],
  labels: Labels,
  context: CallContext,
): Promise<Buffer> {
  const print = deps.printPdf;
  if (print === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const words = reportLanguage(labels.language);
  const fonts = reportFonts();
  const printedBy = await displayNameOf(deps.db, context.actorId);
  const body = html`
    ${masthead({ logo: letterheadLogo(), associationName: associationNameIn(deps.keys.path), title: list.title })}
    <div class="about">
      ${periodLine(words, labels, list.period)}
      ${(list.notes ?? []).map((note) => html`<p>${note}</p>`)}
      <p>${labels.text('exports', 'pdf.count', { count: words.number(rows.length) })}</p>
      <p class="note">${labels.text('exports', 'pdf.times')}</p>
    </div>
    ${rows.length === 0 ? html`<p class="nothing">${labels.text('exports', 'pdf.empty')}</p>` : table(words, list, rows)}`;
  const page = renderPrintedPage({ language: labels.language, title: list.title, fonts, style: STYLE, body });
  return print(page, {
    footerTemplate: renderPrintedFooter({ language: labels.language, fonts, printedBy, printedAt: context.now }),
    landscape: true,
  });
}

function periodLine(words: ReportWords, labels: Labels, period: ListPeriod | null): Html | string {
  const from = period?.from ?? null;
  const to = period?.to ?? null;
  const day = (date: string) => `${words.hijriDay(date)} (${words.gregorianDay(date)})`;
  if (from !== null && from === to) return html`<p>${labels.text('exports', 'pdf.on', { day: day(from) })}</p>`;
  if (from !== null && to !== null) return html`<p>${labels.text('exports', 'pdf.period', { from: day(from), to: day(to) })}</p>`;
  if (from !== null) return html`<p>${labels.text('exports', 'pdf.since', { from: day(from) })}</p>`;
  if (to !== null) return html`<p>${labels.text('exports', 'pdf.until', { to: day(to) })}</p>`;
  return '';
}

function table(words: ReportWords, list: ListSource, rows: readonly CellValue[][]): Html {
  const total = list.columns.reduce((sum, column) => sum + column.width, 0) || 1;
  const hijri = hijriNumeric(words);
  return html`<table>
    <colgroup>${list.columns.map((column) => html`<col style="inline-size: ${((column.width / total) * 100).toFixed(2)}%">`)}</colgroup>
    <thead><tr>${list.columns.map((column) => html`<th>${column.header}</th>`)}</tr></thead>
    <tbody>${rows.map((cells) => html`<tr>${list.columns.map((column, index) => cell(words, hijri, column.kind, cells[index] ?? null))}</tr>`)}</tbody>
  </table>`;
}

/** One cell as its column's kind reads: numbers and dates centred, dates and times left to right inside any text. */
function cell(words: ReportWords, hijri: (date: string) => Html, kind: ColumnKind, value: CellValue): Html {
  if (value === null || value === '') return html`<td></td>`;
  if (kind === 'number') return html`<td class="n">${typeof value === 'number' ? words.number(value) : value}</td>`;
  if (kind === 'riyals') return html`<td class="n">${typeof value === 'number' ? words.riyals(value) : value}</td>`;
  if (kind === 'date' || kind === 'instant') {
    const shown = kind === 'date' ? String(value) : riyadhDateTime(String(value));
    return html`<td class="n"><bdi dir="ltr">${shown}</bdi><span class="sub">${hijri(shown.slice(0, 10))}</span></td>`;
  }
  const text = String(value);
  // A number or code (a file number, 2025-00012; a sender's letter number, 8821/س/1448) is not broken
  // at its hyphen or slash, and reads in its own direction (see codeDirection); any longer text wraps.
  return CODE.test(text) ? html`<td class="code"><bdi dir="${codeDirection(text)}">${text}</bdi></td>` : html`<td>${text}</td>`;
}

/** Latin capitals, Arabic letters (which have no case) and digits, with hyphens and slashes. */
const CODE = /^[\p{Lu}\p{Lo}\d][\p{Lu}\p{Lo}\d/-]{0,15}$/u;

/** A Riyadh calendar date in the Umm al-Qura calendar, as digits: 1446/12/12 AH. */
function hijriNumeric(words: ReportWords): (date: string) => Html {
  const mark = words.text.period.hijriMark;
  return (date) => html`<bdi dir="ltr">${hijriDigits(date)}</bdi> ${mark}`;
}

const { margins } = PDF_PAGE;

// Logical properties only (the page's direction is its language's). The columns share the width as
// their widths ask, but never narrower than a date or a code that must stay on one line. A row
// never breaks across two pages, and the header row is repeated at the top of each.
const STYLE = `
@page { size: A4 landscape; margin: ${margins.top}mm ${margins.inline}mm ${margins.bottom}mm; }
.about { margin-block: 2.5mm 3mm; }
.about p { margin: 0 0 0.6mm; }
.about .note { color: #555; font-size: 8pt; }
table { border-collapse: collapse; inline-size: 100%; font-size: 7.5pt; line-height: 1.35; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #d3dedc; padding: 0.6mm 1.2mm; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #e8f1ef; font-weight: 700; vertical-align: bottom; }
tbody tr:nth-child(even) td { background: #f7faf9; }
td.n { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code { white-space: nowrap; }
td .sub { font-size: 6.5pt; }
.nothing { color: #666; }
@media screen { body { max-inline-size: 269mm; margin: 0 auto; padding: 10mm 0; } }
`;
