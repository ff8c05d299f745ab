import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { ProgramDetail, ProgramSheet } from '../../api/programs';
import beneficiaryLabels from '../../../locales/ar/beneficiaries.json';
import labels from '../../../locales/ar/programs.json';
import englishLabels from '../../../locales/en/programs.json';
import { appendAudit } from '../audit/log';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError } from '../errors';
import { letterheadLogo } from '../letters/letterhead-logo';
import { printableHtml, type ReportFont } from '../printing/html-shell';
import { associationNameIn, dualDay, pageNumberFooter, weekdayOf } from '../printing/paper';
import { html, type Html } from '../printing/html';
import { reportFonts } from '../reports/pdf';
import { getProgram } from './service';

const text = labels.sheet;

/**
 * The program's sheet, printed as an A4 PDF on the letterhead, in Arabic: what the program is, its
 * conditions, who it is for, its schedule and place, and every fee version with what it covers and
 * the date it was announced, so that a person sees the fees before applying. Printing it is recorded.
 */
export async function printProgramSheet(
  deps: Pick<ServiceDependencies, 'db' | 'keys' | 'printPdf'>,
  input: { id: string; language: 'ar' | 'en' },
  context: CallContext,
): Promise<ProgramSheet> {
  const program = await getProgram(deps.db, input.id);
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const fonts = reportFonts();
  const page = renderProgramSheet({ program, associationName: associationNameIn(deps.keys.path), logo: letterheadLogo(), fonts });
  const pdf = await deps.printPdf(page, { footerTemplate: pageNumberFooter(text.page, fonts) });
  await appendAudit(deps.db, context, {
    action: 'program.sheetPrinted',
    entityType: 'program',
    entityId: program.id,
    summary: { programId: program.id, feeVersions: program.fees.length, sessions: program.sessions.length },
  });
  return { fileName: programSheetFileName(context.now, input.language), mimeType: 'application/pdf', base64: pdf.toString('base64') };
}

/** The date, never the program's name: a typed name may hold anything a file name cannot. */
export function programSheetFileName(now: Date, language: 'ar' | 'en'): string {
  const words = language === 'en' ? englishLabels.sheet : text;
  // The day the office lives in (Riyadh's), not the UTC day, which is the day before from 21:00.
  return `${words.fileName.replace('{{date}}', todayInRiyadh(now))}.pdf`;
}

export interface ProgramSheetContent {
  program: ProgramDetail;
  associationName: string | null;
  /** The logo as a data: URL, or null to print without it. */
  logo: string | null;
  fonts?: readonly ReportFont[];
}

export function renderProgramSheet({ program, associationName, logo, fonts = [] }: ProgramSheetContent): string {
  const body = html`
    <header class="letterhead">
      <div class="identity">
        ${logo === null ? '' : html`<img class="logo" src="${logo}" alt="">`}
        ${associationName === null ? '' : html`<div class="association">${associationName}</div>`}
      </div>
      <div class="kind">${text.title}</div>
    </header>
    <main>
      <h1>${program.nameAr}</h1>
      ${program.nameEn === null ? '' : html`<p class="latin" dir="ltr" lang="en">${program.nameEn}</p>`}
      <table class="facts">
        <tbody>
          <tr><th scope="row">${text.kind}</th><td>${labels.kinds[program.kind]}</td></tr>
          <tr><th scope="row">${text.dates}</th><td>${dualDay(program.startsOn, text)} ${text.until} ${dualDay(program.endsOn, text)}</td></tr>
          ${program.place === null ? '' : html`<tr><th scope="row">${text.place}</th><td>${program.place}</td></tr>`}
          <tr><th scope="row">${text.forWhom}</th><td>${forWhom(program)}</td></tr>
          <tr><th scope="row">${text.interview}</th><td>${program.hasInterview ? text.interviewYes : text.interviewNo}</td></tr>
          <tr><th scope="row">${text.capacity}</th><td>${text.seats.replace('{{count}}', String(program.capacity))}</td></tr>
          <tr><th scope="row">${text.completion}</th><td>${completionRule(program)}</td></tr>
        </tbody>
      </table>
      <h2>${text.description}</h2>
      <p class="prose">${program.description}</p>
      ${program.conditions === null ? '' : html`<h2>${text.conditions}</h2><p class="prose">${program.conditions}</p>`}
      <h2>${text.fees}</h2>
      ${program.fees.length === 0 ? html`<p>${text.noFees}</p>` : feesTable(program)}
      <h2>${text.schedule}</h2>
      ${program.sessions.length === 0 ? html`<p>${text.noSessions}</p>` : sessionsTable(program)}
    </main>`;
  return printableHtml({ language: 'ar', title: `${text.title}: ${program.nameAr}`, style: STYLE, body, images: true, fonts });
}

function forWhom(program: ProgramDetail): string {
  const categories =
    program.categories.length === 0 ? text.everyone : program.categories.map((category) => beneficiaryLabels.category[category]).join('، ');
  const parts = [categories];
  if (program.gender !== null) parts.push(text.gender[program.gender]);
  if (program.ageMin !== null && program.ageMax !== null) {
    parts.push(text.ageBetween.replace('{{min}}', String(program.ageMin)).replace('{{max}}', String(program.ageMax)));
  } else if (program.ageMin !== null) parts.push(text.ageFrom.replace('{{min}}', String(program.ageMin)));
  else if (program.ageMax !== null) parts.push(text.ageUpTo.replace('{{max}}', String(program.ageMax)));
  return parts.join('، ');
}

function completionRule(program: ProgramDetail): string {
  const attendance = text.minAttendance.replace('{{percent}}', String(program.minAttendancePercent));
  return program.maxUnexcusedAbsences === null
    ? attendance
    : `${attendance}، ${text.maxAbsences.replace('{{count}}', String(program.maxUnexcusedAbsences))}`;
}

function feesTable(program: ProgramDetail): Html {
  return html`
    <table class="grid">
      <thead><tr><th>${text.feeVersion}</th><th>${text.feeAmount}</th><th>${text.feeCovers}</th><th>${text.feeAnnounced}</th></tr></thead>
      <tbody>
        ${program.fees.map(
          (fee, index) => html`<tr class="${index === 0 ? 'current' : ''}">
            <td>${fee.version}${index === 0 ? html` <span class="badge">${text.feeCurrent}</span>` : ''}</td>
            <td class="amount">${formatFee(fee.amount)}</td>
            <td>${fee.covers}</td>
            <td>${dualDay(fee.announcedOn, text)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <p class="note">${text.feeNote}</p>`;
}

function sessionsTable(program: ProgramDetail): Html {
  return html`
    <table class="grid">
      <thead><tr><th>#</th><th>${text.sessionDay}</th><th>${text.sessionDate}</th><th>${text.sessionTime}</th><th>${text.sessionPlace}</th></tr></thead>
      <tbody>
        ${program.sessions.map(
          (session, index) => html`<tr>
            <td>${index + 1}</td>
            <td>${weekdayOf(session.date)}</td>
            <td>${dualDay(session.date, text)}</td>
            <td><bdi dir="ltr">${session.startsAt}–${session.endsAt}</bdi></td>
            <td>${session.place ?? program.place ?? ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

/** Halalas as riyals, with the word: a fee of 0 is announced as free. */
export function formatFee(halalas: number): string {
  if (halalas === 0) return text.free;
  return text.riyals.replace('{{amount}}', AMOUNT.format(halalas / 100));
}

// --- Dates and amounts -------------------------------------------------------------------------

const AMOUNT = new Intl.NumberFormat('ar-SA-u-nu-latn', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// --- Style ---------------------------------------------------------------------------------------

// Logical properties only: the page is right to left by its dir attribute, never by CSS.
const STYLE = `
@page { size: A4; }
* { box-sizing: border-box; }
body { font-family: "IBM Plex Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 11pt; line-height: 1.7; color: #111; margin: 0 auto; max-inline-size: 180mm; }
.letterhead { display: flex; justify-content: space-between; align-items: center; gap: 8mm; padding-block-end: 3mm; margin-block-end: 5mm; border-block-end: 2px solid #1f5f5b; }
.identity { display: flex; align-items: center; gap: 4mm; }
.logo { inline-size: 20mm; block-size: 20mm; object-fit: contain; }
.association { font-size: 14pt; font-weight: bold; color: #1f5f5b; max-inline-size: 100mm; }
.kind { font-size: 12pt; color: #1f5f5b; font-weight: bold; }
h1 { font-size: 17pt; margin-block: 0 1mm; color: #1f5f5b; }
h2 { font-size: 12.5pt; margin-block: 5mm 2mm; color: #1f5f5b; border-block-end: 1px solid #c9dcda; padding-block-end: 1mm; }
.latin { margin-block: 0 3mm; color: #444; text-align: end; }
table.facts { border-collapse: collapse; margin-block-start: 2mm; }
table.facts th { text-align: start; font-weight: bold; color: #333; padding-inline-end: 5mm; padding-block: 0.6mm; vertical-align: top; white-space: nowrap; }
table.facts td { padding-block: 0.6mm; }
.prose { white-space: pre-line; margin-block: 0 2mm; text-align: justify; }
table.grid { inline-size: 100%; border-collapse: collapse; font-size: 10pt; }
table.grid th, table.grid td { border: 1px solid #b9c9c7; padding: 1.2mm 2mm; text-align: start; vertical-align: top; }
table.grid thead th { background: #e8f1f0; }
table.grid tr { break-inside: avoid; }
tr.current td { font-weight: bold; }
.badge { font-size: 8.5pt; font-weight: normal; color: #1f5f5b; border: 1px solid #1f5f5b; border-radius: 2mm; padding-inline: 1.5mm; }
.amount { white-space: nowrap; }
.gregorian { color: #555; font-size: 0.92em; }
.note { font-size: 9.5pt; color: #444; margin-block: 1.5mm 0; }
@media screen { body { padding: 12mm 6mm; } }
`;
