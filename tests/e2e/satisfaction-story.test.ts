import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ContactView } from '../../electron/api/contacts';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { QuestionnaireView } from '../../electron/api/questionnaires';
import type { RequestDetail, RequestTypeView } from '../../electron/api/requests';
import type { OfferView } from '../../electron/api/satisfaction';
import { validFields } from '../support/database';
import { aLineHolds, plain } from '../support/pdf-text';
import type { ProgramCall } from '../support/programs';
import { ASSOCIATION_NAME, type RunningHost } from './support/host';
import { focusedLabel, goTo, press, RequestScreen, tabTo, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn, switchAccount } from './support/programs';

/**
 * Satisfaction and the policy's own document, in Arabic and from the keyboard as far as the screens
 * go: an officer closes a request and hands the screen to the person, who answers, leaves a comment
 * without a name and is thanked; the officer takes the screen back with the password (a wrong one
 * first) and is back on the request. A second closed request's paper form is printed, typed in by
 * the officer and blind by a colleague with one answer read otherwise, and the difference settled
 * against the paper. The supervisor reads the weekly report's satisfaction section (too few to
 * judge, then a figure once there are enough), approves issue 02 of the policy, sees issue 01
 * superseded and the review reminder on the home screen. Only what the story does not tell (the
 * requests' way to their last step, the double entry switched on, the further answers) goes through
 * the api.
 */

const SHEETS = '/tmp/shots-satisfaction-story';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const colleague = { username: 'huda', password: 'the second desk by the window', displayName: 'هدى الدوسري' };
const supervisor = { username: 'noura', password: 'the supervisor decides fairly', displayName: 'نورة السبيعي' };
const TITLE = 'استبانة رضا المستفيدين';
const COMMENT = 'استقبلني الموظف بلطف وأنهى طلبي في يومه.';
const DAY_MS = 24 * 60 * 60 * 1000;
const today = todayInRiyadh();
const inThreeWeeks = todayInRiyadh(new Date(Date.now() + 21 * DAY_MS));

describe('satisfaction measured on screen and on paper, reported weekly; the policy kept under control', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let call: ProgramCall;
  let person: BeneficiaryDetail;
  /** The request closed on screen and answered at the kiosk; the one answered on paper. */
  let kioskRequest: RequestDetail;
  let paperRequest: RequestDetail;
  let paperCode = '';

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    mkdirSync(SHEETS, { recursive: true });
    host = await deskWithStaff(admin, [
      [officer, 'officer'],
      [colleague, 'officer'],
      [supervisor, 'supervisor'],
    ]);
    call = callsOf(host);
    // Paper forms of the shipped questionnaire are typed twice.
    const shipped = await call<QuestionnaireView>('questionnaires.get', { id: SHIPPED_QUESTIONNAIRE_ID });
    await call('questionnaires.save', { id: shipped.id, content: shipped.current.content, doubleEntry: true });
    person = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields({ firstName: 'منصور', familyName: 'الدوسري' }) });

    // Two requests, received, reviewed, decided and told to him; the second closed too.
    await call('session.signIn', { username: officer.username, password: officer.password });
    const [financialAid] = (await call<RequestTypeView[]>('requests.types', { active: true })).filter((type) => !type.needsAuthority);
    const opened: RequestDetail[] = [];
    for (const summary of ['طلب مساعدة مالية لسداد إيجار المنزل', 'طلب مساعدة مالية لرسوم المدرسة']) {
      const request = await call<RequestDetail>('requests.open', { beneficiaryId: person.id, typeId: financialAid!.id, summary, sourceContactId: null });
      await call('requests.startReview', { id: request.id, note: null });
      opened.push(request);
    }
    await call('session.signIn', { username: supervisor.username, password: supervisor.password });
    for (const request of opened) await call('requests.decide', { id: request.id, outcome: 'approved', reason: 'مستوفٍ لشروط المساعدة' });
    await call('session.signIn', { username: officer.username, password: officer.password });
    for (const request of opened) await call('requests.notify', { id: request.id, channel: 'in_person' });
    [kioskRequest, paperRequest] = [opened[0]!, await call<RequestDetail>('requests.close', { id: opened[1]!.id, note: null })];
    await call('session.signOut', {});

    ({ browser, page, app } = await screensSignedIn(host, officer));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const requests = () => new RequestScreen(page);

  /** The request's page, opened at its address as the links to it do. */
  const openRequest = async (request: RequestDetail) => {
    await page.evaluate((id) => {
      window.location.hash = `/requests/${id}`;
    }, request.id);
    await requests().heading(request.number).waitFor();
  };

  const satisfactionBlock = (): Locator => page.getByRole('region', { name: 'استبانة الرضا' });

  /** The block's offer menu, from the keyboard: its button, then the way chosen. */
  const offer = async (way: string) => {
    await press(satisfactionBlock().getByRole('button', { name: 'عرض الاستبانة' }));
    const item = page.getByRole('menuitem', { name: way });
    await item.waitFor();
    await press(item);
  };

  const kioskHeading = () => page.getByRole('heading', { level: 1, name: TITLE });
  const question = (text: RegExp) => page.getByRole('group', { name: text });

  it('the officer closes the request on screen and hands the screen to the person', async () => {
    await openRequest(kioskRequest);
    // Not yet closed: nothing to offer.
    expect(await satisfactionBlock().count()).toBe(0);
    const close = await requests().openStep('إغلاق الطلب');
    await requests().save(close, kioskRequest.number, 'مغلق');
    await satisfactionBlock().getByText('لم تُعرض استبانة على هذه الحالة بعد.').waitFor();
    await app.screenshot('story-satisfaction-request-closed-ar', { withoutNotices: true });
    await offer('على هذه الشاشة الآن');
    await kioskHeading().waitFor();
    expect(await app.direction()).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(await page.getByRole('navigation').count()).toBe(0);
    const shown = await page.locator('body').innerText();
    expect(shown).not.toContain(person.fullName);
    expect(shown).not.toContain(kioskRequest.number);
    await app.screenshot('story-satisfaction-kiosk-ar');
  });

  it('the person answers the scales, the recommendation and a comment, leaves no name, and is thanked', async () => {
    await question(/كان الوصول إلى الجمعية/).getByRole('button', { name: /^4/ }).click();
    await question(/أُنجزت خدمتي/).getByRole('button', { name: /^5/ }).click();
    await question(/عوملت باحترام/).getByRole('button', { name: /^5/ }).click();
    await question(/ما مدى رضاك عن الخدمة/).getByRole('button', { name: /^5/ }).click();
    await question(/أن توصي بالجمعية/).getByRole('button', { name: '9', exact: true }).click();
    await page.getByRole('textbox', { name: /ملاحظة أو اقتراح/ }).fill(COMMENT);
    expect(await page.getByRole('checkbox', { name: 'أرغب في حفظ اسمي مع إجاباتي' }).isChecked()).toBe(false);
    await app.screenshot('story-satisfaction-kiosk-answered-ar');
    await page.getByRole('button', { name: 'إرسال إجاباتي' }).click();
    await page.getByRole('heading', { name: 'شكرًا لك' }).waitFor();
    await app.screenshot('story-satisfaction-kiosk-thanks-ar');
  });

  it('the officer leaves the kiosk with the password, a wrong one refused first, and is back on the request', async () => {
    await press(page.getByRole('button', { name: 'للموظف' }));
    const prompt = page.getByRole('dialog', { name: 'إنهاء الاستبانة' });
    const password = prompt.getByRole('textbox', { name: 'كلمة المرور' });
    await password.waitFor();
    await expect.poll(() => password.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('not the officer password');
    await page.keyboard.press('Enter');
    await prompt.getByRole('alert').filter({ hasText: 'كلمة المرور غير صحيحة' }).waitFor();
    await app.screenshot('story-satisfaction-kiosk-refused-ar');
    expect(await page.getByRole('navigation').count()).toBe(0);
    await password.fill(officer.password);
    await page.keyboard.press('Enter');

    await requests().heading(kioskRequest.number).waitFor();
    await page.getByRole('navigation').waitFor();
    await satisfactionBlock().getByRole('row', { name: /أُجيبت على الشاشة/ }).waitFor();
    expect(await satisfactionBlock().getByRole('button', { name: 'عرض الاستبانة' }).count()).toBe(0);
    const [answered] = await call<OfferView[]>('satisfaction.offersOf', { requestId: kioskRequest.id });
    expect(answered).toMatchObject({ status: 'responded', response: { mode: 'kiosk' } });
    await app.screenshot('story-satisfaction-back-on-request-ar', { withoutNotices: true });
  });

  it('on the second closed request the officer prints a paper form, its code on it', async () => {
    await openRequest(paperRequest);
    const printing = page.waitForEvent('download');
    await offer('طباعة استمارة ورقية');
    const download = await printing;
    const path = join(SHEETS, 'form.pdf');
    await download.saveAs(path);
    const [printed] = await call<OfferView[]>('satisfaction.offersOf', { requestId: paperRequest.id });
    expect(printed).toMatchObject({ status: 'offered', mode: 'paper' });
    paperCode = printed!.code;
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(plain(text)).toContain(paperCode);
    for (const words of [ASSOCIATION_NAME, TITLE]) expect(aLineHolds(text, words), words).toBe(true);
    // The form is about the case, never the person: no name on it.
    expect(plain(text)).not.toContain(person.fullName);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(SHEETS, 'form')]);
    await satisfactionBlock().getByRole('row', { name: /بانتظار الإجابة/ }).waitFor();
    await app.screenshot('story-satisfaction-paper-offered-ar', { withoutNotices: true });
  });

  /** The paper entry screen: the code first, then the answers one after the other, Enter between them. */
  const typeForm = async (answers: string[]) => {
    await goTo(page, 'إدخال الاستبانات الورقية', 'إدخال الاستبانات الورقية');
    await expect.poll(() => focusedLabel(page)).toMatch(/^رمز الاستجابة/);
    await page.keyboard.type(paperCode);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toMatch(/^1\. /);
    for (const [index, answer] of answers.entries()) {
      if (answer !== '') await page.keyboard.type(answer);
      if (index < answers.length - 1) await page.keyboard.press('Enter');
    }
  };
  const lastForm = () => page.getByRole('status').filter({ hasText: 'آخر استمارة' });

  it('the officer types the form in from the paper; a colleague types it blind, one answer read otherwise', async () => {
    await typeForm(['3', '5', '4', '5', '4', '8', '', '']);
    expect(await page.getByText('الإدخال الأول').count()).toBeGreaterThan(0);
    await app.screenshot('story-satisfaction-paper-first-ar');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => lastForm().textContent()).toContain('يُدخلها موظف آخر');

    await switchAccount(page, colleague);
    // The colleague reads the speed as 4 where the officer read 5; Arabic-Indic digits for the rest.
    await typeForm(['٣', '٤', '٤', '٥', '٤', '٨', '', '']);
    expect(await page.getByText('الإدخال الثاني (دون رؤية الأول)').count()).toBe(1);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => lastForm().textContent()).toContain('الأسئلة المختلفة: 1');
  });

  it('the difference is shown and settled against the paper, and the response recorded', async () => {
    await press(lastForm().getByRole('button', { name: 'حسم الفروق' }));
    const settle = page.getByRole('region', { name: 'حسم فروق الإدخال' });
    await expect.poll(() => settle.textContent()).toContain('أُنجزت خدمتي في وقت مناسب');
    const row = settle.getByRole('row').filter({ hasText: 'أُنجزت خدمتي' });
    expect(await row.textContent()).toContain('5 — راضٍ جدًا');
    expect(await row.textContent()).toContain('4 — راضٍ');
    expect(await settle.getByRole('row').filter({ hasText: 'عوملت باحترام' }).count()).toBe(0);
    await expect.poll(() => focusedLabel(page)).toMatch(/^ما في الورقة: 2\./);
    // The paper says 5.
    await page.keyboard.type('5');
    await app.screenshot('story-satisfaction-paper-settle-ar');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => lastForm().textContent()).toContain('سُجّلت استمارة');
    await expect.poll(() => focusedLabel(page)).toMatch(/^رمز الاستجابة/);

    const [recorded] = await call<OfferView[]>('satisfaction.offersOf', { requestId: paperRequest.id });
    expect(recorded).toMatchObject({ status: 'responded', response: { mode: 'paper' } });
  });

  /** The weekly report's satisfaction section, this week, opened afresh from the side menu. */
  const reportSection = async (): Promise<Locator> => {
    await page.keyboard.press('Alt+H');
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await goTo(page, 'التقارير', /التقرير/);
    await page.keyboard.press('Alt+KeyT');
    await expect.poll(() => page.getByRole('button', { name: /هذا الأسبوع حتى اليوم/ }).getAttribute('aria-pressed')).toBe('true');
    const section = page.getByRole('region', { name: 'رضا المستفيدين' });
    await section.getByRole('heading', { name: 'رضا المستفيدين', exact: true }).waitFor();
    return section;
  };
  const unmarked = (text: string | null) => (text ?? '').replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim();
  /** A figure's row in the section's first table: its label (with the counts) and this week's value. */
  const figure = async (section: Locator, label: string) => {
    const row = section.getByRole('table', { name: new RegExp(`^${TITLE}`) }).getByRole('row').filter({ hasText: label });
    return { label: unmarked(await row.getByRole('cell').nth(0).textContent()), value: unmarked(await row.getByRole('cell').nth(1).textContent()) };
  };

  it('the supervisor reads the weekly report: two responses, CSAT and NPS too few to judge with their counts, the comment without a name', async () => {
    await switchAccount(page, supervisor);
    const section = await reportSection();
    await expect.poll(async () => (await figure(section, 'الإجابات')).value, { timeout: 15_000 }).toBe('2');
    const csat = await figure(section, 'نسبة الرضا (CSAT)');
    expect(csat).toEqual({ label: 'نسبة الرضا (CSAT) — العدد أقل من أن يُحكم به — ن: 2 / 0', value: '—' });
    const nps = await figure(section, 'صافي نقاط الترويج (NPS)');
    expect(nps).toEqual({ label: 'صافي نقاط الترويج (NPS) — العدد أقل من أن يُحكم به — ن: 2 / 0', value: '—' });
    expect(await section.textContent()).toContain('يُحجب الرقم المبني على أقل من 5 إجابات (العدد أقل من أن يُحكم به)');
    const comments = section.getByRole('list', { name: new RegExp(`^الملاحظات كما كُتبت، بلا أسماء — ${TITLE}`) });
    await expect.poll(() => comments.textContent()).toContain(COMMENT);
    for (const name of [person.fullName, officer.displayName, colleague.displayName]) expect(await section.textContent()).not.toContain(name);
    await section.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    await section.screenshot({ path: 'test-results/screenshots/story-satisfaction-report-ar.png', style: 'header, .mantine-Notifications-root { visibility: hidden; }' });
  });

  it('with four more answers taken by phone, the report judges: CSAT of six responses', async () => {
    // Interviews at the desk this week, each answered by phone (the supervisor is signed in).
    for (const overall of [4, 4, 2, 5]) {
      const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'مقابلة', personName: 'زائر' });
      const made = await call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'phone', contactId: contact.id });
      await call('satisfaction.recordByPhone', { offerId: made.id, answers: { overall, recommend: overall === 2 ? 3 : 9 }, named: false });
    }
    const section = await reportSection();
    await expect.poll(async () => (await figure(section, 'الإجابات')).value, { timeout: 15_000 }).toBe('6');
    // Overall: 5 (kiosk), 4 (paper), 4, 4, 2, 5: five of six gave 4 or 5.
    expect(await figure(section, 'نسبة الرضا (CSAT)')).toEqual({ label: 'نسبة الرضا (CSAT) — ن: 6 / 0', value: '83.3%' });
    // Recommend: 9, 8, 9, 9, 3, 9: four promoters, one detractor of six.
    expect(await figure(section, 'صافي نقاط الترويج (NPS)')).toEqual({ label: 'صافي نقاط الترويج (NPS) — ن: 6 / 0', value: '50' });
    await section.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    await section.screenshot({ path: 'test-results/screenshots/story-satisfaction-report-judged-ar.png', style: 'header, .mantine-Notifications-root { visibility: hidden; }' });
    await app.switchLanguage('English');
    const english = page.getByRole('region', { name: 'Beneficiary satisfaction' });
    await expect.poll(() => english.textContent()).toContain('Satisfaction (CSAT) — n: 6 / 0');
    await english.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    await english.screenshot({ path: 'test-results/screenshots/story-satisfaction-report-en.png', style: 'header, .mantine-Notifications-root { visibility: hidden; }' });
    await app.switchLanguage('العربية');
  });

  it('the supervisor approves issue 02 of the policy; issue 01 reads superseded', async () => {
    await page.keyboard.press('Alt+D');
    await page.getByRole('heading', { name: 'الوثائق المعتمدة', level: 2 }).waitFor();
    await press(page.getByRole('button', { name: 'إصدار جديد' }));
    const draft = page.getByRole('dialog', { name: 'مسودة الإصدار (02)' });
    await draft.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('ما الذي تغيّر عن الإصدار السابق');
    await page.keyboard.type('قياس رضا المستفيدين بالاستبانات الإلكترونية والورقية وعرضه في التقرير الأسبوعي');
    await page.keyboard.press('Control+Enter');
    await draft.waitFor({ state: 'hidden' });

    await press(page.getByRole('button', { name: 'تسجيل اعتماد الإصدار 02' }));
    const approval = page.getByRole('dialog', { name: 'اعتماد الإصدار (02)' });
    await approval.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('رقم الجلسة');
    await page.keyboard.type('٣');
    await tabTo(page, 'تاريخ الاعتماد');
    await page.keyboard.type(today);
    await tabTo(page, 'تاريخ السريان');
    await page.keyboard.type(today);
    // The next review three weeks away: within the thirty days the reminder looks ahead.
    await tabTo(page, 'تاريخ المراجعة القادمة');
    await page.keyboard.type(inThreeWeeks);
    await app.screenshot('story-documents-approve-ar', { withoutNotices: true });
    await page.keyboard.press('Control+Enter');
    await approval.waitFor({ state: 'hidden' });

    const facts = page.getByRole('region', { name: 'سياسة تنظيم العلاقة مع المستفيدين' });
    await expect.poll(() => facts.textContent()).toContain('الإصدار (02)');
    expect(await facts.textContent()).toContain('مجلس الإدارة، الدورة الأولى، الجلسة (3) لعام 2026');
    expect(await facts.textContent()).toContain(supervisor.displayName);

    const issues = page.getByRole('region', { name: 'الإصدارات' });
    await issues.getByRole('row').filter({ hasText: '01' }).filter({ hasText: 'مُستبدَل' }).waitFor();
    await press(issues.getByRole('button', { name: 'قراءة الإصدار 01' }));
    const text = page.getByRole('article', { name: 'نص الإصدار (01)' });
    await expect.poll(() => text.textContent()).toContain('هذا الإصدار مُستبدَل ولم يعد ساريًا: الساري هو الإصدار (02)');
    await app.screenshot('story-documents-superseded-ar', { withoutNotices: true });
  });

  it('the supervisor’s home screen shows the review reminder', async () => {
    await page.keyboard.press('Alt+H');
    const reminder = page.getByRole('status', { name: 'مراجعة الوثائق المعتمدة' });
    await reminder.waitFor();
    await expect.poll(() => reminder.textContent()).toContain('POL-01');
    expect(await reminder.textContent()).toContain('موعد مراجعة الوثيقة');
    await app.screenshot('story-documents-reminder-ar', { withoutNotices: true });
  });
});
