import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { addAccount, newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, focusedLabel, goTo, LettersRegister, press } from './support/pages';

/**
 * Linking later, from both sides: a letter registered without its person or request is linked from
 * the letter and from the person's file and the request page; a complaint is linked to a registered
 * person when received from the complaints page, and one received by name is linked afterwards; the
 * answer to a walk-in's suggestion shows on the home screen with the phone it went to, and is linked
 * to a person, or closed as not a beneficiary with a reason.
 */

const SHOTS = '/tmp/shots-letters';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const authority = { nameAr: 'مديرية سجون المنطقة الشرقية', nameEn: 'Eastern Province Prisons Directorate' };
const person = { firstName: 'فاطمة', fatherName: 'عبدالله', grandfatherName: 'حسن', familyName: 'العلي', phone: '0551112233' };
const fullName = 'فاطمة عبدالله حسن العلي';

const registration = {
  ...person,
  phones: [person.phone],
  latinName: null, idType: 'national_id', idNumber: withSaudiCheckDigit('104455667'), nationality: 'SA',
  residencyStatus: 'citizen', gender: 'female', birthDate: '1988-03-14', districtId: null, address: null,
  category: 'family_member', prisonerRelation: 'wife', prisonerName: 'سعد محمد العلي', prisonerFacility: 'سجن الأحساء العام',
  prisonerStatus: 'serving_sentence', household: [], needs: ['financial'], needsPriority: 'medium', needsNotes: null,
  consentGiven: true, consentDate: '2026-01-10', consentMethod: 'written', status: 'active', notes: null,
};

/** The association's outgoing numbers, counted afresh each Hijri year. */
const hijriYear = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'Asia/Riyadh', year: 'numeric' })
  .formatToParts(new Date())
  .find((part) => part.type === 'year')!
  .value;
const outgoing = (count: number) => `${hijriYear}/${String(count).padStart(4, '0')}`;

describe('linking later, from both sides', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let letters: LettersRegister;
  let beneficiaryId: string;
  let requestId: string;
  let namedComplaintId: string;

  async function call<T>(name: string, input: unknown): Promise<T> {
    const answer = await host.call<T>(name, input);
    if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
    return answer.value as T;
  }

  /** A walk-in's suggestion, received by name at the complaints page and answered by phone: the answer is an unlinked contact. */
  async function answeredSuggestion(personName: string, phone: string): Promise<void> {
    const { id } = await call<{ id: string }>('complaints.receive', {
      kind: 'suggestion', beneficiaryId: null, personName, about: 'service', aboutStaffId: null, subject: 'مقترح لتحسين الاستقبال', details: null, sourceContactId: null,
    });
    await call('complaints.acknowledge', { id });
    await call('complaints.investigate', { id });
    await call('complaints.resolve', { id, resolution: 'يُدرس مع الإدارة', decision: 'under_study' });
    await call('complaints.answer', { id, channel: 'phone', summary: 'أُبلغ بأن مقترحه قيد الدراسة', phoneNumber: phone });
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    const { id: authorityId } = await call<{ id: string }>('authorities.save', { id: null, ...authority, active: true });
    ({ id: beneficiaryId } = await call<{ id: string }>('beneficiaries.register', { fields: registration }));
    const type = await call<{ id: string }>('requests.saveType', { nameAr: 'مساعدة مالية', nameEn: 'Financial aid', needsAuthority: false, targetWorkingDays: 10 });
    ({ id: requestId } = await call<{ id: string }>('requests.open', { beneficiaryId, typeId: type.id, summary: 'مساعدة في إيجار المسكن', sourceContactId: null }));
    // Three letters to the authority, registered before anyone said whom they were about.
    for (const subject of ['إفادة عن حالة أسرة نزيل', 'طلب تسهيل زيارة', 'إحالة طلب مساعدة']) {
      await call('letters.register', { direction: 'outgoing', authorityId, subject, body: 'نص الخطاب.', beneficiaryId: null, requestId: null });
    }
    ({ id: namedComplaintId } = await call<{ id: string }>('complaints.receive', {
      kind: 'complaint', beneficiaryId: null, personName: 'أم سعد', about: 'service', aboutStaffId: null, subject: 'تأخر الرد على الاتصال', details: null, sourceContactId: null,
    }));
    await answeredSuggestion('أبو فهد', '0551112233');
    await answeredSuggestion('زائر من الخبر', '0569998877');
    await addAccount(host, officer, 'officer');
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    letters = new LettersRegister(page);
    await app.open(host.url, officer);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** Picks a registered person in a dialog's person picker, by a search that finds them. */
  async function pickPerson(dialog: ReturnType<Page['getByRole']>, label: string | RegExp, query: string): Promise<void> {
    await dialog.getByLabel(label).fill(query);
    await page.getByRole('option', { name: new RegExp(fullName) }).click();
  }

  it('links a letter to its person from the letter itself, and it shows on her timeline', async () => {
    await goTo(page, 'الصادر والوارد', 'الصادر والوارد');
    const details = await letters.open(outgoing(1));
    await press(details.getByRole('button', { name: 'ربط بمستفيد أو طلب' }));
    const linking = page.getByRole('dialog', { name: /^ربط الخطاب/ });
    await linking.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('المستفيد');
    // Nothing chosen: said, and nothing changes.
    await page.keyboard.press('Control+Enter');
    await linking.getByText('اختر المستفيد أو الطلب أولًا.').waitFor();
    await pickPerson(linking, 'المستفيد', 'فاطمة العلي');
    await linking.getByLabel('الطلب').click();
    await page.getByRole('option', { name: /R-\d{4}-0001/ }).click();
    await page.screenshot({ path: `${SHOTS}/link-letter-ar.png` });
    await page.keyboard.press('Control+Enter');
    await linking.waitFor({ state: 'hidden' });
    const linked = page.getByRole('dialog', { name: new RegExp(outgoing(1)) });
    await expect.poll(() => linked.textContent()).toContain(fullName);
    expect(await linked.getByRole('button', { name: 'ربط بمستفيد أو طلب' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('links a letter from the person’s file and from the request page', async () => {
    await page.goto(`${host.origin}/#/beneficiaries/${beneficiaryId}`);
    await page.getByRole('heading', { name: fullName }).first().waitFor();
    await page.getByRole('button', { name: 'إجراءات أخرى' }).click();
    await page.getByRole('menuitem', { name: 'ربط خطاب مسجل' }).click();
    const fromFile = page.getByRole('dialog', { name: `ربط خطاب بملف ${fullName}` });
    await fromFile.waitFor();
    await fromFile.getByLabel('الخطاب').fill('زيارة');
    await page.getByRole('option', { name: new RegExp(outgoing(2)) }).click();
    await page.screenshot({ path: `${SHOTS}/link-letter-from-file-ar.png` });
    await page.keyboard.press('Control+Enter');
    await fromFile.waitFor({ state: 'hidden' });
    const timeline = page.getByRole('region', { name: 'سجل التعامل' });
    await expect.poll(() => timeline.textContent()).toContain('طلب تسهيل زيارة');
    expect(await timeline.textContent()).toContain('إفادة عن حالة أسرة نزيل');

    await page.goto(`${host.origin}/#/requests/${requestId}`);
    await page.getByRole('button', { name: 'ربط خطاب مسجل' }).click();
    const fromRequest = page.getByRole('dialog', { name: /ربط خطاب بالطلب/ });
    await fromRequest.waitFor();
    await fromRequest.getByLabel('الخطاب').fill('إحالة');
    await page.getByRole('option', { name: new RegExp(outgoing(3)) }).click();
    await page.keyboard.press('Control+Enter');
    await fromRequest.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('main').textContent()).toContain(outgoing(3));
  });

  it('receives a complaint for a registered person from the complaints page, and links one received by name afterwards', async () => {
    await goTo(page, 'الشكاوى والاقتراحات', /الشكاوى/);
    await press(page.getByRole('button', { name: 'شكوى جديدة' }));
    const form = page.getByRole('dialog', { name: 'استلام شكوى أو ملاحظة أو مقترح' });
    await form.waitFor();
    await pickPerson(form, 'المستفيد المسجل', '0551112233');
    await form.getByLabel('الموضوع').fill('لم يصلها رد على طلبها');
    await page.screenshot({ path: `${SHOTS}/complaint-with-person-ar.png` });
    await page.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('main').textContent()).toContain(fullName);

    await page.goto(`${host.origin}/#/complaints/${namedComplaintId}`);
    await page.getByText('أم سعد').first().waitFor();
    await press(page.getByRole('button', { name: 'ربط بمستفيد' }));
    const linking = page.getByRole('dialog', { name: /ربط .* بملف مستفيد/ });
    await linking.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('المستفيد');
    await pickPerson(linking, 'المستفيد', 'فاطمة العلي');
    await page.keyboard.press('Control+Enter');
    await linking.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: new RegExp(fullName) }).waitFor();
    expect(await page.getByRole('button', { name: 'ربط بمستفيد' }).count()).toBe(0);
  });

  it('shows the walk-in’s phone on the home card, links one answer to a person and closes the other as not a beneficiary', async () => {
    await goTo(page, 'الرئيسية', /.+/);
    const card = page.getByRole('region', { name: 'تواصل غير مربوط بملف' });
    const table = card.getByRole('table');
    await expect.poll(() => table.textContent()).toContain('055 111 2233');
    expect(await table.textContent()).toContain('056 999 8877');
    await page.screenshot({ path: `${SHOTS}/unlinked-ar.png`, fullPage: true });

    await press(card.getByRole('button', { name: 'اربط تواصل أبو فهد بملف' }));
    const linking = page.getByRole('dialog', { name: /ربط/ });
    await linking.waitFor();
    await pickPerson(linking, /المستفيد/, '0551112233');
    await page.keyboard.press('Control+Enter');
    await linking.waitFor({ state: 'hidden' });
    await expect.poll(() => table.textContent()).not.toContain('أبو فهد');

    await press(card.getByRole('button', { name: /ليس مستفيدًا.*زائر من الخبر/ }));
    const closing = page.getByRole('dialog', { name: 'إغلاق تواصل: ليس مستفيدًا' });
    await closing.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('السبب');
    // A reason is required: said in place, and nothing changes.
    await page.keyboard.press('Control+Enter');
    await closing.getByText('هذا الحقل مطلوب.').waitFor();
    await page.screenshot({ path: `${SHOTS}/close-unlinked-ar.png` });
    await closing.getByLabel('السبب').fill('زائر قدّم مقترحًا عامًا وليس من المستفيدين');
    await page.keyboard.press('Control+Enter');
    await closing.waitFor({ state: 'hidden' });
    await card.waitFor({ state: 'detached' });
  });

  it('shows the same in English', async () => {
    await app.switchLanguage('English');
    await page.goto(`${host.origin}/#/beneficiaries/${beneficiaryId}`);
    await page.getByRole('heading', { name: fullName }).first().waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.textContent()).toContain('طلب تسهيل زيارة');
    await page.screenshot({ path: `${SHOTS}/person-file-en.png`, fullPage: true });
    await goTo(page, 'Letters', /Letters/);
    const details = await letters.open(outgoing(1));
    expect(await details.textContent()).toContain(fullName);
    // The dialog has finished appearing before it is photographed.
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/letter-linked-en.png` });
  });
});
