import type { PaperFormPdf, PaperLanguage } from '../../api/paper-forms';
import type { Question, QuestionnaireContent } from '../../api/questionnaires';
import arabicLabels from '../../../locales/ar/paper-forms.json';
import englishLabels from '../../../locales/en/paper-forms.json';
import arabicQuestionnaires from '../../../locales/ar/questionnaires.json';
import englishQuestionnaires from '../../../locales/en/questionnaires.json';
import { appendAudit } from '../audit/log';
import type { CallContext, ServiceDependencies } from '../context';
import { PDF_PAGE } from '../context';
import { AppError, notFound } from '../errors';
import { letterheadLogo } from '../letters/letterhead-logo';
import { escapeHtml, html, Html } from '../printing/html';
import { fontFaces, FONT_FAMILY, printableHtml, type ReportFont } from '../printing/html-shell';
import { associationNameIn, englishGregorianDay, englishHijriDay, gregorianDay, hijriDay, letterhead, LETTERHEAD_STYLE } from '../printing/paper';
import { reportFonts } from '../reports/pdf';
import { contentOf } from '../questionnaires/service';
import { qrCodeSvg } from './qr-code';

/** What a paper form states: the questionnaire's version as offered, and the offer's code. */
export interface PaperFormContent {
  language: PaperLanguage;
  associationName: string | null;
  logo: string | null;
  code: string;
  offeredOn: string;
  content: QuestionnaireContent;
  fonts?: readonly ReportFont[];
}

/**
 * An offer's questionnaire as an A4 form on the letterhead, right to left in Arabic, printed by the
 * host's Chromium: the questions of the version offered, each with the boxes of its kind, and the
 * offer's response code with its QR code on every page beside "page i of n", so that the pages of two
 * forms cannot be mixed. A form already answered is not printed again. Printing is recorded.
 */
export async function paperFormPdf(deps: Pick<ServiceDependencies, 'db' | 'keys' | 'printPdf'>, input: { offerId: string; language: PaperLanguage }, context: CallContext): Promise<PaperFormPdf> {
  const offer = await deps.db.selectFrom('questionnaire_offers').selectAll().where('id', '=', input.offerId).executeTakeFirst();
  if (!offer) throw notFound('offer');
  if (offer.status === 'responded') throw new AppError('rule', 'paperForms.recorded');
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const version = await deps.db.selectFrom('questionnaire_versions').selectAll().where('id', '=', offer.version_id).executeTakeFirstOrThrow();
  const fonts = reportFonts();
  const page = renderPaperForm({
    language: input.language,
    associationName: associationNameIn(deps.keys.path),
    logo: letterheadLogo(),
    code: offer.code,
    offeredOn: offer.offered_on,
    content: contentOf(version),
    fonts,
  });
  const pdf = await deps.printPdf(page, { footerTemplate: paperFormFooter(input.language, offer.code, fonts) });
  await appendAudit(deps.db, context, {
    action: 'paperForm.printed',
    entityType: 'questionnaire',
    entityId: offer.questionnaire_id,
    summary: { offer: offer.id, code: offer.code, language: input.language },
  });
  const words = input.language === 'en' ? englishLabels.form : arabicLabels.form;
  return { fileName: `${words.fileName.replace('{{code}}', offer.code)}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), code: offer.code };
}

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
/** A number as the paper's reader reads it: Arabic-Indic digits on the Arabic form (the typist's screen takes both). */
const numeral = (language: PaperLanguage, value: number): string =>
  language === 'ar' ? String(value).replace(/\d/g, (digit) => ARABIC_DIGITS[Number(digit)]!) : String(value);

/**
 * The foot of every page, printed by Chromium apart from the page (it sees none of the page's styles,
 * so it carries its own): the QR code, the response code and the page's number among the pages.
 */
export function paperFormFooter(language: PaperLanguage, code: string, fonts: readonly ReportFont[]): string {
  const words = language === 'en' ? englishLabels.form : arabicLabels.form;
  const page = escapeHtml(words.page).replace('{{page}}', '<span class="pageNumber"></span>').replace('{{total}}', '<span class="totalPages"></span>');
  return (
    `<style>${fontFaces(fonts)}.wasl-form-foot{font-family:"${FONT_FAMILY}",sans-serif;color:#000;inline-size:100%;box-sizing:border-box;` +
    `padding-inline:${PDF_PAGE.margins.inline}mm;display:flex;align-items:center;gap:3mm;font-size:9pt;margin-block-end:1mm;}` +
    `.wasl-form-foot .qr{inline-size:17mm;block-size:17mm;flex:none;}.wasl-form-foot .code{font-size:12pt;font-weight:700;letter-spacing:0.6pt;}` +
    `.wasl-form-foot .page{margin-inline-start:auto;}</style>` +
    `<div class="wasl-form-foot" dir="${language === 'ar' ? 'rtl' : 'ltr'}" lang="${language}">` +
    `<span class="qr">${qrCodeSvg(code, 17)}</span>` +
    `<span>${escapeHtml(words.code)}: <bdi class="code" dir="ltr">${escapeHtml(code)}</bdi></span>` +
    `<span class="page">${page}</span></div>`
  );
}

export function renderPaperForm(form: PaperFormContent): string {
  const english = form.language === 'en';
  const words = english ? englishLabels.form : arabicLabels.form;
  const shared = english ? englishQuestionnaires : arabicQuestionnaires;
  const content = form.content;
  const title = english ? (content.titleEn ?? content.titleAr) : content.titleAr;
  const intro = english ? (content.introEn ?? content.introAr) : content.introAr;
  const hijri = `${english ? englishHijriDay(form.offeredOn).replace(/\s*AH$/u, '') : hijriDay(form.offeredOn)} ${words.hijriMark}`;
  const gregorian = `${english ? englishGregorianDay(form.offeredOn) : gregorianDay(form.offeredOn)} ${words.gregorianMark}`;
  const n = (value: number) => numeral(form.language, value);
  const textOf = (question: Question) => (english ? (question.textEn ?? question.textAr) : question.textAr);

  const box = (number: number | null, label: string | null = null) =>
    html`<span class="choice">${number === null ? '' : html`<span class="number">${n(number)}</span>`}<span class="box"></span>${label === null ? '' : html`<span class="label">${label}</span>`}</span>`;

  const answerOf = (question: Question): Html => {
    switch (question.kind) {
      case 'satisfaction':
        return html`<div class="scale five">${[1, 2, 3, 4, 5].map((value) => html`<div class="cell"><span class="ticked"><span class="number">${n(value)}</span><span class="box"></span></span><span class="under">${shared.scale[String(value) as '1']}</span></div>`)}</div>`;
      case 'recommend':
        return html`<div class="scale eleven">${Array.from({ length: 11 }, (_, value) => html`<div class="cell"><span class="number">${n(value)}</span><span class="box"></span></div>`)}</div>
          <div class="ends"><span>${n(0)} = ${shared.recommend.low}</span><span>${n(10)} = ${shared.recommend.high}</span></div>`;
      case 'yes_no':
        return html`<div class="choices inline">${box(1, shared.yesNo.yes)}${box(2, shared.yesNo.no)}</div>`;
      case 'one_of':
      case 'many_of':
        return html`<div class="hint">${question.kind === 'one_of' ? words.oneOf : words.manyOf}</div>
          <div class="choices">${question.options.map((option, index) => box(index + 1, english ? (option.labelEn ?? option.labelAr) : option.labelAr))}</div>`;
      case 'number':
        return html`<div class="figure"><span class="write"></span><span class="hint">${words.number}${question.min !== null || question.max !== null ? html` (${question.min === null ? '' : n(question.min)}–${question.max === null ? '' : n(question.max)})` : ''}</span></div>`;
      case 'text':
        return html`<div class="lines"><span></span><span></span><span></span><span></span></div>`;
    }
  };

  const body = html`
    ${letterhead(
      form.associationName,
      form.logo,
      html`<div class="coded">
        <span class="qr">${new Html(qrCodeSvg(form.code, 24))}</span>
        <div><div class="caption">${words.code}</div><bdi class="code" dir="ltr">${form.code}</bdi><div class="caption">${words.date}: ${hijri}</div><div class="caption">(${gregorian})</div></div>
      </div>`,
    )}
    <main>
      <h1>${title}</h1>
      <p class="intro">${intro}</p>
      <p class="instructions">${words.instructions}</p>
      <ol class="questions">
        ${content.questions.map(
          (question, index) => html`<li class="question">
            <h2><span class="ordinal">${n(index + 1)}.</span> ${textOf(question)}${question.required ? html` <span class="required">(${shared.required})</span>` : ''}</h2>
            ${answerOf(question)}
          </li>`,
        )}
      </ol>
      <section class="name">
        <div class="choices inline">${box(null, words.leaveName)}</div>
        <p class="hint">${words.leaveNameNote}</p>
      </section>
      <p class="thanks">${words.thanks}</p>
    </main>`;
  return printableHtml({ language: form.language, title, style: LETTERHEAD_STYLE + STYLE, body, images: form.logo !== null, fonts: form.fonts ?? [] });
}

// Boxes that survive a photocopy: solid black borders of 1.4pt, no grey fills, no hairlines, at least
// 6 mm a side, each with its number beside it for the typist. Logical properties only: the paper's
// direction comes from its dir attribute.
const STYLE = `
@page { size: A4; }
* { box-sizing: border-box; }
body { font-family: "IBM Plex Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 11.5pt; line-height: 1.6; color: #000; margin: 0; }
.coded { display: flex; align-items: center; gap: 3mm; }
.coded .qr { inline-size: 24mm; block-size: 24mm; flex: none; }
.coded .code { display: block; font-size: 15pt; font-weight: 700; letter-spacing: 0.8pt; }
.coded .caption { font-size: 9.5pt; line-height: 1.4; white-space: nowrap; }
h1 { font-size: 16pt; text-align: center; margin-block: 0 3mm; color: #000; }
.intro { margin-block: 0 2mm; }
.instructions { font-weight: 700; margin-block: 0 4mm; }
ol.questions { list-style: none; margin: 0; padding: 0; }
.question { break-inside: avoid; margin-block: 0 4.5mm; }
.question h2 { font-size: 12pt; margin-block: 0 2mm; }
.ordinal { font-weight: 700; }
.required { font-weight: normal; font-size: 10pt; }
.box { display: inline-block; inline-size: 7mm; block-size: 7mm; border: 1.4pt solid #000; background: #fff; flex: none; }
.number { font-weight: 700; font-size: 12pt; }
.scale { display: flex; gap: 2mm; }
.scale .cell { display: flex; flex-direction: column; align-items: center; gap: 1mm; }
.scale.five .cell { inline-size: 30mm; }
.scale.eleven .cell { inline-size: 13mm; }
.scale .ticked { display: flex; align-items: center; gap: 2mm; }
.scale .under { font-size: 9.5pt; text-align: center; line-height: 1.3; }
.ends { display: flex; justify-content: space-between; font-size: 9.5pt; inline-size: 163mm; margin-block-start: 1mm; }
.choices { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 8mm; }
.choices.inline { display: flex; gap: 12mm; }
.choice { display: flex; align-items: center; gap: 2.5mm; }
.choice .number { min-inline-size: 5mm; text-align: center; }
.hint { font-size: 9.5pt; margin-block: 0 1.5mm; }
.figure { display: flex; align-items: center; gap: 4mm; }
.figure .write { display: inline-block; inline-size: 40mm; block-size: 10mm; border: 1.4pt solid #000; }
.lines span { display: block; block-size: 9mm; border-block-end: 1pt solid #000; }
.name { break-inside: avoid; border: 1.4pt solid #000; padding: 3mm 4mm; margin-block: 2mm 4mm; }
.name .hint { margin-block: 1.5mm 0; }
.thanks { text-align: center; font-weight: 700; }
@media screen { body { padding: 12mm 6mm; } }
`;
