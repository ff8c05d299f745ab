import { mkdirSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { OfferView } from '../../electron/api/satisfaction';
import type { TimelinePage } from '../../electron/api/timeline';
import { validFields } from '../support/database';
import type { RunningHost } from './support/host';
import type { AppPage } from './support/pages';
import { callsOf, deskWithStaff, openPersonFile, screensSignedIn } from './support/programs';

/**
 * The satisfaction questionnaire at the desk: after an in-person interview the officer hands the
 * screen to the person, who answers in Arabic and is thanked; nothing the person presses or types
 * (Escape, the search keys, back, reload, an address typed) shows anything else of Wasl; a wrong
 * password does not take the screen back and the officer's does, to the person's file. Then answers
 * taken by phone, from the keyboard, in both digit forms.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const TITLE_AR = 'استبانة رضا المستفيدين';
const TITLE_EN = 'Beneficiary satisfaction questionnaire';

describe('the satisfaction questionnaire on the kiosk screen and by phone', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let person: BeneficiaryDetail;
  const interviews = { kiosk: 'حضر يسأل عن برنامج التأهيل', phone: 'حضر يسلّم مستندات الطلب', english: 'حضر يسأل عن موعد الدورة' };

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await deskWithStaff(admin, [[officer, 'officer']]);
    const call = callsOf(host);
    person = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields({ firstName: 'منصور', familyName: 'الدوسري' }) });
    for (const summary of [interviews.english, interviews.phone, interviews.kiosk]) {
      await call('contacts.log', { beneficiaryId: person.id, channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary });
    }
    await call('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, officer));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** The satisfaction block of an interview, opened from its line in the person's history. */
  const openInterviewBlock = async (summary: string): Promise<Locator> => {
    await openPersonFile(page, person);
    const entry = page.locator('.mantine-Timeline-item').filter({ hasText: summary });
    await entry.getByRole('button', { name: /استبانة الرضا|Satisfaction questionnaire/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('region', { name: /استبانة الرضا|Satisfaction questionnaire/ }).waitFor();
    return dialog;
  };

  const offerBy = async (dialog: Locator, way: RegExp) => {
    await dialog.getByRole('button', { name: /عرض الاستبانة|Offer the questionnaire/ }).click();
    await page.getByRole('menuitem', { name: way }).click();
  };

  const kioskHeading = () => page.getByRole('heading', { level: 1, name: TITLE_AR });
  const question = (text: RegExp) => page.getByRole('group', { name: text });

  /** Still the questionnaire, and nothing of the app around it. */
  const stillTheKiosk = async () => {
    await page.waitForTimeout(300);
    await kioskHeading().waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.getByRole('heading', { name: person.fullName }).count()).toBe(0);
  };

  it('hands the screen to the person after an interview, and nothing they press leaves it', async () => {
    const dialog = await openInterviewBlock(interviews.kiosk);
    await dialog.getByText('لم تُعرض استبانة على هذه الحالة بعد.').waitFor();
    await dialog.getByRole('button', { name: 'عرض الاستبانة' }).click();
    await page.getByRole('menuitem', { name: 'على هذه الشاشة الآن' }).waitFor();
    await app.screenshot('satisfaction-offer-block-ar');
    await page.getByRole('menuitem', { name: 'على هذه الشاشة الآن' }).click();

    await stillTheKiosk();
    expect(await app.direction()).toEqual({ dir: 'rtl', lang: 'ar' });
    // The person sees the association and the questions: no name, no file number, no officer.
    const shown = await page.locator('body').innerText();
    expect(shown).not.toContain(person.fullName);
    expect(shown).not.toContain(person.fileNumber);
    expect(shown).not.toContain(officer.displayName);
    await app.screenshot('kiosk-question-ar');

    await page.keyboard.press('Escape');
    await stillTheKiosk();
    await page.keyboard.press('Control+k');
    await stillTheKiosk();
    await page.keyboard.press('Control+Shift+L');
    await stillTheKiosk();
    await page.keyboard.press('Alt+ArrowLeft');
    await stillTheKiosk();
    await page.goBack().catch(() => undefined);
    await stillTheKiosk();
    await page.evaluate(() => {
      window.location.hash = '#/beneficiaries';
    });
    await stillTheKiosk();
    await page.reload();
    await stillTheKiosk();
    await page.keyboard.press('F5');
    await stillTheKiosk();
  });

  it('lets the person answer in Arabic, insists on the required question, and thanks them', async () => {
    await question(/كان الوصول إلى الجمعية/).getByRole('button', { name: /^4/ }).click();
    await page.getByRole('button', { name: 'إرسال إجاباتي' }).click();
    await page.getByRole('alert').filter({ hasText: 'سؤال واحد يحتاج إلى إجابة قبل الإرسال.' }).waitFor();
    await page.getByText('أجب عن هذا السؤال من فضلك.').waitFor();
    // The required question is where the person is taken back to.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-question]')?.getAttribute('data-question'))).toBe('overall');
    await app.screenshot('kiosk-required-ar');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE_EN }).waitFor();
    expect(await app.direction()).toEqual({ dir: 'ltr', lang: 'en' });
    await app.screenshot('kiosk-question-en');
    await page.getByRole('button', { name: 'العربية' }).click();
    await kioskHeading().waitFor();

    await question(/ما مدى رضاك عن الخدمة/).getByRole('button', { name: /^5/ }).click();
    await question(/أن توصي بالجمعية/).getByRole('button', { name: '9', exact: true }).click();
    await page.getByRole('textbox', { name: /ملاحظة أو اقتراح/ }).fill('استقبال لطيف وسريع');
    expect(await page.getByRole('checkbox', { name: 'أرغب في حفظ اسمي مع إجاباتي' }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'إرسال إجاباتي' }).click();
    await page.getByRole('heading', { name: 'شكرًا لك' }).waitFor();
    await app.screenshot('kiosk-thanks-ar');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await app.screenshot('kiosk-thanks-en');

    // A reload after the answers still thanks the person: it never shows the form again, nor the app.
    await page.reload();
    await page.getByRole('heading', { name: /شكرًا لك|Thank you/ }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('takes the screen back only with the officer’s password, to the person’s file', async () => {
    if ((await app.direction()).lang !== 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Staff' }).click();
    const prompt = page.getByRole('dialog', { name: 'End the questionnaire' });
    await prompt.getByRole('textbox', { name: 'Password' }).waitFor();
    await app.screenshot('kiosk-password-en');
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('button', { name: 'للموظف' }).click();
    const promptAr = page.getByRole('dialog', { name: 'إنهاء الاستبانة' });
    await promptAr.getByRole('textbox', { name: 'كلمة المرور' }).fill('not the officer password');
    await app.screenshot('kiosk-password-ar');
    await promptAr.getByRole('textbox', { name: 'كلمة المرور' }).press('Enter');
    await promptAr.getByRole('alert').filter({ hasText: 'كلمة المرور غير صحيحة' }).waitFor();
    await page.getByRole('heading', { name: 'شكرًا لك' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);

    await promptAr.getByRole('textbox', { name: 'كلمة المرور' }).fill(officer.password);
    await promptAr.getByRole('textbox', { name: 'كلمة المرور' }).press('Enter');
    await page.getByRole('heading', { name: person.fullName, level: 2 }).waitFor();
    await page.getByRole('navigation').waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/beneficiaries/${person.id}`);

    const offers = await callsOf(host)<OfferView[]>('satisfaction.offersOf', { contactId: await contactIdOf(interviews.kiosk) });
    expect(offers[0]).toMatchObject({ status: 'responded', response: { mode: 'kiosk' } });
    const dialog = await openInterviewBlock(interviews.kiosk);
    await dialog.getByRole('row', { name: /أُجيبت على الشاشة/ }).waitFor();
    expect(await dialog.getByRole('button', { name: 'عرض الاستبانة' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('takes answers read out by phone from the keyboard, in Arabic-Indic digits too', async () => {
    const dialog = await openInterviewBlock(interviews.phone);
    await offerBy(dialog, /أخذ الإجابات بالهاتف/);
    const phone = page.getByRole('dialog', { name: 'الإجابات بالهاتف' });
    await phone.getByRole('textbox').first().waitFor();
    // The first answer box has the cursor: the officer types as the person speaks.
    await page.waitForFunction(() => document.activeElement?.closest('[data-question]')?.getAttribute('data-question') === 'access');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('٤');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('٥');
    await page.keyboard.press('Tab');
    await page.keyboard.type('١٠');
    await phone.getByText('راضٍ جدًا').first().waitFor();
    await shot('satisfaction-phone-ar');
    await page.keyboard.press('Control+Enter');
    await phone.waitFor({ state: 'detached' });
    await page.getByText('حُفظت الإجابات على أنها أُخذت بالهاتف.').waitFor();

    const contactId = await contactIdOf(interviews.phone);
    const [offer] = await callsOf(host)<OfferView[]>('satisfaction.offersOf', { contactId });
    expect(offer).toMatchObject({ status: 'responded', response: { mode: 'phone' } });
  });

  it('shows the block and the phone entry in English', async () => {
    await page.keyboard.press('Escape');
    await app.switchLanguage('English');
    const dialog = await openInterviewBlock(interviews.english);
    await dialog.getByRole('button', { name: 'Offer the questionnaire' }).click();
    await page.getByRole('menuitem', { name: 'On this screen now' }).waitFor();
    await app.screenshot('satisfaction-offer-block-en');
    await page.getByRole('menuitem', { name: 'Take the answers by phone' }).click();
    const phone = page.getByRole('dialog', { name: 'Answers by phone' });
    await phone.getByRole('textbox').first().waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('[data-question]')?.getAttribute('data-question') === 'access');
    await page.keyboard.type('9');
    await page.keyboard.press('Control+Enter');
    await phone.getByText('The value is outside the allowed range.').waitFor();
    await shot('satisfaction-phone-en');
  });

  it('puts the questionnaire on a window of its own for the second screen, the officer’s window showing only that it is there', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const dialog = await openInterviewBlock(interviews.english);
    const opened = browser.waitForEvent('page');
    await offerBy(dialog, /On the second screen/);
    const second = await opened;
    await second.getByRole('heading', { level: 1, name: new RegExp(`${TITLE_EN}|${TITLE_AR}`) }).waitFor();
    expect(await second.getByRole('navigation').count()).toBe(0);

    await page.getByRole('heading', { name: 'The questionnaire is on the second screen' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await app.screenshot('kiosk-second-screen-en');

    await second.getByRole('group', { name: /Overall, how satisfied|ما مدى رضاك عن الخدمة/ }).getByRole('button', { name: /^4/ }).click();
    await second.getByRole('button', { name: /Send my answers|إرسال إجاباتي/ }).click();
    await second.getByRole('heading', { name: /Thank you|شكرًا لك/ }).waitFor();

    await page.getByRole('button', { name: 'Password to end' }).click();
    const prompt = page.getByRole('dialog', { name: 'End the questionnaire' });
    await prompt.getByRole('textbox', { name: 'Password' }).fill(officer.password);
    await prompt.getByRole('textbox', { name: 'Password' }).press('Enter');
    await page.getByRole('heading', { name: person.fullName, level: 2 }).waitFor();
    // The kiosk's own window closes once the session has left the kiosk, showing nothing of Wasl meanwhile.
    await second.waitForEvent('close', { timeout: 15_000 });
    const [offer] = await callsOf(host)<OfferView[]>('satisfaction.offersOf', { contactId: await contactIdOf(interviews.english) });
    expect(offer).toMatchObject({ status: 'responded', response: { mode: 'kiosk' } });
  });

  /** The visible screen, for a dialog opened over another (the page helper's capture expects one). */
  async function shot(name: string): Promise<void> {
    await page.waitForTimeout(250);
    await page.screenshot({ path: `test-results/screenshots/${name}.png` });
  }

  /** The id of the interview with this summary, through the officer's own calls. */
  async function contactIdOf(summary: string): Promise<string> {
    const timeline = await callsOf(host)<TimelinePage>('beneficiaries.timeline', { id: person.id, kinds: ['contact'] });
    for (const entry of timeline.entries) {
      if (entry.kind === 'contact' && entry.contact.summary === summary) return entry.contact.id;
    }
    throw new Error(`no interview "${summary}"`);
  }
});
