import type { EnrolmentDetail, InterviewFormPdf } from '../../api/enrolments';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import labels from '../../../locales/ar/enrolments.json';
import { appendAudit } from '../audit/log';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError } from '../errors';
import { letterheadLogo } from '../letters/letterhead-logo';
import { html } from '../printing/html';
import { printableHtml, type ReportFont } from '../printing/html-shell';
import { associationNameIn, gregorianDay, hijriDay, letterhead, LETTERHEAD_STYLE } from '../printing/paper';
import { reportFonts } from '../reports/pdf';
import { getEnrolment } from './service';

/**
 * The interview form of an enrolment, A4 in Arabic on the association's letterhead: who, for which
 * program, when and by whom, and the result and notes, filled in where the interview was recorded and
 * left as lines to write on where it was not. One self-contained page (every value escaped, nothing
 * fetched), printed by the host's Chromium as a letter is; the printing is recorded on the person's trail.
 */
export async function interviewFormPdf(
  deps: Pick<ServiceDependencies, 'db' | 'keys' | 'printPdf'>,
  id: string,
  context: CallContext,
): Promise<InterviewFormPdf> {
  const enrolment = await getEnrolment(deps.db, id, context);
  const program = await deps.db.selectFrom('programs').select('has_interview').where('id', '=', enrolment.program.id).executeTakeFirstOrThrow();
  if (program.has_interview !== 1) throw new AppError('rule', 'enrolments.noInterview');
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const page = renderInterviewForm({
    enrolment,
    associationName: associationNameIn(deps.keys.path),
    logo: letterheadLogo(),
    printedOn: todayInRiyadh(context.now),
    fonts: reportFonts(),
  });
  const pdf = await deps.printPdf(page, { footerTemplate: '<span></span>' });
  await appendAudit(deps.db, context, {
    action: 'enrolment.interviewFormPrinted',
    entityType: 'beneficiary',
    entityId: enrolment.beneficiary.id,
    summary: { enrolmentId: enrolment.id, programId: enrolment.program.id, format: 'pdf' },
  });
  // The file number, never a name: file names end up in recent-file lists.
  const fileNumber = enrolment.beneficiary.fileNumber.replace(/[^0-9A-Za-z]+/g, '-');
  return { fileName: `${labels.form.fileName.replace('{{fileNumber}}', fileNumber)}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64') };
}

export interface InterviewFormContent {
  enrolment: EnrolmentDetail;
  associationName: string | null;
  logo: string | null;
  /** The Riyadh date it was printed. */
  printedOn: string;
  fonts?: readonly ReportFont[];
}

const text = labels.form;

export function renderInterviewForm({ enrolment, associationName, logo, printedOn, fonts = [] }: InterviewFormContent): string {
  const result = enrolment.interviewResult;
  const box = (checked: boolean) => html`<span class="box">${checked ? '✓' : ''}</span>`;
  const blankLines = html`<div class="lines">${[1, 2, 3, 4, 5].map(() => html`<div class="line"></div>`)}</div>`;
  const body = html`
    ${letterhead(associationName, logo)}
    <p class="printed">${text.printedOn}: ${bothCalendars(printedOn)}</p>
    <main>
      <h1>${text.title}</h1>
      <table class="facts">
        <tbody>
          <tr><th scope="row">${text.program}</th><td>${enrolment.program.nameAr}</td></tr>
          <tr><th scope="row">${text.person}</th><td>${enrolment.beneficiary.fullName}</td></tr>
          <tr><th scope="row">${text.fileNumber}</th><td><bdi dir="ltr">${enrolment.beneficiary.fileNumber}</bdi></td></tr>
          <tr><th scope="row">${text.appliedOn}</th><td>${bothCalendars(todayInRiyadh(new Date(enrolment.appliedAt)))}</td></tr>
          <tr><th scope="row">${text.interviewOn}</th><td>${enrolment.interviewOn === null ? html`<span class="blank"></span>` : bothCalendars(enrolment.interviewOn)}</td></tr>
          <tr><th scope="row">${text.interviewer}</th><td>${enrolment.interviewer === null ? html`<span class="blank"></span>` : enrolment.interviewer.displayName}</td></tr>
        </tbody>
      </table>
      <h2>${text.result}</h2>
      <p class="choices">${box(result === 'passed')} ${text.passed} ${box(result === 'not_passed')} ${text.notPassed}</p>
      <h2>${text.notes}</h2>
      ${enrolment.interviewNotes === null ? blankLines : html`<p class="notes">${enrolment.interviewNotes}</p>`}
      <div class="signatures">
        <p>${text.interviewerSignature}: <span class="blank"></span></p>
        <p>${text.applicantSignature}: <span class="blank"></span></p>
      </div>
    </main>`;
  return printableHtml({ language: 'ar', title: text.title, style: LETTERHEAD_STYLE + STYLE, body, images: true, fonts });
}

/** A date in the Hijri calendar, then the Gregorian: the day at noon UTC, the same day in both. */
function bothCalendars(date: string | null): string {
  if (date === null) return '';
  return `${hijriDay(date)} ${text.hijriMark} — ${gregorianDay(date)} ${text.gregorianMark}`;
}

// Logical properties only: the page is right to left by its dir attribute, never by CSS.
const STYLE = `
@page { size: A4; margin: 18mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "IBM Plex Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 12.5pt; line-height: 1.8; color: #111; margin: 0 auto; max-inline-size: 170mm; }
.printed { font-size: 10pt; color: #444; text-align: end; margin-block: -3mm 4mm; }
h1 { font-size: 17pt; text-align: center; margin-block: 0 6mm; color: #1f5f5b; }
h2 { font-size: 13pt; margin-block: 6mm 2mm; }
table.facts { border-collapse: collapse; inline-size: 100%; }
table.facts th { text-align: start; font-weight: normal; color: #444; inline-size: 40mm; padding-block: 1.5mm; border-block-end: 1px solid #ddd; }
table.facts td { padding-block: 1.5mm; border-block-end: 1px solid #ddd; }
.choices { display: flex; align-items: center; gap: 3mm; }
.box { display: inline-block; inline-size: 5mm; block-size: 5mm; border: 1px solid #333; text-align: center; line-height: 5mm; margin-inline-start: 6mm; }
.box:first-child { margin-inline-start: 0; }
.notes { white-space: pre-line; border: 1px solid #ddd; padding: 3mm; min-block-size: 30mm; }
.lines .line { border-block-end: 1px dotted #333; block-size: 9mm; }
.signatures { display: flex; justify-content: space-between; margin-block-start: 14mm; }
.blank { display: inline-block; inline-size: 45mm; border-block-end: 1px dotted #333; }
@media screen { body { padding: 12mm 6mm; } }
`;
