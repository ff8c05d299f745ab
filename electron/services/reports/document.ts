import { signedFigure } from '../../api/bidi';
import type { PeriodFigures, ReportFigures, ReportTrend } from '../../api/reports';
import arDocument from '../../../locales/ar/report-document.json';
import enDocument from '../../../locales/en/report-document.json';
import arReports from '../../../locales/ar/reports.json';
import enReports from '../../../locales/en/reports.json';
import arContacts from '../../../locales/ar/contacts.json';
import enContacts from '../../../locales/en/contacts.json';
import arRequests from '../../../locales/ar/requests.json';
import enRequests from '../../../locales/en/requests.json';
import arComplaints from '../../../locales/ar/complaints.json';
import enComplaints from '../../../locales/en/complaints.json';
import arEligibility from '../../../locales/ar/eligibility.json';
import enEligibility from '../../../locales/en/eligibility.json';
import arBeneficiaries from '../../../locales/ar/beneficiaries.json';
import enBeneficiaries from '../../../locales/en/beneficiaries.json';
import { PDF_PAGE } from '../context';
import { escapeHtml, html, Html } from '../printing/html';
import { reportCharts } from './charts';
import { reportTables, type CommentList, type ComparisonRow, type FigureUnit, type MatrixTable, type ReportTable } from './tables';
import { FONT_FAMILY, fontFaces, printableHtml, type ReportFont } from '../printing/html-shell';

export type ReportLanguage = 'ar' | 'en';

export interface ReportDocumentContent {
  language: ReportLanguage;
  figures: ReportFigures;
  /** The charts' series; null prints the report without its charts. */
  trend: ReportTrend | null;
  associationName: string | null;
  /** The logo as a data: URL, or null to print without it. */
  logo: string | null;
  fonts: readonly ReportFont[];
  /** Who printed it, and when: in the footer of every page. */
  printedBy: string;
  printedAt: Date;
}

/** The printed report's own words, and the words of the screens it shares (the dashboard's names its charts). */
const LABELS = {
  ar: {
    text: arDocument,
    contacts: arContacts,
    requests: arRequests,
    complaints: arComplaints,
    eligibility: arEligibility,
    reports: arReports,
    beneficiaries: arBeneficiaries,
  },
  en: {
    text: enDocument,
    contacts: enContacts,
    requests: enRequests,
    complaints: enComplaints,
    eligibility: enEligibility,
    reports: enReports,
    beneficiaries: enBeneficiaries,
  },
} as const;

const wordsByLanguage = new Map<ReportLanguage, ReportWords>();

/**
 * What one language needs to write the report: its words, its numbers and its two calendars. Made
 * once per language: its date and number formats take milliseconds to build, and the dashboard's
 * charts ask for them at every reading.
 */
export function reportLanguage(language: ReportLanguage): ReportWords {
  let words = wordsByLanguage.get(language);
  if (words === undefined) {
    words = wordsIn(language);
    wordsByLanguage.set(language, words);
  }
  return words;
}

function wordsIn(language: ReportLanguage) {
  const labels = LABELS[language];
  const locale = language === 'ar' ? 'ar-SA' : 'en-GB';
  const day = { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' } as const;
  const hijri = new Intl.DateTimeFormat(`${locale}-u-ca-islamic-umalqura-nu-latn`, day);
  const hijriWithWeekday = new Intl.DateTimeFormat(`${locale}-u-ca-islamic-umalqura-nu-latn`, { ...day, weekday: 'long' });
  const gregorian = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, day);
  const short = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const month = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { timeZone: 'UTC', month: 'short', year: 'numeric' });
  const monthAlone = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { month: 'short', timeZone: 'UTC' });
  const monthOfYear = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(`${locale}-u-nu-latn`, { timeZone: 'Asia/Riyadh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const riyadhDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit' });
  const numbers = new Intl.NumberFormat(`${locale}-u-nu-latn`, { maximumFractionDigits: 1 });
  // Riyals as the programs' screens and papers write them: always two decimals.
  const amounts = new Intl.NumberFormat(`${locale}-u-nu-latn`, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const { hijriMark, gregorianMark } = labels.text.period;
  const hijriDay = (date: string, weekday = false) => `${withoutEra((weekday ? hijriWithWeekday : hijri).format(noonOf(date)))} ${hijriMark}`;
  const gregorianDay = (date: string) => `${withoutEra(gregorian.format(noonOf(date)))} ${gregorianMark}`;
  return {
    language,
    locale,
    direction: language === 'ar' ? ('rtl' as const) : ('ltr' as const),
    labels,
    text: labels.text,
    number: (value: number) => numbers.format(value),
    riyals: (value: number) => amounts.format(value),
    hijriDay,
    gregorianDay,
    /** A bucket of the charts: its first day, day and month. */
    shortDay: (date: string) => short.format(noonOf(date)),
    /** A month bucket of the charts: its month and year. */
    month: (date: string) => month.format(noonOf(date)),
    /** A month bucket of the dashboard's charts: its month, and the year's last two digits when asked. */
    shortMonth: (date: string, withYear: boolean) => (withYear ? monthOfYear : monthAlone).format(noonOf(date)),
    /** An instant as the desk reads it: the Riyadh day in both calendars, and the time. */
    instant: (at: Date) => {
      const date = riyadhDate.format(at);
      return `${hijriDay(date)} (${gregorianDay(date)}) ${time.format(at)}`;
    },
  };
}

export type ReportWords = ReturnType<typeof wordsIn>;

/**
 * The weekly (or any period's) report as one self-contained HTML page that prints on A4: every figure
 * beside the previous period's and the change, the charts, the association's name and logo. The
 * logo and the font travel inside it as data: URLs; no script and no outside resource (its own
 * Content-Security-Policy forbids both). Names typed at the desk (staff, types, authorities) are
 * escaped like any value. The figures, their labels and their order are those of `reportTables`.
 */
export function renderReportDocument(content: ReportDocumentContent): string {
  const words = reportLanguage(content.language);
  const { text } = words;
  const { current, previous } = content.figures;
  const title = reportTitle(content);
  const body = html`
    ${masthead({ logo: content.logo, associationName: content.associationName, title })}
    <div class="period">
      <p><strong>${text.period.label}:</strong> ${periodRange(words, current, true, 'hijri')}</p>
      <p class="gregorian">${periodRange(words, current, false, 'gregorian')}</p>
      <p class="previous">${text.period.previous}: ${periodRange(words, previous, false, 'hijri')} — ${periodRange(words, previous, false, 'gregorian')}</p>
      <p class="as-of">${asOfLine(words, current)}</p>
    </div>
    ${reportTables(content.figures, words).map((entry) => section(entry.title, html`${tablesHtml(words, entry.tables)}${notesHtml(entry.notes)}${commentsHtml(words, entry.comments)}`))}
    ${content.trend === null ? '' : chartsSection(words, content.trend, current)}
    ${dataUpToLine(words, content.figures.dataUpTo)}`;
  return renderPrintedPage({ language: content.language, title, fonts: content.fonts, style: STYLE, body });
}

/** What a printed page of Wasl is made of. */
export interface PrintedPage {
  language: ReportLanguage;
  title: string;
  fonts: readonly ReportFont[];
  /** The page's own styles (its @page among them), after the shared ones: the font, the masthead. */
  style: string;
  body: Html;
}

/** A page of the report or of a list: the logo and the font inside it, the styles every such page shares before its own. */
export function renderPrintedPage(page: PrintedPage): string {
  return printableHtml({ ...page, style: `${SHARED_STYLE}${page.style}`, images: true });
}

/** The head of a printed page: the logo, the association's name, the document's title. */
export function masthead(head: { logo: string | null; associationName: string | null; title: string }): Html {
  return html`<header class="masthead">
      ${head.logo === null ? '' : html`<img class="logo" src="${head.logo}" alt="">`}
      <div class="identity">
        ${head.associationName === null ? '' : html`<div class="association">${head.associationName}</div>`}
        <h1>${head.title}</h1>
      </div>
    </header>`;
}

/** Who printed a document and when, for the footer of its every page. */
export type PrintedBy = Pick<ReportDocumentContent, 'language' | 'fonts' | 'printedBy' | 'printedAt'>;

/**
 * The footer Chromium prints on every page of Wasl's documents, the report's and a list's alike:
 * page X of Y, who printed it and when. It is a document of its own that sees none of the page's
 * styles: it carries its font and its direction.
 */
export function renderPrintedFooter(content: PrintedBy): string {
  const words = reportLanguage(content.language);
  const { footer } = words.text;
  const page = escapeHtml(footer.page)
    .replace('{{page}}', '<span class="pageNumber"></span>')
    .replace('{{total}}', '<span class="totalPages"></span>');
  const printed = escapeHtml(footer.printed.replace('{{name}}', content.printedBy).replace('{{at}}', words.instant(content.printedAt)));
  // Only the regular faces: the footer is one small line.
  const fonts = fontFaces(content.fonts.filter((font) => font.weight === 400));
  const inline = `${PDF_PAGE.margins.inline}mm`;
  return (
    `<style>${fonts}.wasl-footer{font-family:"${FONT_FAMILY}",sans-serif;font-size:7.5pt;color:#555;inline-size:100%;` +
    `padding-inline:${inline};display:flex;justify-content:space-between;gap:4mm;box-sizing:border-box;}</style>` +
    `<div class="wasl-footer" dir="${words.direction}" lang="${content.language}"><span>${printed}</span><span>${page}</span></div>`
  );
}

/** «The weekly report» for a Sunday-to-Thursday week, «the period's report» for any other run of days. */
export function reportTitle(content: Pick<ReportDocumentContent, 'language' | 'figures'>): string {
  const { period } = content.figures.current;
  const { title } = LABELS[content.language].text;
  const startsOnSunday = noonOf(period.from).getUTCDay() === 0;
  return startsOnSunday && period.days === 5 ? title.week : title.period;
}

/** When the "at the end" figures were read: the period's end, or the moment of printing while it runs. */
export function asOfLine(words: ReportWords, figures: PeriodFigures): string {
  const { period } = figures;
  if (period.asOf >= period.endsAt) return words.text.period.asOfEnd.replace('{{day}}', `${words.hijriDay(period.to, true)} (${words.gregorianDay(period.to)})`);
  return words.text.period.asOf.replace('{{at}}', words.instant(new Date(period.asOf)));
}

/**
 * On a paired desk, under the report: each desk of the office and when it last synced, the report
 * holding its work up to then. Nothing on a desk that works alone.
 */
function dataUpToLine(words: ReportWords, desks: ReportFigures['dataUpTo']): Html | '' {
  if (desks === null) return '';
  const { dataUpTo } = words.text;
  const entries = desks.map(
    (desk, index) =>
      html`${index === 0 ? '' : ' · '}<span class="desk"><bdi>${desk.name}</bdi>${dataUpTo.separator}${desk.lastSyncedAt === null ? dataUpTo.notYet : words.instant(new Date(desk.lastSyncedAt))}</span>`,
  );
  return html`<p class="data-up-to"><strong>${dataUpTo.label}:</strong> ${entries.length === 0 ? dataUpTo.noDesk : entries}</p>`;
}

/** A period's first and last days in one calendar: «from … to …». */
export function periodRange(words: ReportWords, figures: PeriodFigures, weekday: boolean, calendar: 'hijri' | 'gregorian'): string {
  const { from, to } = figures.period;
  const day = (date: string) => (calendar === 'hijri' ? words.hijriDay(date, weekday) : words.gregorianDay(date));
  return words.text.period.range.replace('{{from}}', day(from)).replace('{{to}}', day(to));
}

// --- Sections ------------------------------------------------------------------------------------

/**
 * A section's tables as printed: a table with a title of its own in a titled block, two tables
 * marked `pair` side by side, a matrix kept whole with its legend; an empty table says there was nothing.
 */
function tablesHtml(words: ReportWords, tables: readonly ReportTable[]): Html {
  const parts: Html[] = [];
  for (let index = 0; index < tables.length; index += 1) {
    const table = tables[index]!;
    const next = tables[index + 1];
    if (table.pair && next?.pair) {
      parts.push(html`<div class="pair">${tableHtml(words, table)}${tableHtml(words, next)}</div>`);
      index += 1;
    } else {
      parts.push(tableHtml(words, table));
    }
  }
  return html`${parts}`;
}

function tableHtml(words: ReportWords, table: ReportTable): Html {
  const content = table.rows.length === 0 ? nothing(words) : table.kind === 'comparison' ? comparison(words, table.rows) : matrix(words, table);
  if (table.title !== null) return block(table.title, content);
  return table.kind === 'matrix' ? html`<div class="block">${content}</div>` : content;
}

/** The three charts of the dashboard, drawn by the same functions (titled as the printed report's), as inline SVG. */
function chartsSection(words: ReportWords, trend: ReportTrend, current: PeriodFigures): Html {
  const charts = reportCharts(words, 'print', trend, current.requests.stagesAtEnd);
  const drawn = [charts.contactsByChannel, charts.requestsByStage, charts.overdueTrend].map((svg) => new Html(svg));
  return section(words.text.sections.charts, html`${drawn.map((chart) => html`<figure class="chart">${chart}</figure>`)}`, 'charts');
}

// --- Building blocks -----------------------------------------------------------------------------

function section(title: string, content: Html, className = ''): Html {
  return html`<section class="${className}"><h2>${title}</h2>${content}</section>`;
}

/** How a section's figures are counted, under its tables. */
function notesHtml(notes: readonly string[] | undefined): Html | '' {
  if (notes === undefined || notes.length === 0) return '';
  return html`<ul class="notes">${notes.map((note) => html`<li>${note}</li>`)}</ul>`;
}

/**
 * The comments people wrote, as they wrote them, each under its day in both calendars. A comment is
 * isolated from the page's direction (bdi): an Arabic comment in the English report reads whole.
 */
function commentsHtml(words: ReportWords, lists: readonly CommentList[] | undefined): Html | '' {
  if (lists === undefined || lists.length === 0) return '';
  const empty = words.labels.reports.satisfaction.noComments;
  return html`${lists.map((list) =>
    block(
      list.title,
      list.entries.length === 0
        ? html`<p class="nothing">${empty}</p>`
        : html`<ul class="comments">${list.entries.map(
            (entry) => html`<li><span class="day">${words.hijriDay(entry.day)} — ${words.gregorianDay(entry.day)}</span><bdi>${entry.text}</bdi></li>`,
          )}</ul>`,
    ),
  )}`;
}

function block(title: string, content: Html): Html {
  return html`<div class="block"><h3>${title}</h3>${content}</div>`;
}

function nothing(words: ReportWords): Html {
  return html`<p class="nothing">${words.text.nothing}</p>`;
}

function comparison(words: ReportWords, rows: readonly ComparisonRow[]): Html {
  const { columns } = words.text;
  return html`<table class="comparison">
    <thead><tr><th class="label">${columns.figure}</th><th>${columns.current}</th><th>${columns.previous}</th><th>${columns.change}</th></tr></thead>
    <tbody>${rows.map(
      (row) => html`<tr class="${row.detail ? 'detail' : ''}">
        <th scope="row" class="label">${row.label}</th>
        <td class="n now">${value(words, row.current, row.unit)}</td>
        <td class="n">${value(words, row.previous, row.unit)}</td>
        <td class="n change">${change(words, row.current, row.previous, row.unit)}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

/** A table of several figures per row (a type, a kind, an officer): each cell this period's value over the previous one's. */
function matrix(words: ReportWords, table: MatrixTable): Html {
  const dated = table.dateHeader !== undefined;
  const noted = table.noteHeader !== undefined;
  return html`<p class="legend">${words.text.legend}</p>
    <table class="matrix">
      <thead><tr><th>${table.labelHeader}</th>${table.headers.map((header) => html`<th>${header}</th>`)}${dated ? html`<th>${table.dateHeader}</th>` : ''}${
        noted ? html`<th>${table.noteHeader}</th>` : ''
      }</tr></thead>
      <tbody>${table.rows.map(
        (row) =>
          html`<tr class="${row.total ? 'total' : ''}"><th scope="row">${row.label}</th>${row.cells.map(([now, before], index) =>
            pairCell(words, now, before, table.units?.[index]),
          )}${dated ? dateCell(words, row.dates?.[0] ?? null) : ''}${noted ? html`<td class="note">${row.note ?? ''}</td>` : ''}</tr>`,
      )}</tbody>
    </table>`;
}

/** A calendar date in a table: Hijri, and Gregorian beneath it. */
function dateCell(words: ReportWords, date: string | null): Html {
  return html`<td class="n">${date === null ? words.text.notMeasured : html`${words.hijriDay(date)}<span class="sub">${words.gregorianDay(date)}</span>`}</td>`;
}

function pairCell(words: ReportWords, now: number | null, before: number | null, unit?: FigureUnit): Html {
  return html`<td class="n"><span class="now">${value(words, now, unit)}</span><span class="sub">(${value(words, before, unit)})</span></td>`;
}

function value(words: ReportWords, figure: number | null, unit: FigureUnit = 'count'): string {
  if (figure === null) return words.text.notMeasured;
  if (unit === 'riyals') return words.riyals(figure);
  return unit === 'percent' ? `${words.number(figure)}%` : words.number(figure);
}

/** The difference, signed, and the relative change when there was something to compare with. */
function change(words: ReportWords, now: number | null, before: number | null, unit: FigureUnit = 'count'): Html {
  if (now === null || before === null) return html`${words.text.notMeasured}`;
  // Riyals subtract in halalas: 0.1 + 0.2 is not 0.3 in floating point.
  const difference = unit === 'riyals' ? Math.round((now - before) * 100) / 100 : unit === 'percent' ? Math.round((now - before) * 10) / 10 : now - before;
  const signed = (figure: number) => signedFigure(figure, unit === 'riyals' ? words.riyals : words.number);
  // A rate's change is in points: a change of a percentage relative to itself would read as a second rate.
  const percent = before === 0 || difference === 0 || unit === 'percent' ? '' : ` (${signed(Math.round((difference / before) * 100))}%)`;
  // Signs and percentages keep their left-to-right order inside right-to-left text.
  return html`<bdi dir="ltr">${signed(difference)}${percent}</bdi>`;
}

// --- Dates ---------------------------------------------------------------------------------------

/** A calendar date (yyyy-mm-dd) at noon UTC: the same day in every calendar the report is dated in. */
const noonOf = (date: string) => new Date(`${date}T12:00:00Z`);

/** ICU writes its own era mark after some dates and not others: the report writes each once, itself. */
const withoutEra = (formatted: string) => formatted.replace(/\s*(هـ|م|AH|AD|BC)$/u, '');

// --- Style ---------------------------------------------------------------------------------------

const { margins } = PDF_PAGE;

// Logical properties only: the page reads right to left (or left to right) by its dir attribute.
// What every printed page shares: the font, the colours, the masthead.
const SHARED_STYLE = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "${FONT_FAMILY}", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 9.5pt; line-height: 1.45; color: #1b1b1b; margin: 0; }
.masthead { display: flex; align-items: center; gap: 5mm; padding-block-end: 3mm; border-block-end: 2px solid #1f5f5b; }
.logo { inline-size: 17mm; block-size: 17mm; object-fit: contain; }
.association { font-size: 12pt; font-weight: 700; color: #1f5f5b; }
h1 { font-size: 18pt; font-weight: 700; margin: 0; line-height: 1.3; }
.sub { display: block; font-size: 7.5pt; color: #666; font-weight: normal; }
`;

// A table, a titled block or a chart moves whole to the next page rather than break in two.
const STYLE = `
@page { size: A4; margin: ${margins.top}mm ${margins.inline}mm ${margins.bottom}mm; }
.period { margin-block: 3mm 2mm; }
.period p { margin: 0 0 0.8mm; }
.period .previous, .period .as-of { color: #555; font-size: 8.5pt; }
section { margin-block-start: 5mm; }
h2 { font-size: 12.5pt; font-weight: 700; color: #1f5f5b; margin: 0 0 2mm; padding-block-end: 1mm; border-block-end: 1px solid #bcd3d0; break-after: avoid; }
h3 { font-size: 10pt; font-weight: 700; margin: 3mm 0 1.5mm; break-after: avoid; }
.block, table, figure { break-inside: avoid; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
/* A collapsed border lies half outside its table: a hair narrower, the edge's border is not cut off by the page's margin. */
table { border-collapse: collapse; inline-size: calc(100% - 1px); }
th, td { border: 1px solid #d3dedc; padding: 0.8mm 2mm; text-align: start; vertical-align: middle; font-weight: normal; }
thead th { background: #e8f1ef; font-weight: 700; font-size: 8.5pt; }
tbody th { font-weight: 500; }
td.n { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.now, .now { font-weight: 700; }
td.change { color: #444; }
tr.detail th { padding-inline-start: 6mm; color: #444; }
tr.total th, tr.total td { background: #f4f7f6; }
table.comparison { table-layout: fixed; }
table.comparison th.label { inline-size: 46%; }
.pair table.comparison th.label { inline-size: 35%; }
/* Half a page's width: room for a change and its percentage, «−12 (−100%)», on one line. */
.pair table.comparison thead th:last-child { inline-size: 29%; }
table.matrix thead th { text-align: center; }
table.matrix thead th:first-child { text-align: start; }
.legend { margin: 0 0 1mm; font-size: 7.5pt; color: #666; }
.nothing { margin: 0; color: #666; }
td.note { font-size: 7.5pt; color: #444; white-space: normal; }
.notes { margin: 2mm 0 0; padding-inline-start: 5mm; font-size: 7.5pt; color: #555; break-inside: avoid; }
.notes li { margin-block-end: 0.6mm; }
.comments { margin: 0; padding-inline-start: 5mm; font-size: 8.5pt; }
.comments li { margin-block-end: 1.2mm; break-inside: avoid; }
.comments .day { display: block; font-size: 7pt; color: #666; }
.data-up-to { margin-block-start: 5mm; padding-block-start: 2mm; border-block-start: 1px solid #bcd3d0; font-size: 8.5pt; color: #444; break-inside: avoid; }
.data-up-to .desk { white-space: nowrap; }
figure.chart { margin: 0 0 4mm; }
figure.chart svg { display: block; inline-size: 100%; block-size: auto; }
@media screen { body { max-inline-size: 182mm; margin: 0 auto; padding: 10mm 0; } }
`;
