import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Page models: screens found by role and accessible name, driven from the keyboard as an officer would. */

/** The label of the focused control, the way a screen reader would announce it. */
export async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (!element) return '';
    const label = element.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '';
    return label.replace(/\s*\*\s*$/, '').trim();
  });
}

/** Presses Tab until the focused control is the one named (at most `limit` presses). */
export async function tabTo(page: Page, label: string | RegExp, limit = 40): Promise<void> {
  const visited: string[] = [];
  for (let presses = 0; presses < limit; presses += 1) {
    const current = await focusedLabel(page);
    if (typeof label === 'string' ? current === label : label.test(current)) return;
    visited.push(current);
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${String(label)}"; it went through: ${[...new Set(visited)].join(' | ')}`);
}

export class AppPage {
  constructor(readonly page: Page) {}

  /** Loads the app; it opens on the setup, sign-in or home screen depending on the desk's state. */
  async load(url: string): Promise<void> {
    // A new host prints a new one-time address; load it afresh, from a blank page.
    await this.page.goto('about:blank');
    await this.page.goto(url);
  }

  /** Loads the app and signs in, landing on the home screen. */
  async open(url: string, account: Account): Promise<void> {
    await this.load(url);
    await new SessionScreens(this.page).signIn(account);
    await this.page.getByRole('navigation').waitFor();
  }

  async direction(): Promise<{ dir: string | null; lang: string | null }> {
    return this.page.evaluate(() => ({ dir: document.documentElement.getAttribute('dir'), lang: document.documentElement.getAttribute('lang') }));
  }

  /** Right-to-left for real: the navigation sits on the right of the main area. */
  async navigationIsOnTheRight(): Promise<boolean> {
    const nav = await this.page.getByRole('navigation').boundingBox();
    const main = await this.page.locator('main').boundingBox();
    if (!nav || !main) throw new Error('The shell has no navigation or main area');
    return nav.x > main.x;
  }

  async switchLanguage(to: 'English' | 'العربية'): Promise<void> {
    await this.page.getByRole('button', { name: to }).click();
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, to === 'English' ? 'en' : 'ar');
  }

  search(): SearchOverlay {
    return new SearchOverlay(this.page);
  }

  /**
   * Saves what the officer sees. A full-page capture resizes the window, which makes Mantine's dialogs
   * lose track of focus; with a dialog open, the visible part is captured instead. A full page is
   * captured from the top: scrolled down, the fixed header and side menu would be drawn mid-page.
   * `withoutNotices` leaves out the passing "saved" notices, which would cover the top of the screen.
   */
  async screenshot(name: string, options: { withoutNotices?: boolean } = {}): Promise<void> {
    await this.page.waitForTimeout(250);
    const dialogOpen = await this.page.getByRole('dialog').isVisible();
    if (!dialogOpen) await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.page.screenshot({
      path: `test-results/screenshots/${name}.png`,
      fullPage: !dialogOpen,
      ...(options.withoutNotices ? { style: '.mantine-Notifications-root { visibility: hidden; }' } : {}),
    });
  }
}

export interface Account {
  username: string;
  password: string;
  displayName?: string;
}

/** The screens before the app: setup, the recovery key, sign in, the lock screen, a forced password change. */
export class SessionScreens {
  constructor(readonly page: Page) {}

  /** Fills the setup screen from the keyboard and returns the recovery key it shows once. */
  async setUp(associationName: string, admin: Required<Account>): Promise<string> {
    await this.page.getByRole('heading', { name: /إعداد وصل|Setting up Wasl/ }).waitFor();
    // The first field has the focus: the administrator starts typing at once.
    await this.page.keyboard.type(associationName);
    for (const value of [admin.displayName, admin.username, admin.password, admin.password]) {
      await this.page.keyboard.press('Tab');
      await this.page.keyboard.type(value);
    }
    await this.page.keyboard.press('Enter');
    const key = this.page.getByTestId('recovery-key');
    await key.waitFor();
    return (await key.textContent()) ?? '';
  }

  async confirmRecoveryKeyKept(): Promise<void> {
    await this.page.getByRole('checkbox').check();
    await this.page.getByRole('button', { name: /متابعة إلى وصل|Continue to Wasl/ }).click();
    await this.page.getByRole('navigation').waitFor();
  }

  async signIn(account: Account): Promise<void> {
    await this.page.getByRole('heading', { name: /تسجيل الدخول|Sign in/ }).waitFor();
    await this.page.getByLabel(/اسم المستخدم|Username/).fill(account.username);
    await this.page.getByLabel(/كلمة المرور|Password/).first().fill(account.password);
    await this.page.keyboard.press('Enter');
  }

  lockScreen(): Locator {
    return this.page.getByRole('dialog', { name: /الشاشة مقفلة|Screen locked/ });
  }

  async unlock(password: string): Promise<void> {
    const lock = this.lockScreen();
    await lock.getByLabel(/كلمة المرور|Password/).fill(password);
    await this.page.keyboard.press('Enter');
    await lock.waitFor({ state: 'detached' });
  }
}

export class SearchOverlay {
  constructor(readonly page: Page) {}

  get box(): Locator {
    return this.page.getByRole('dialog').getByRole('combobox');
  }

  get results(): Locator {
    return this.page.getByRole('listbox').getByRole('option');
  }

  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await this.box.waitFor();
    expect(await this.box.evaluate((element) => element === document.activeElement)).toBe(true);
  }

  /** Types the query and waits for the list to answer it. */
  async type(query: string): Promise<void> {
    await this.box.fill('');
    await this.page.keyboard.type(query);
    await this.page.waitForTimeout(300);
  }

  /** Opens the highlighted result and waits for the search box to be gone. */
  async openHighlighted(): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.box.waitFor({ state: 'hidden' });
  }
}

/** The registration form, filled with the keyboard from the field that has focus when it opens. */
export class RegisterForm {
  constructor(readonly page: Page) {}

  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Alt+n');
    await this.page.waitForFunction(() => location.hash === '#/beneficiaries/new');
  }

  async typeInto(label: string | RegExp, text: string): Promise<void> {
    await tabTo(this.page, label);
    await this.page.keyboard.type(text);
  }

  /** A radio group (segmented control): focus its first option, move with the arrows until the option is checked. */
  async choose(groupFirstOption: string, option: string): Promise<void> {
    await tabTo(this.page, groupFirstOption);
    for (let moves = 0; moves < 6; moves += 1) {
      if ((await focusedLabel(this.page)) === option) {
        await this.page.keyboard.press('Space');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`No option "${option}" in the group of "${groupFirstOption}"`);
  }

  /** A searchable select: type to filter (the first match is highlighted), then Enter picks it. */
  async pick(label: string, text: string): Promise<void> {
    await tabTo(this.page, label);
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  async check(label: string): Promise<void> {
    await tabTo(this.page, label);
    await this.page.keyboard.press('Space');
  }

  async saveWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
  }
}

/**
 * A Mantine select box from the keyboard: focus it (Tab), type to filter a searchable one, then move
 * through the list with the arrows until the wanted option is highlighted, and Enter.
 */
export async function chooseOption(page: Page, label: string | RegExp, option: string | RegExp, filter?: string): Promise<void> {
  await tabTo(page, label);
  if (filter) await page.keyboard.type(filter);
  const matches = (text: string) => (typeof option === 'string' ? text === option : option.test(text));
  const seen: string[] = [];
  for (let moves = 0; moves < 20; moves += 1) {
    await page.keyboard.press('ArrowDown');
    const highlighted = page.locator('[role="option"][data-combobox-selected]');
    const text = (await highlighted.count()) > 0 ? ((await highlighted.first().textContent()) ?? '').trim() : '';
    if (matches(text)) {
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? '')).toSatisfy(matches);
      return;
    }
    seen.push(text);
  }
  throw new Error(`No option "${String(option)}" in "${String(label)}"; the arrows went through: ${[...new Set(seen)].join(' | ')}`);
}

/** The side menu, from the keyboard: the link is focused and Enter follows it. */
export async function goTo(page: Page, link: string, heading: string | RegExp): Promise<void> {
  const item = page.getByRole('navigation').getByRole('link', { name: link });
  await item.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: heading, level: 2 }).first().waitFor();
}

/** Focuses a control by its accessible name and presses Enter, as Tab and Enter would. */
export async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.page().keyboard.press('Enter');
}

/**
 * The buttons inside `scope` that a screen reader would announce with no name at all (an icon and
 * nothing else), each as the start of its markup.
 */
export async function unnamedButtons(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll('button, [role="button"]')]
      .filter((button) => !['aria-label', 'aria-labelledby', 'title'].some((name) => (button.getAttribute(name) ?? '').trim() !== ''))
      .filter((button) => (button.textContent ?? '').trim() === '')
      // A <button> is labelable: a <label for> names it.
      .filter((button) => ![...((button as HTMLButtonElement).labels ?? [])].some((label) => (label.textContent ?? '').trim() !== ''))
      .map((button) => button.outerHTML.slice(0, 120)),
  );
}

/** The account menu's way out, and a first sign-in that must choose its own password. */
export class AccountScreens extends SessionScreens {
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /حسابي|My account/ }).click();
    await this.page.getByRole('menuitem', { name: /تسجيل الخروج|Sign out/ }).click();
    await this.page.getByRole('heading', { name: /تسجيل الدخول|Sign in/ }).waitFor();
  }

  async signInFirstTime(account: { username: string; temporary: string; chosen: string }): Promise<void> {
    await this.signIn({ username: account.username, password: account.temporary });
    await this.page.getByRole('heading', { name: 'تغيير كلمة المرور' }).waitFor();
    await this.page.getByLabel('كلمة المرور الحالية').fill(account.temporary);
    await this.page.getByLabel(/^كلمة المرور الجديدة/).fill(account.chosen);
    await this.page.getByLabel('تأكيد كلمة المرور الجديدة').fill(account.chosen);
    await this.page.keyboard.press('Enter');
    await this.page.getByRole('navigation').waitFor();
  }
}

/** The work queues as cards (on the home screen and the office page): each card says its count. */
export class QueueCards {
  constructor(readonly page: Page) {}

  card(title: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${title}: \\d+$`) });
  }

  /** The count a card announces ("طلباتي المفتوحة: 1"). */
  async count(title: string): Promise<number> {
    const label = (await this.card(title).getAttribute('aria-label')) ?? '';
    return Number(/(\d+)$/.exec(label)?.[1] ?? Number.NaN);
  }

  /** Opens a card's list below the cards (Enter on the card) and answers the list. */
  async open(title: string): Promise<Locator> {
    const card = this.card(title);
    if ((await card.getAttribute('aria-expanded')) !== 'true') await press(card);
    const list = this.page.getByRole('region', { name: title });
    await list.waitFor();
    return list;
  }
}

/** One request's page: its stage, the steps it offers, and the small form each step opens. */
export class RequestScreen {
  constructor(readonly page: Page) {}

  heading(number: string): Locator {
    return this.page.getByRole('heading', { name: new RegExp(number), level: 2 });
  }

  /** The stage badge beside the request's number. */
  async stage(number: string): Promise<string> {
    const header = this.heading(number).locator('xpath=..');
    return ((await header.textContent()) ?? '').replace(/^.*?R-\d{4}-\d{4}/, '').trim();
  }

  step(name: string): Locator {
    return this.page.getByRole('main').getByRole('button', { name, exact: true });
  }

  /** Tabs to the step's button and presses Enter; answers the form's dialog, named for the step. */
  async openStep(name: string): Promise<Locator> {
    await this.step(name).waitFor();
    await tabTo(this.page, name, 80);
    await this.page.keyboard.press('Enter');
    const dialog = this.page.getByRole('dialog', { name });
    await dialog.waitFor();
    // The form puts the officer in its first field.
    await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    expect(await unnamedButtons(dialog)).toEqual([]);
    return dialog;
  }

  /** Saves the open step's form with Ctrl+Enter and waits for the request to be in its next stage. */
  async save(dialog: Locator, number: string, nextStage: string): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => this.stage(number)).toBe(nextStage);
  }

  /** The request's own history, oldest first, as the officer reads it. */
  async history(): Promise<string> {
    return (await this.page.getByRole('main').textContent()) ?? '';
  }
}

/** The letters register: its table, a letter's details, and the preview of an outgoing one on the letterhead. */
export class LettersRegister {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: /الصادر والوارد|Letters register/ });
  }

  row(number: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name: new RegExp(number.replace(/[/]/g, '\\/')) }) });
  }

  /** Opens a letter from its row with the keyboard (the number is the row's button). */
  async open(number: string): Promise<Locator> {
    await press(this.row(number).getByRole('button', { name: new RegExp(number.replace(/[/]/g, '\\/')) }));
    const dialog = this.page.getByRole('dialog', { name: new RegExp(number.replace(/[/]/g, '\\/')) });
    await dialog.waitFor();
    return dialog;
  }

  /** The letterhead preview's frame: the letter as it will print. */
  preview(): Locator {
    return this.page.frameLocator('iframe[title="معاينة الخطاب قبل الطباعة"], iframe[title="Letter preview before printing"]').locator('body');
  }
}
