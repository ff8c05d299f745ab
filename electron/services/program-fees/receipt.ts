import type { ReceiptPdf } from '../../api/program-fees';
import arabicLabels from '../../../locales/ar/program-fees.json';
import englishLabels from '../../../locales/en/program-fees.json';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError, notFound } from '../errors';
import { letterheadLogo } from '../letters/letterhead-logo';
import { html } from '../printing/html';
import { printableHtml, type ReportFont } from '../printing/html-shell';
import { associationNameIn, englishGregorianDay, englishHijriDay, gregorianDay, hijriDay, letterhead, LETTERHEAD_STYLE } from '../printing/paper';
import { reportFonts } from '../reports/pdf';
import { arabicAmountInWords, englishAmountInWords } from './amount-in-words';

type Language = 'ar' | 'en';

/** What a receipt states: everything is read from the record, nothing typed at printing. */
export interface ReceiptContent {
  language: Language;
  associationName: string | null;
  logo: string | null;
  receiptNumber: string;
  paidOn: string;
  /** Halalas. */
  amount: number;
  method: 'cash' | 'bank_transfer' | 'card' | 'other';
  person: { fullName: string; fileNumber: string };
  program: { nameAr: string; nameEn: string | null };
  covers: string;
  officer: string;
  voided: { reason: string } | null;
  fonts?: readonly ReportFont[];
}

/**
 * A payment's receipt on the association's letterhead, as a PDF printed by the host's Chromium: the
 * receipt number, the day in both calendars, whom it was received from, the amount in figures and in
 * words, what for, how and by whom. Printing it is recorded on the person's trail. A voided payment's
 * receipt prints marked void, so a copy shows why its number counts for nothing.
 */
export async function receiptPdf(deps: Pick<ServiceDependencies, 'db' | 'keys' | 'printPdf'>, input: { paymentId: string; language: Language }, context: CallContext): Promise<ReceiptPdf> {
  const row = await deps.db
    .selectFrom('program_payments as pay')
    .innerJoin('program_enrolments as e', 'e.id', 'pay.enrolment_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('beneficiaries as b', 'b.id', 'e.beneficiary_id')
    .innerJoin('users as u', 'u.id', 'pay.recorded_by')
    .leftJoin('program_fees as f', 'f.id', 'e.fee_id')
    .select(['pay.id', 'pay.amount', 'pay.paid_on', 'pay.method', 'pay.receipt_number', 'pay.void_reason', 'pay.voided_at', 'u.display_name'])
    .select(['e.id as enrolment_id', 'b.id as beneficiary_id', 'b.file_number', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name'])
    .select(['p.name_ar', 'p.name_en', 'f.covers'])
    .where('pay.id', '=', input.paymentId)
    .executeTakeFirst();
  if (!row) throw notFound('payment');
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const page = renderReceipt({
    language: input.language,
    associationName: associationNameIn(deps.keys.path),
    logo: letterheadLogo(),
    receiptNumber: row.receipt_number,
    paidOn: row.paid_on,
    amount: row.amount,
    method: row.method,
    person: { fullName: fullNameOf(row), fileNumber: row.file_number },
    program: { nameAr: row.name_ar, nameEn: row.name_en },
    covers: row.covers ?? '',
    officer: row.display_name,
    voided: row.voided_at === null ? null : { reason: row.void_reason ?? '' },
    fonts: reportFonts(),
  });
  const pdf = await deps.printPdf(page, { footerTemplate: '<span></span>' });
  await appendAudit(deps.db, context, {
    action: 'fee.receiptPrinted',
    entityType: 'beneficiary',
    entityId: row.beneficiary_id,
    summary: { enrolmentId: row.enrolment_id, paymentId: row.id, receiptNumber: row.receipt_number, language: input.language },
  });
  const words = input.language === 'en' ? englishLabels.receipt : arabicLabels.receipt;
  // The number, never a name: file names end up in recent-file lists.
  const number = row.receipt_number.replace(/[^0-9A-Za-z]+/g, '-');
  return { fileName: `${words.fileName.replace('{{number}}', number)}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), receiptNumber: row.receipt_number };
}

/** Riyals with two decimals and thousands separated, Latin digits in both languages (as the amounts on the screens). */
export const riyalsInFigures = (halalas: number): string =>
  `${Math.floor(halalas / 100).toLocaleString('en-US')}.${String(halalas % 100).padStart(2, '0')}`;

export function renderReceipt(content: ReceiptContent): string {
  const english = content.language === 'en';
  const text = english ? englishLabels.receipt : arabicLabels.receipt;
  const methods = english ? englishLabels.method : arabicLabels.method;
  // The era is the label's to write, in either language, as on the letters.
  const hijri = english ? englishHijriDay(content.paidOn).replace(/\s*AH$/u, '') : hijriDay(content.paidOn);
  const gregorian = english ? englishGregorianDay(content.paidOn) : gregorianDay(content.paidOn);
  const programName = english ? (content.program.nameEn ?? content.program.nameAr) : content.program.nameAr;
  const words = english ? englishAmountInWords(content.amount) : arabicAmountInWords(content.amount);
  const body = html`
    ${letterhead(
      content.associationName,
      content.logo,
      html`<table class="reference">
        <tbody>
          <tr><th scope="row">${text.number}:</th><td><bdi dir="ltr">${content.receiptNumber}</bdi></td></tr>
          <tr><th scope="row">${text.date}:</th><td>${hijri} ${text.hijriMark}</td></tr>
          <tr><th scope="row">${text.gregorianEquivalent}:</th><td>${gregorian} ${text.gregorianMark}</td></tr>
        </tbody>
      </table>`,
    )}
    <main>
      <h1>${text.title}</h1>
      ${content.voided === null ? '' : html`<p class="void">${text.voided}: ${content.voided.reason}</p>`}
      <table class="facts">
        <tbody>
          <tr><th scope="row">${text.receivedFrom}</th><td><bdi>${content.person.fullName}</bdi> — ${text.fileNumber} <bdi dir="ltr">${content.person.fileNumber}</bdi></td></tr>
          <tr><th scope="row">${text.amount}</th><td class="figures"><bdi dir="ltr">${riyalsInFigures(content.amount)}</bdi> ${text.currency}</td></tr>
          <tr><th scope="row">${text.amountInWords}</th><td>${words}</td></tr>
          <tr><th scope="row">${text.for}</th><td>${text.forProgram.replace('{{program}}', () => programName)}${content.covers === '' ? '' : html` — <bdi>${content.covers}</bdi>`}</td></tr>
          <tr><th scope="row">${text.method}</th><td>${methods[content.method]}</td></tr>
          <tr><th scope="row">${text.officer}</th><td>${content.officer}</td></tr>
        </tbody>
      </table>
      <p class="notice">${text.notice}</p>
      <div class="signatures">
        <p>${text.signature}: <span class="blank"></span></p>
        <p>${text.stamp}:</p>
      </div>
    </main>`;
  return printableHtml({ language: content.language, title: text.title, style: LETTERHEAD_STYLE + STYLE, body, images: true, fonts: content.fonts ?? [] });
}

// Logical properties only: the page's direction comes from its dir attribute, never from CSS.
const STYLE = `
@page { size: A4; margin: 18mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "IBM Plex Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 12.5pt; line-height: 1.8; color: #111; margin: 0 auto; max-inline-size: 170mm; }
table.reference { border-collapse: collapse; font-size: 11pt; }
table.reference th { text-align: start; font-weight: normal; color: #444; padding-inline-end: 2mm; white-space: nowrap; }
table.reference td { white-space: nowrap; }
h1 { font-size: 17pt; text-align: center; margin-block: 0 6mm; color: #1f5f5b; }
.void { text-align: center; color: #a61b1b; font-weight: bold; border: 2px solid #a61b1b; padding: 2mm; }
table.facts { border-collapse: collapse; inline-size: 100%; }
table.facts th { text-align: start; font-weight: normal; color: #444; inline-size: 40mm; padding-block: 2mm; border-block-end: 1px solid #ddd; vertical-align: top; }
table.facts td { padding-block: 2mm; border-block-end: 1px solid #ddd; }
.figures { font-weight: bold; font-size: 14pt; }
.notice { font-size: 10pt; color: #444; margin-block: 6mm 0; }
.signatures { display: flex; justify-content: space-between; margin-block-start: 12mm; }
.blank { display: inline-block; inline-size: 45mm; border-block-end: 1px dotted #333; }
@media screen { body { padding: 12mm 6mm; } }
`;
