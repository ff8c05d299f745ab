import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import {
  AccountScreens,
  AppPage,
  chooseOption,
  focusedLabel,
  goTo,
  LettersRegister,
  press,
  QueueCards,
  RequestScreen,
  tabTo,
  unnamedButtons,
} from './support/pages';

/**
 * Casework, end to end: a permit request from the walk-in interview it came up in to its closing.
 * The administrator adds the request type and the competent authority; the officer finds the
 * person, logs the interview, opens the request from it, studies it and refers it to the authority
 * with an outgoing letter, registers the authority's answer with its scan; the supervisor approves;
 * the officer phones the beneficiary with the result and closes the request. Along the way the
 * officer's queues on the home screen follow the request, the close is refused until the beneficiary
 * has been told, and the person's timeline keeps every step. Driven from the keyboard, in Arabic,
 * with each casework screen photographed in Arabic and in English.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', temporary: 'temporary pass 2026', chosen: 'the front desk by the door', displayName: 'خالد العمر' };
const supervisor = { username: 'noura', temporary: 'temporary pass 2027', chosen: 'the second floor office', displayName: 'نورة القحطاني' };

const person = { firstName: 'فاطمة', fatherName: 'عبدالله', grandfatherName: 'حسن', familyName: 'العلي', phone: '0561234567' };
const fullName = 'فاطمة عبدالله حسن العلي';
const requestType = { nameAr: 'تصريح اتصال مرئي بسجين', nameEn: 'Video call with a prisoner permit' };
const authority = { nameAr: 'مديرية سجون المنطقة الشرقية', nameEn: 'Eastern Province Prisons Directorate' };

/** Today in Riyadh, in both calendars, the way the register and the request numbers count. */
function riyadhToday() {
  const parts = (calendar: string) => {
    const found = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
    const part = (type: string) => found.find((candidate) => candidate.type === type)?.value.replace(/\D/g, '') ?? '';
    return { year: part('year'), month: part('month'), day: part('day') };
  };
  return { gregorian: parts('gregory'), hijri: parts('islamic-umalqura') };
}

const today = riyadhToday();
const requestNumber = `R-${today.gregorian.year}-0001`;
/** The association's outgoing numbers, counted afresh each Hijri year. */
const outgoingNumber = (count: number) => `${today.hijri.year}/${String(count).padStart(4, '0')}`;
/** The authority's own number for its answer, typed in Arabic-Indic digits, kept in Latin digits. */
const answerNumberTyped = '٤٨/٧٧٨١';
const answerNumber = '48/7781';

/** A real PNG: a scanned page with a letterhead band and lines of text, as a scanner would make it. */
function scannedLetterPng(width = 240, height = 320): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width, 0xff);
    row[0] = 0; // no filter
    for (let x = 0; x < width; x += 1) {
      const band = y >= 16 && y < 44 && x >= 16 && x < width - 16;
      const line = y >= 70 && y < height - 30 && (y - 70) % 18 < 4 && x >= 24 && x < width - 24 - ((y * 7) % 50);
      if (band) row[1 + x] = 0x40;
      else if (line) row[1 + x] = 0x90;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The screens are photographed without the passing "saved" notices that would cover their top. */
const quiet = { withoutNotices: true };

/** The Arabic sentence the desk shows for a refusal's message key. */
const arabicErrors = JSON.parse(readFileSync('locales/ar/errors.json', 'utf8')) as Record<string, Record<string, string>>;
const arabicMessage = (messageKey: string) => {
  const [area, key] = messageKey.split('.') as [string, string];
  return arabicErrors[area]?.[key];
};

describe('casework: a permit request from the walk-in interview to its closing', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let accounts: AccountScreens;
  let request: RequestScreen;
  let queues: QueueCards;
  let letters: LettersRegister;
  let beneficiaryId: string;
  let requestId: string;
  let scanPath: string;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    const folder = newDataFolder();
    scanPath = join(folder, 'authority-answer.png');
    writeFileSync(scanPath, scannedLetterPng());
    host = await startHost(join(folder, 'wasl.db'));
    const setup = await host.call('session.setup', { associationName: 'جمعية العناية بالسجناء بالأحساء', ...admin });
    expect(setup.ok).toBe(true);
    // She was registered on an earlier visit; today she walks in again.
    const registered = await host.call<{ id: string }>('beneficiaries.register', {
      fields: {
        ...person, latinName: null, idType: 'national_id', idNumber: withSaudiCheckDigit('104455667'), nationality: 'SA',
        residencyStatus: 'citizen', gender: 'female', birthDate: '1988-03-14', phones: [person.phone], districtId: null, address: null,
        category: 'family_member', prisonerRelation: 'wife', prisonerName: 'سعد محمد العلي', prisonerFacility: 'سجن الأحساء العام',
        prisonerStatus: 'serving_sentence', household: [], needs: ['financial'], needsPriority: 'medium', needsNotes: null,
        consentGiven: true, consentDate: '2026-01-10', consentMethod: 'written', status: 'active', notes: null,
      },
    });
    expect(registered.ok, JSON.stringify(registered.error)).toBe(true);
    beneficiaryId = registered.value!.id;
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    accounts = new AccountScreens(page);
    request = new RequestScreen(page);
    queues = new QueueCards(page);
    letters = new LettersRegister(page);
    await app.load(host.url);
    await page.getByRole('navigation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('lets the administrator add a request type that needs a permit, and the authority that grants it', async () => {
    await goTo(page, 'القوائم المرجعية', 'القوائم المرجعية');
    await press(page.getByRole('button', { name: 'إضافة نوع' }));
    const typeForm = page.getByRole('dialog', { name: 'إضافة نوع طلب' });
    await typeForm.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('الاسم بالعربية');
    await page.keyboard.type(requestType.nameAr);
    await tabTo(page, 'الاسم بالإنجليزية');
    await page.keyboard.type(requestType.nameEn);
    await tabTo(page, 'يحتاج عادةً إلى تصريح أو موافقة من جهة مختصة');
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await typeForm.waitFor({ state: 'hidden' });
    const typeRow = page.getByRole('table', { name: 'أنواع الطلبات' }).getByRole('row', { name: new RegExp(requestType.nameAr) });
    await expect.poll(() => typeRow.textContent()).toContain('نعم');
    expect(await typeRow.textContent()).toContain('video_call_with_a_prisoner_permit');
    await app.screenshot('catalog-ar', quiet);

    await press(page.getByRole('tab', { name: 'الجهات' }));
    await press(page.getByRole('button', { name: 'إضافة جهة' }));
    const authorityForm = page.getByRole('dialog', { name: 'إضافة جهة' });
    await authorityForm.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('الاسم بالعربية');
    await page.keyboard.type(authority.nameAr);
    await tabTo(page, 'الاسم بالإنجليزية');
    await page.keyboard.type(authority.nameEn);
    await page.keyboard.press('Control+Enter');
    await authorityForm.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'الجهات' }).getByRole('row', { name: new RegExp(authority.nameAr) }).waitFor();

    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Reference lists', level: 2 }).waitFor();
    await app.screenshot('catalog-en', quiet);
    await app.switchLanguage('العربية');
  });

  it('lets the administrator add the officer and the supervisor who decides', async () => {
    await goTo(page, 'المستخدمون', 'المستخدمون');
    for (const [account, role] of [
      [officer, 'موظف استقبال'],
      [supervisor, 'مشرف'],
    ] as const) {
      await press(page.getByRole('button', { name: 'إضافة مستخدم' }));
      const dialog = page.getByRole('dialog', { name: 'مستخدم جديد' });
      await dialog.waitFor();
      await expect.poll(() => focusedLabel(page)).toBe('الاسم كما يظهر في السجلات');
      await page.keyboard.type(account.displayName);
      await tabTo(page, 'اسم المستخدم');
      await page.keyboard.type(account.username);
      await chooseOption(page, 'الدور', role);
      await tabTo(page, 'كلمة مرور مؤقتة');
      await page.keyboard.type(account.temporary);
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByRole('row', { name: new RegExp(account.displayName) }).textContent()).toContain(role);
    }
    await accounts.signOut();
  });

  it('gives the officer, at first sign-in, a home screen with empty queues', async () => {
    await accounts.signInFirstTime(officer);
    await page.getByRole('heading', { name: 'أعمالي' }).waitFor();
    await expect.poll(() => queues.count('طلباتي المفتوحة')).toBe(0);
    expect(await queues.count('بانتظار رد جهة مختصة')).toBe(0);
    expect(await queues.count('صدر فيها قرار ولم يُبلَّغ المستفيد')).toBe(0);
  });

  it('numbers an outgoing letter of the register itself, the next in the association’s book', async () => {
    await goTo(page, 'الصادر والوارد', 'الصادر والوارد');
    await page.keyboard.press('Alt+o');
    const form = page.getByRole('dialog', { name: 'خطاب صادر جديد' });
    await form.waitFor();
    // No number to type: the register gives it.
    expect(await form.getByText('يُعطى الخطاب الصادر رقمه التالي في سجل الجمعية تلقائيًا عند الحفظ.').isVisible()).toBe(true);
    await expect.poll(() => focusedLabel(page)).toBe('الموضوع');
    await page.keyboard.type('دعوة لحضور ملتقى أسر النزلاء السنوي');
    await chooseOption(page, 'الجهة المرسل إليها', 'الضمان الاجتماعي', 'الضمان');
    await tabTo(page, 'نص الخطاب');
    await page.keyboard.type('يسر الجمعية دعوتكم لحضور ملتقى أسر النزلاء السنوي.');
    await app.screenshot('letter-modal-ar', quiet);
    await page.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'hidden' });
    // Saved, it opens on the letterhead, ready to print, under its number.
    const preview = page.getByRole('dialog', { name: 'الخطاب على ورق الجمعية' });
    await preview.waitFor();
    await expect.poll(() => letters.preview().textContent()).toContain(outgoingNumber(1));
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    await letters.row(outgoingNumber(1)).waitFor();
  });

  it('finds the walk-in by search, logs the interview, and opens a permit request from it', async () => {
    const search = app.search();
    await search.openWithShortcut();
    await search.type('فاطمه العلي');
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await search.openHighlighted();
    await page.getByRole('heading', { name: fullName }).waitFor();

    await page.keyboard.press('c');
    const contact = page.getByRole('dialog', { name: `تسجيل تواصل مع ${fullName}` });
    await contact.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('ملخص التواصل');
    // The front desk's channel is already chosen: in person.
    expect(await contact.getByRole('radio', { name: 'مقابلة شخصية' }).isChecked()).toBe(true);
    await page.keyboard.type('حضرت تطلب تصريح اتصال مرئي بزوجها النزيل، وأحضرت صورة عقد الزواج.');
    await chooseOption(page, 'الغرض', 'طلب');
    await app.screenshot('contact-request-ar', quiet);
    await page.keyboard.press('Control+Enter');
    await contact.waitFor({ state: 'hidden' });

    // A contact about a request goes straight on to opening it.
    const opening = page.getByRole('dialog', { name: 'فتح طلب' });
    await opening.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('نوع الطلب');
    await chooseOption(page, 'نوع الطلب', new RegExp(`^${requestType.nameAr}`), 'اتصال مرئي');
    await opening.getByText('يحتاج عادةً إلى تصريح أو موافقة من جهة مختصة.').waitFor();
    await tabTo(page, 'موضوع الطلب');
    await page.keyboard.type('تصريح اتصال مرئي أسبوعي بزوجها سعد محمد العلي النزيل في سجن الأحساء العام.');
    await app.screenshot('new-request-ar', quiet);
    await page.keyboard.press('Control+Enter');

    await request.heading(requestNumber).waitFor();
    expect(await request.stage(requestNumber)).toBe('مستلم');
    requestId = new URL(page.url()).hash.replace('#/requests/', '');
    // The request remembers the interview it was opened from.
    const opened = await host.call<{ sourceContactId: string | null; type: { needsAuthority: boolean }; owner: { displayName: string } }>('requests.get', { id: requestId });
    expect(opened.value?.type.needsAuthority).toBe(true);
    expect(opened.value?.owner.displayName).toBe(officer.displayName);
    const timeline = await host.call<{ entries: Array<{ kind: string; contact?: { id: string; channel: string; purpose: string } }> }>('beneficiaries.timeline', { id: beneficiaryId, kinds: ['contact'], limit: 10 });
    const interview = timeline.value?.entries[0]?.contact;
    expect(interview).toMatchObject({ channel: 'in_person', purpose: 'request' });
    expect(opened.value?.sourceContactId).toBe(interview?.id);
    await app.screenshot('request-received-ar', quiet);
  });

  it('shows the new request in the officer’s open requests on the home screen', async () => {
    await page.keyboard.press('Alt+h');
    await page.getByRole('heading', { name: 'أعمالي' }).waitFor();
    await expect.poll(() => queues.count('طلباتي المفتوحة')).toBe(1);
    const list = await queues.open('طلباتي المفتوحة');
    expect(await list.textContent()).toContain(requestNumber);
    expect(await list.textContent()).toContain(fullName);
    expect(await list.textContent()).toContain('مستلم');
  });

  it('puts the request under review and refers it to the authority with an outgoing letter numbered next', async () => {
    await goTo(page, 'الطلبات', 'الطلبات');
    const row = page.getByRole('row', { name: `فتح الطلب ${requestNumber}` });
    await row.waitFor();
    await app.screenshot('requests-ar', quiet);
    await press(row);
    await request.heading(requestNumber).waitFor();

    const review = await request.openStep('بدء الدراسة');
    await expect.poll(() => focusedLabel(page)).toBe('ملاحظة (اختيارية)');
    await page.keyboard.type('المستندات مكتملة.');
    await request.save(review, requestNumber, 'قيد الدراسة');
    // Seconds in the first stage read as words, as on the complaint page, never as "0 minutes".
    const stageTimes = page.getByRole('table', { name: 'المدة في كل مرحلة' });
    await expect.poll(() => stageTimes.textContent()).toContain('أقل من دقيقة');
    expect(await stageTimes.textContent()).not.toContain('0 دقيقة');
    // The notice that says so can be closed by a button with a name, like every dialog's close button.
    const notice = page.getByRole('alert').filter({ hasText: 'حُفظت الخطوة.' }).first();
    expect(await notice.getByRole('button', { name: 'إغلاق' }).count()).toBe(1);

    const referral = await request.openStep('إحالة إلى جهة مختصة');
    await expect.poll(() => focusedLabel(page)).toBe('الجهة المختصة');
    await chooseOption(page, 'الجهة المختصة', authority.nameAr, 'سجون المنطقة');
    // The letter's subject is written for the officer; the number comes from the register.
    expect(await referral.getByLabel('موضوع الخطاب').inputValue()).toBe(`بشأن طلب ${requestType.nameAr} رقم ${requestNumber}`);
    await tabTo(page, 'نص الخطاب');
    await page.keyboard.type('نرفق لكم طلب المستفيدة تصريح اتصال مرئي بزوجها النزيل، آملين التكرم بالنظر فيه.');
    await app.screenshot('request-refer-ar', quiet);
    await request.save(referral, requestNumber, 'محال إلى جهة مختصة');

    expect(await request.history()).toContain(`إلى: ${authority.nameAr}`);
    expect(await request.history()).toContain(`خطاب صادر رقم ${outgoingNumber(2)}`);
    // The referral's letter, from the request's history: its details, then on the letterhead to print.
    await tabTo(page, 'عرض الخطاب', 80);
    await page.keyboard.press('Enter');
    const sent = page.getByRole('dialog', { name: `خطاب صادر رقم ${outgoingNumber(2)}` });
    await sent.waitFor();
    expect(await sent.textContent()).toContain(authority.nameAr);
    expect(await unnamedButtons(sent)).toEqual([]);
    await tabTo(page, 'معاينة وطباعة');
    await page.keyboard.press('Enter');
    const preview = page.getByRole('dialog', { name: 'الخطاب على ورق الجمعية' });
    await preview.waitFor();
    await expect.poll(() => letters.preview().textContent()).toContain(outgoingNumber(2));
    expect(await letters.preview().textContent()).toContain(authority.nameAr);
    expect(await letters.preview().textContent()).toContain('آملين التكرم بالنظر فيه');
    await app.screenshot('letter-preview-ar', quiet);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    await app.screenshot('request-ar', quiet);
  });

  it('lists the referred request as awaiting an authority on the home screen', async () => {
    await page.keyboard.press('Alt+h');
    await expect.poll(() => queues.count('بانتظار رد جهة مختصة')).toBe(1);
    expect(await queues.count('طلباتي المفتوحة')).toBe(1);
    const list = await queues.open('بانتظار رد جهة مختصة');
    expect(await list.textContent()).toContain(requestNumber);
    expect(await list.textContent()).toContain(authority.nameAr);
    await app.screenshot('home-queues-ar', quiet);
    await press(list.getByRole('link', { name: requestNumber }));
    await request.heading(requestNumber).waitFor();
  });

  it('registers the authority’s answer as an incoming letter with its scan', async () => {
    const answer = await request.openStep('تسجيل رد الجهة');
    expect(await answer.textContent()).toContain(`الرد الوارد من: ${authority.nameAr}`);
    await expect.poll(() => focusedLabel(page)).toBe('رقم خطاب الجهة');
    await page.keyboard.type(answerNumberTyped);
    await tabTo(page, 'تاريخ خطاب الجهة');
    // Typed in the Hijri calendar, as it is written on the letter.
    await page.keyboard.type(`${today.hijri.year}/${today.hijri.month}/${today.hijri.day}`);
    await expect.poll(() => answer.textContent()).toContain(today.gregorian.year);
    await tabTo(page, 'موضوع الخطاب');
    await page.keyboard.type('الموافقة على تصريح اتصال مرئي أسبوعي');
    await answer.locator('input[type="file"]').setInputFiles(scanPath);
    await answer.getByText('authority-answer.png').waitFor();
    await app.screenshot('request-answer-ar', quiet);
    await request.save(answer, requestNumber, 'ورد رد الجهة');
    expect(await request.history()).toContain(`خطاب وارد رقم ${answerNumber}`);
  });

  it('offers no close before a decision, and the desk refuses one sent anyway', async () => {
    // The request page offers only the steps its stage allows: no "close" here (so the attempt is made
    // through the api), and the decision is the supervisor's.
    expect(await request.step('إغلاق الطلب').count()).toBe(0);
    expect(await request.step('اتخاذ القرار').count()).toBe(0);
    expect(await page.getByText('القرار في هذا الطلب للمشرف.').isVisible()).toBe(true);
    const refused = await host.call('requests.close', { id: requestId, note: null });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'rule', messageKey: 'requests.closeBeforeDecided' });
    expect(arabicMessage(refused.error!.messageKey)).toBe('لا يُغلق طلب لم يُبتّ فيه بعد؛ اتخذ القرار وأبلغ المستفيد أولًا، أو سجِّل سحب الطلب.');
  });

  it('keeps both letters in the register, the answer with its scan, each tied to the request', async () => {
    await goTo(page, 'الصادر والوارد', 'الصادر والوارد');
    await letters.row(answerNumber).waitFor();
    const incoming = await letters.row(answerNumber).textContent();
    expect(incoming).toContain('وارد');
    expect(incoming).toContain(authority.nameAr);
    expect(incoming).toContain(requestNumber);
    expect(await letters.row(answerNumber).getByLabel('له صورة ممسوحة').count()).toBe(1);
    const outgoing = await letters.row(outgoingNumber(2)).textContent();
    expect(outgoing).toContain('صادر');
    expect(outgoing).toContain(requestNumber);
    await app.screenshot('letters-ar', quiet);

    const details = await letters.open(answerNumber);
    expect(await details.textContent()).toContain(fullName);
    // The name the scan is saved under comes first; the name it was chosen by is only its label.
    expect(await details.textContent()).toContain('الصورة الممسوحة: incoming-letter-48-7781.png');
    expect(await details.textContent()).toContain('اسم الملف عند اختياره: authority-answer.png');
    await app.screenshot('letter-ar', quiet);
    await press(details.getByRole('button', { name: 'عرض الصورة' }));
    const viewer = page.getByRole('dialog', { name: /^صورة الخطاب: \u2066?incoming-letter-48-7781\.png\u2069?$/ });
    await viewer.waitFor();
    // The scan comes back as it went in: the browser decodes the very image.
    const image = viewer.getByRole('img', { name: 'صورة الخطاب الممسوحة' });
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(240);
    await app.screenshot('letter-scan-ar', quiet);
    // Saved under the register's name for it, from the letter's number and what the file is, not the name it was chosen by.
    const saving = page.waitForEvent('download');
    await press(viewer.getByRole('button', { name: 'حفظ نسخة من الملف' }));
    expect((await saving).suggestedFilename()).toBe('incoming-letter-48-7781.png');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    await details.waitFor();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
  });

  it('lets the supervisor see the office’s work and approve the request', async () => {
    await accounts.signOut();
    await accounts.signInFirstTime(supervisor);
    await goTo(page, 'متابعة المكتب', 'متابعة المكتب');
    await expect.poll(() => queues.count('الطلبات المفتوحة')).toBe(1);
    const list = await queues.open('الطلبات المفتوحة');
    expect(await list.textContent()).toContain(officer.displayName);
    expect(await page.getByRole('main').textContent()).toContain('حمل العمل لكل موظف');
    await app.screenshot('office-ar', quiet);
    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Office overview', level: 2 }).waitFor();
    await app.screenshot('office-en', quiet);
    await app.switchLanguage('العربية');

    await press((await queues.open('الطلبات المفتوحة')).getByRole('link', { name: requestNumber }));
    await request.heading(requestNumber).waitFor();
    const decision = await request.openStep('اتخاذ القرار');
    await expect.poll(() => focusedLabel(page)).toBe('سبب القرار');
    await page.keyboard.type('وافقت المديرية على التصريح، والمستفيدة مستحقة لخدمات الجمعية.');
    await tabTo(page, 'موافقة');
    await page.keyboard.press('Space');
    expect(await decision.getByRole('radio', { name: 'موافقة' }).isChecked()).toBe(true);
    await app.screenshot('request-decide-ar', quiet);
    await request.save(decision, requestNumber, 'صدر القرار');
    expect(await request.history()).toContain(`بقرار ${supervisor.displayName}`);
    await accounts.signOut();
  });

  it('shows the officer the decided request awaiting the notification, and refuses to close it before', async () => {
    await accounts.signIn({ username: officer.username, password: officer.chosen });
    await page.getByRole('heading', { name: 'أعمالي' }).waitFor();
    await expect.poll(() => queues.count('صدر فيها قرار ولم يُبلَّغ المستفيد')).toBe(1);
    expect(await queues.count('بانتظار رد جهة مختصة')).toBe(0);
    const list = await queues.open('صدر فيها قرار ولم يُبلَّغ المستفيد');
    expect(await list.textContent()).toContain('موافقة');
    await press(list.getByRole('link', { name: requestNumber }));
    await request.heading(requestNumber).waitFor();

    // The UI does not let the attempt happen: the request page offers "close" only once the beneficiary
    // has been told (stage notified), and says why. The next step it offers is to tell her.
    await page.getByText('صدر القرار. لا يُغلق الطلب قبل إبلاغ المستفيد بالنتيجة عبر إحدى القنوات المعتمدة.').waitFor();
    expect(await request.step('إغلاق الطلب').count()).toBe(0);
    expect(await request.step('إبلاغ المستفيد').isVisible()).toBe(true);
    // So the refusal is verified through the api, the only way left to try (POST /api/requests.close with
    // the bearer token): the desk refuses it with a sentence the officer would read in Arabic.
    const refused = await host.call('requests.close', { id: requestId, note: 'محاولة إغلاق قبل الإبلاغ' });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'rule', messageKey: 'requests.closeBeforeNotified' });
    expect(arabicMessage(refused.error!.messageKey)).toBe('لا يُغلق الطلب قبل إبلاغ المستفيد بالنتيجة.');
    const unchanged = await host.call<{ stage: string; closedAt: string | null }>('requests.get', { id: requestId });
    expect(unchanged.value).toMatchObject({ stage: 'decided', closedAt: null });
  });

  it('records the phone call that told her the result, then closes the request', async () => {
    const notify = await request.openStep('إبلاغ المستفيد');
    expect(await notify.getByRole('radio', { name: 'هاتف' }).isChecked()).toBe(true);
    // Her number comes from her file, so the officer starts on what she was told.
    expect(await notify.getByRole('textbox', { name: 'رقم الهاتف' }).inputValue()).toBe('056 123 4567');
    await expect.poll(() => focusedLabel(page)).toBe('ما أُبلغ به المستفيد');
    await page.keyboard.type('اتصلت بها وأبلغتها بالموافقة على التصريح وبموعد أول اتصال مرئي.');
    await app.screenshot('request-notify-ar', quiet);
    await request.save(notify, requestNumber, 'أُبلغ المستفيد');

    const close = await request.openStep('إغلاق الطلب');
    await request.save(close, requestNumber, 'مغلق');
    expect(await request.step('إغلاق الطلب').count()).toBe(0);
    await app.screenshot('request-closed-ar', quiet);

    const calls = await host.call<{ entries: Array<{ contact?: { channel: string; purpose: string; direction: string; phoneNumber: string | null; summary: string } }> }>(
      'beneficiaries.timeline',
      { id: beneficiaryId, kinds: ['contact'], channel: 'phone', limit: 10 },
    );
    expect(calls.value?.entries).toHaveLength(1);
    expect(calls.value?.entries[0]?.contact).toMatchObject({ channel: 'phone', purpose: 'notification', direction: 'outgoing', phoneNumber: '+966561234567' });
    expect(calls.value?.entries[0]?.contact?.summary).toContain('أبلغتها بالموافقة');
  });

  it('keeps every step on her timeline: the contacts, the letters and each change of stage', async () => {
    await press(page.getByRole('main').getByRole('link', { name: fullName }));
    await page.getByRole('heading', { name: fullName }).waitFor();
    const timeline = page.getByRole('region', { name: 'سجل التعامل' });
    await expect.poll(() => timeline.textContent()).toContain('أُغلق الطلب');
    const text = (await timeline.textContent()) ?? '';
    for (const step of ['استُلم الطلب', 'بدأت دراسة الطلب', 'أُحيل الطلب إلى جهة مختصة', 'ورد رد الجهة المختصة', 'صدر القرار: الموافقة', 'أُبلغ المستفيد بالنتيجة', 'أُغلق الطلب']) {
      expect(text, step).toContain(step);
    }
    expect(text).toContain(`طلب ${requestNumber} — ${requestType.nameAr}`);
    expect(text).toContain(`خطاب صادر رقم ${outgoingNumber(2)}`);
    expect(text).toContain(`خطاب وارد رقم ${answerNumber}`);
    expect(text).toContain('مرفق صورة الخطاب');
    expect(text).toContain('حضرت تطلب تصريح اتصال مرئي');
    expect(text).toContain('مقابلة شخصية');
    expect(text).toContain('أبلغتها بالموافقة');
    expect(text).toContain('إبلاغ بنتيجة');
    // Newest first: the closing above the phone call, the call above the decision, the interview at the bottom.
    const at = (words: string) => text.indexOf(words);
    expect(at('أُغلق الطلب')).toBeLessThan(at('أبلغتها بالموافقة'));
    expect(at('أبلغتها بالموافقة')).toBeLessThan(at('صدر القرار'));
    expect(at('صدر القرار')).toBeLessThan(at(`خطاب وارد رقم ${answerNumber}`));
    expect(at(`خطاب وارد رقم ${answerNumber}`)).toBeLessThan(at(`خطاب صادر رقم ${outgoingNumber(2)}`));
    expect(at(`خطاب صادر رقم ${outgoingNumber(2)}`)).toBeLessThan(at('حضرت تطلب تصريح اتصال مرئي'));
    await app.screenshot('timeline-casework-ar', quiet);
  });

  it('leaves nothing of the closed request in the officer’s queues', async () => {
    await page.keyboard.press('Alt+h');
    await page.getByRole('heading', { name: 'أعمالي' }).waitFor();
    await expect.poll(() => queues.count('طلباتي المفتوحة')).toBe(0);
    expect(await queues.count('بانتظار رد جهة مختصة')).toBe(0);
    expect(await queues.count('صدر فيها قرار ولم يُبلَّغ المستفيد')).toBe(0);
    expect(await queues.count('طلبات متأخرة')).toBe(0);
    expect(await page.getByRole('main').getByText(requestNumber).count()).toBe(0);
  });

  it('shows the other casework screens in Arabic: inquiries, the library, complaints', async () => {
    for (const [link, heading, shot] of [
      ['الاستفسارات', 'الاستفسارات', 'inquiries-ar'],
      ['المكتبة المرجعية', 'المكتبة المرجعية', 'library-ar'],
      ['الشكاوى والاقتراحات', 'الشكاوى والملاحظات والاقتراحات', 'complaints-ar'],
    ] as const) {
      await goTo(page, link, heading);
      await app.screenshot(shot, quiet);
    }
    expect(await app.direction()).toEqual({ dir: 'rtl', lang: 'ar' });
  });

  it('shows every casework screen in English, left to right', async () => {
    await app.switchLanguage('English');
    expect(await app.direction()).toEqual({ dir: 'ltr', lang: 'en' });

    await page.keyboard.press('Alt+h');
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await app.screenshot('home-queues-en', quiet);

    await goTo(page, 'Requests', 'Requests');
    await chooseOption(page, 'Stage', 'Closed');
    const row = page.getByRole('row', { name: `Open request ${requestNumber}` });
    await row.waitFor();
    expect(await row.textContent()).toContain(requestType.nameEn);
    await app.screenshot('requests-en', quiet);
    await press(row);
    await request.heading(requestNumber).waitFor();
    expect(await request.stage(requestNumber)).toBe('Closed');
    await app.screenshot('request-en', quiet);

    await goTo(page, 'Letters', 'Letters register');
    await letters.row(answerNumber).waitFor();
    expect(await letters.row(answerNumber).textContent()).toContain(authority.nameEn);
    await app.screenshot('letters-en', quiet);
    await page.keyboard.press('Alt+i');
    await page.getByRole('dialog', { name: 'Register incoming letter' }).waitFor();
    await app.screenshot('letter-modal-en', quiet);
    await page.keyboard.press('Escape');
    const details = await letters.open(answerNumber);
    await app.screenshot('letter-en', quiet);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    for (const [link, heading, shot] of [
      ['Inquiries', 'Inquiries', 'inquiries-en'],
      ['Reference library', 'Reference library', 'library-en'],
      ['Complaints & suggestions', /Complaints/, 'complaints-en'],
    ] as const) {
      await goTo(page, link, heading);
      await app.screenshot(shot, quiet);
    }
    await app.switchLanguage('العربية');
  });
});
