// The paper questionnaire through the real call path: dispatch(name, input) → validation → service →
// encrypted SQLite. The form printed by Chromium and read back with pdftotext (its code on every page
// of a form of two pages), a form typed in once, typed twice by two officers (the same one refused, the
// first typing never shown to the second), the differences settled against the paper, and codes typed
// as people type them; every refusal changes nothing.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import type { ContactView } from '../../electron/api/contacts';
import { NAME_BOX, type PaperEntryDone, type PaperFormFound, type PaperFormPdf, type PaperMismatches } from '../../electron/api/paper-forms';
import type { QuestionInput, QuestionnaireView } from '../../electron/api/questionnaires';
import type { OfferView } from '../../electron/api/satisfaction';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { newVerificationNumber } from '../../electron/services/enrolments/verification-number';
import { aLineHolds, plain } from '../support/pdf-text';
import { ASSOCIATION, auditEntries, expectError, expectOk, openTestWaslWithStaff, readRows, refusedUnchanged, type StaffedTestWasl } from '../support/database';

let printer: ChromiumPrinter;
let app: StaffedTestWasl<'officer' | 'second' | 'supervisor'>;
let now: number;

beforeAll(() => {
  printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
});
afterAll(async () => {
  await printer?.close();
});

beforeEach(async () => {
  now = Date.now();
  app = await openTestWaslWithStaff({ officer: 'officer', second: 'officer', supervisor: 'supervisor' }, { clock: () => new Date((now += 1000)), printPdf: printer.print });
});
afterEach(async () => {
  await app.cleanup();
});

const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));
const rows = (query: string, ...parameters: unknown[]) => readRows(app, query, ...parameters);

const question = (key: string, kind: QuestionInput['kind'], textAr: string, textEn: string, extra: Partial<QuestionInput> = {}): QuestionInput => ({
  key,
  kind,
  textAr,
  textEn,
  required: false,
  ...extra,
});
const options = (...labels: Array<[string, string, string]>) => labels.map(([key, labelAr, labelEn]) => ({ key, labelAr, labelEn }));

/** A questionnaire of every kind of question, long enough to print on two pages. */
const LONG_QUESTIONS: QuestionInput[] = [
  question('access', 'satisfaction', 'كان الوصول إلى مقر الجمعية سهلًا.', 'The association was easy to reach.'),
  question('waiting', 'satisfaction', 'كان وقت الانتظار مناسبًا.', 'The waiting time was reasonable.'),
  question('clarity', 'satisfaction', 'كانت المعلومات واضحة.', 'The information was clear.'),
  question('respect', 'satisfaction', 'عوملت باحترام.', 'I was treated with respect.'),
  question('overall', 'satisfaction', 'ما مدى رضاك عن الخدمة عمومًا؟', 'Overall, how satisfied are you?', { required: true, overall: true }),
  question('recommend', 'recommend', 'ما مدى احتمال أن توصي بالجمعية؟', 'How likely are you to recommend us?'),
  question('first_visit', 'yes_no', 'هل هذه زيارتك الأولى؟', 'Is this your first visit?'),
  question('heard', 'one_of', 'كيف عرفت بالجمعية؟', 'How did you hear of us?', {
    options: options(['friend', 'صديق أو قريب', 'A friend or relative'], ['social', 'وسائل التواصل', 'Social media'], ['court', 'الجهات العدلية', 'The justice bodies']),
  }),
  question('services', 'many_of', 'ما الخدمات التي تلقيتها؟', 'Which services did you receive?', {
    options: options(['financial', 'مساعدة مالية', 'Financial help'], ['training', 'تدريب', 'Training'], ['legal', 'استشارة قانونية', 'Legal advice'], ['family', 'رعاية أسرية', 'Family care']),
  }),
  question('visits', 'number', 'كم مرة راجعت الجمعية هذا العام؟', 'How many times did you visit this year?', { min: 0, max: 50 }),
  question('staff', 'satisfaction', 'كان الموظف متعاونًا.', 'The officer was helpful.'),
  question('place', 'satisfaction', 'كان المكان مريحًا.', 'The place was comfortable.'),
  question('again', 'yes_no', 'هل ستراجع الجمعية مرة أخرى إن احتجت؟', 'Would you come back if you needed to?'),
  question('improve', 'text', 'ما الذي نحسّنه أولًا؟', 'What should we improve first?'),
  question('comment', 'text', 'ملاحظات أخرى', 'Other comments'),
];

async function longQuestionnaire(doubleEntry: boolean): Promise<QuestionnaireView> {
  await app.signIn('administrator');
  const saved = await call<QuestionnaireView>('questionnaires.save', {
    content: { titleAr: 'استبانة الزيارة الميدانية', titleEn: 'Field visit questionnaire', introAr: 'رأيك يهمنا.', introEn: 'Your opinion matters.', questions: LONG_QUESTIONS },
    doubleEntry,
  });
  return call<QuestionnaireView>('questionnaires.setStatus', { id: saved.id, status: 'active' });
}

/** A paper form offered after an in-person interview, by the officer. */
async function paperOffer(questionnaireId: string): Promise<OfferView> {
  await app.signIn('officer');
  const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'استفسار عن برنامج', personName: 'زائر' });
  return call<OfferView>('satisfaction.offer', { questionnaireId, mode: 'paper', contactId: contact.id });
}

const pdfPath = (pdf: PaperFormPdf, name: string) => {
  const path = join(app.dir, name);
  writeFileSync(path, Buffer.from(pdf.base64, 'base64'));
  if (process.env.WASL_KEEP_PAPER_FORM) writeFileSync(`${process.env.WASL_KEEP_PAPER_FORM}-${name}`, Buffer.from(pdf.base64, 'base64'));
  return path;
};
const pageCount = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
const pageText = (path: string, page: number, layout = true) =>
  execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });

const refusalOf = (path: string, messageKey: string) => ({ code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path, messageKey }] } });

describe('the printed form', () => {
  it('prints A4 on the letterhead, every question, the code on every page of a form of several, in Arabic and English; printing is recorded', async () => {
    const questionnaire = await longQuestionnaire(false);
    const offer = await paperOffer(questionnaire.id);
    const arabic = await call<PaperFormPdf>('paperForms.form', { offerId: offer.id, language: 'ar' });
    expect(arabic).toMatchObject({ code: offer.code, mimeType: 'application/pdf', fileName: `استبانة-ورقية-${offer.code}.pdf` });
    const path = pdfPath(arabic, 'form-ar.pdf');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    const pages = pageCount(path);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page += 1) {
      const text = plain(pageText(path, page));
      expect(text, `page ${page}`).toContain(offer.code);
      expect(aLineHolds(pageText(path, page), `صفحة ${page} من ${pages}`), `page ${page} of ${pages}`).toBe(true);
    }
    const whole = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of [ASSOCIATION, 'استبانة الزيارة الميدانية', 'رأيك يهمنا', 'رمز الاستجابة', 'أرغب في ترك اسمي مع إجاباتي', 'محايد', 'أوصي بشدة', 'إلزامي']) {
      expect(aLineHolds(whole, words), words).toBe(true);
    }
    for (const one of LONG_QUESTIONS) expect(aLineHolds(whole, one.textAr), one.textAr).toBe(true);
    for (const option of ['صديق أو قريب', 'استشارة قانونية', 'رعاية أسرية']) expect(aLineHolds(whole, option), option).toBe(true);

    const english = await call<PaperFormPdf>('paperForms.form', { offerId: offer.id, language: 'en' });
    expect(english.fileName).toBe(`paper-questionnaire-${offer.code}.pdf`);
    const englishPath = pdfPath(english, 'form-en.pdf');
    const englishPages = pageCount(englishPath);
    expect(englishPages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= englishPages; page += 1) {
      const text = plain(pageText(englishPath, page, false));
      expect(text).toContain(offer.code);
      expect(text).toContain(`Page ${page} of ${englishPages}`);
    }
    const englishText = plain(execFileSync('pdftotext', [englishPath, '-'], { encoding: 'utf8' }));
    for (const words of ['Field visit questionnaire', 'Response code', 'I wish to leave my name with my answers', 'Not at all satisfied', 'Very satisfied', 'Extremely likely', 'Legal advice', ...LONG_QUESTIONS.map((one) => one.textEn!)]) {
      expect(englishText, words).toContain(words);
    }

    await app.signIn('supervisor');
    const printed = (await auditEntries(app.dispatch, { action: 'paperForm.printed' })).map((entry) => entry.summary);
    expect(printed).toEqual(
      expect.arrayContaining([
        { offer: offer.id, code: offer.code, language: 'ar' },
        { offer: offer.id, code: offer.code, language: 'en' },
      ]),
    );
  });

  it('is not printed for a form recorded already, nor for an offer that does not exist', async () => {
    const offer = await paperOffer(SHIPPED_QUESTIONNAIRE_ID);
    await call<PaperEntryDone>('paperForms.enter', { code: offer.code, answers: { overall: 5 }, named: false });
    expect((await refusedUnchanged(app, 'paperForms.form', { offerId: offer.id, language: 'ar' })).error).toEqual({ code: 'rule', messageKey: 'paperForms.recorded' });
    expect((await refusedUnchanged(app, 'paperForms.form', { offerId: '00000000-0000-4000-8000-000000000000', language: 'ar' })).error).toMatchObject({ code: 'not_found' });
  });
});

describe('a form typed in once', () => {
  it('is found by its code however typed, and its answers are the response, taken as typed in Arabic-Indic digits too', async () => {
    const offer = await paperOffer(SHIPPED_QUESTIONNAIRE_ID);
    // Lower case, no dashes, O for 0 and L for 1, as a typist reads a smudged form.
    const typed = offer.code.replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const found = await call<PaperFormFound>('paperForms.find', { code: typed });
    expect(found).toMatchObject({ offer: { id: offer.id, code: offer.code }, doubleEntry: false, stage: 'first', firstEnteredByYou: false });
    expect(found.version.content.questions.map((one) => one.key)).toContain('overall');

    const done = await call<PaperEntryDone>('paperForms.enter', { code: typed, answers: { access: '٤', overall: '٥', recommend: '١٠', comment: 'خدمة ممتازة' }, named: true });
    expect(done).toMatchObject({ stage: 'recorded', mismatches: 0, offer: { status: 'responded', response: { mode: 'paper' } } });
    expect(rows('SELECT mode, answers, recorded_by FROM questionnaire_responses')).toEqual([
      { mode: 'paper', answers: JSON.stringify({ access: 4, overall: 5, recommend: 10, comment: 'خدمة ممتازة' }), recorded_by: app.accounts.officer.id },
    ]);
    expect(rows('SELECT count(*) AS n FROM questionnaire_paper_entries')).toEqual([{ n: 0 }]);
    expect((await call<PaperFormFound>('paperForms.find', { code: offer.code })).stage).toBe('recorded');

    const again = await refusedUnchanged(app, 'paperForms.enter', { code: offer.code, answers: { overall: 1 }, named: false });
    expect(again.error).toEqual({ code: 'rule', messageKey: 'paperForms.recorded' });
    await app.signIn('supervisor');
    const entered = (await auditEntries(app.dispatch, { action: 'paperForm.entered' })).map((entry) => entry.summary);
    expect(entered).toEqual([{ offer: offer.id, code: offer.code, entry: 1, of: 1 }]);
  });

  it('refuses a code that is none, a code of no form, and answers the questions do not take, changing nothing', async () => {
    const offer = await paperOffer(SHIPPED_QUESTIONNAIRE_ID);
    expect((await refusedUnchanged(app, 'paperForms.find', { code: 'not a code' })).error).toEqual(refusalOf('code', 'paperForms.validation.code'));
    // One character off: the check character catches it.
    const mistyped = `${offer.code.slice(0, -1)}${offer.code.endsWith('A') ? 'B' : 'A'}`;
    expect((await refusedUnchanged(app, 'paperForms.enter', { code: mistyped, answers: { overall: 5 }, named: false })).error).toEqual(refusalOf('code', 'paperForms.validation.code'));
    let nobody = newVerificationNumber();
    while (nobody === offer.code) nobody = newVerificationNumber();
    expect((await refusedUnchanged(app, 'paperForms.find', { code: nobody })).error).toEqual({ code: 'not_found', messageKey: 'paperForms.unknownCode' });
    expect((await refusedUnchanged(app, 'paperForms.enter', { code: '', answers: {}, named: false })).error).toEqual(refusalOf('code', 'validation.required'));

    const wrong = await refusedUnchanged(app, 'paperForms.enter', { code: offer.code, answers: { access: '7', recommend: 'x' }, named: false });
    expect(wrong.error.details?.fields).toEqual(
      expect.arrayContaining([
        { path: 'answers.access', messageKey: 'validation.outOfRange' },
        { path: 'answers.recommend', messageKey: 'validation.invalid' },
      ]),
    );
    expect((await refusedUnchanged(app, 'paperForms.settle', { code: offer.code, answers: { overall: 5 }, named: false })).error).toEqual({ code: 'rule', messageKey: 'paperForms.nothingToSettle' });
    expect((await refusedUnchanged(app, 'paperForms.mismatches', { code: offer.code })).error).toEqual({ code: 'rule', messageKey: 'paperForms.nothingToSettle' });
  });
});

describe('a form typed in twice', () => {
  const firstTyping = { access: '4', waiting: '3', overall: '5', recommend: '9', first_visit: true, heard: 'social', services: ['legal', 'financial'], visits: '3', improve: 'مواقف السيارات' };

  it('keeps the first typing blind to the second officer, refuses the same officer, and records two typings alike', async () => {
    const questionnaire = await longQuestionnaire(true);
    const offer = await paperOffer(questionnaire.id);
    const first = await call<PaperEntryDone>('paperForms.enter', { code: offer.code, answers: firstTyping, named: false });
    expect(first).toMatchObject({ stage: 'second', mismatches: 0, offer: { status: 'offered' } });
    expect(rows('SELECT count(*) AS n FROM questionnaire_responses')).toEqual([{ n: 0 }]);

    const byFirst = await call<PaperFormFound>('paperForms.find', { code: offer.code });
    expect(byFirst).toMatchObject({ stage: 'second', doubleEntry: true, firstEnteredByYou: true });
    expect((await refusedUnchanged(app, 'paperForms.enter', { code: offer.code, answers: firstTyping, named: false })).error).toEqual({ code: 'rule', messageKey: 'paperForms.sameTypist' });

    await app.signIn('second');
    const bySecond = await call<PaperFormFound>('paperForms.find', { code: offer.code });
    expect(bySecond).toMatchObject({ stage: 'second', firstEnteredByYou: false });
    // Nothing of what the first officer typed reaches the second.
    expect(JSON.stringify(bySecond)).not.toContain('مواقف السيارات');
    expect(Object.keys(bySecond).sort()).toEqual(['doubleEntry', 'firstEnteredByYou', 'offer', 'stage', 'version']);
    expect((await refusedUnchanged(app, 'paperForms.mismatches', { code: offer.code })).error).toEqual({ code: 'rule', messageKey: 'paperForms.nothingToSettle' });

    // The same answers typed otherwise: Arabic-Indic digits, the choices ticked in another order.
    const second = await call<PaperEntryDone>('paperForms.enter', {
      code: offer.code.toLowerCase(),
      answers: { ...firstTyping, access: '٤', services: ['financial', 'legal'], visits: '٣' },
      named: false,
    });
    expect(second).toMatchObject({ stage: 'recorded', mismatches: 0, offer: { status: 'responded', response: { mode: 'paper' } } });
    expect(rows('SELECT recorded_by, beneficiary_id FROM questionnaire_responses')).toEqual([{ recorded_by: app.accounts.second.id, beneficiary_id: null }]);
    expect(JSON.parse(String(rows('SELECT answers FROM questionnaire_responses')[0]!.answers))).toMatchObject({ access: 4, services: ['financial', 'legal'], visits: 3 });
    expect(rows('SELECT entered_by FROM questionnaire_paper_entries ORDER BY entered_at').map((row) => row.entered_by)).toEqual([app.accounts.officer.id, app.accounts.second.id]);

    await app.signIn('supervisor');
    const entered = (await auditEntries(app.dispatch, { action: 'paperForm.entered' })).map((entry) => entry.summary);
    expect(entered).toEqual(
      expect.arrayContaining([
        { offer: offer.id, code: offer.code, entry: 1, of: 2 },
        { offer: offer.id, code: offer.code, entry: 2, of: 2, mismatches: 0 },
      ]),
    );
    // The audit says which typing, never what was typed.
    expect(JSON.stringify(entered)).not.toContain('مواقف');
  });

  it('shows two differing typings with both values, and records what the officer settling read on the paper', async () => {
    const questionnaire = await longQuestionnaire(true);
    const offer = await paperOffer(questionnaire.id);
    await call<PaperEntryDone>('paperForms.enter', { code: offer.code, answers: firstTyping, named: false });
    await app.signIn('second');
    const differing = await call<PaperEntryDone>('paperForms.enter', {
      code: offer.code,
      answers: { ...firstTyping, waiting: '2', heard: 'friend', visits: '' },
      named: true,
    });
    expect(differing).toMatchObject({ stage: 'mismatches', mismatches: 4, offer: { status: 'offered' } });
    expect(rows('SELECT count(*) AS n FROM questionnaire_responses')).toEqual([{ n: 0 }]);
    expect((await call<PaperFormFound>('paperForms.find', { code: offer.code })).stage).toBe('mismatches');
    expect((await refusedUnchanged(app, 'paperForms.enter', { code: offer.code, answers: firstTyping, named: false })).error).toEqual({ code: 'rule', messageKey: 'paperForms.toSettle' });

    await app.signIn('supervisor');
    const toSettle = await call<PaperMismatches>('paperForms.mismatches', { code: offer.code });
    expect(toSettle.mismatches).toEqual([
      { key: 'waiting', first: 3, second: 2 },
      { key: 'heard', first: 'social', second: 'friend' },
      { key: 'visits', first: 3, second: null },
      { key: NAME_BOX, first: false, second: true },
    ]);
    expect(toSettle.agreed).toEqual({ answers: { access: 4, overall: 5, recommend: 9, first_visit: true, services: ['financial', 'legal'], improve: 'مواقف السيارات' }, named: null });
    expect(toSettle.entries.map((entry) => entry.enteredBy.id)).toEqual([app.accounts.officer.id, app.accounts.second.id]);

    const wrong = await refusedUnchanged(app, 'paperForms.settle', { code: offer.code, answers: { ...toSettle.agreed.answers, waiting: 9 }, named: false });
    expect(wrong.error).toEqual(refusalOf('answers.waiting', 'validation.outOfRange'));

    const settled = await call<PaperEntryDone>('paperForms.settle', { code: offer.code, answers: { ...toSettle.agreed.answers, waiting: '٣', heard: 'social', visits: 3 }, named: false });
    expect(settled).toMatchObject({ stage: 'recorded', offer: { status: 'responded' } });
    expect(JSON.parse(String(rows('SELECT answers FROM questionnaire_responses')[0]!.answers))).toEqual({
      access: 4,
      waiting: 3,
      overall: 5,
      recommend: 9,
      first_visit: true,
      heard: 'social',
      services: ['financial', 'legal'],
      visits: 3,
      improve: 'مواقف السيارات',
    });
    expect(rows('SELECT recorded_by, beneficiary_id FROM questionnaire_responses')).toEqual([{ recorded_by: app.accounts.supervisor.id, beneficiary_id: null }]);
    const settledEntries = await auditEntries(app.dispatch, { action: 'paperForm.settled' });
    expect(settledEntries.map((entry) => [entry.summary, entry.actor?.id])).toEqual([[{ offer: offer.id, code: offer.code, mismatches: 4 }, app.accounts.supervisor.id]]);
    expect(expectError(await app.dispatch('paperForms.settle', { code: offer.code, answers: toSettle.agreed.answers, named: false }))).toEqual({ code: 'rule', messageKey: 'paperForms.recorded' });
  });
});
