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
    // A new host prints a new address; load it afresh (a change of #token alone would not reload the page).
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
   * lose track of focus; with a dialog open, the visible part is captured instead.
   */
  async screenshot(name: string): Promise<void> {
    await this.page.waitForTimeout(250);
    const dialogOpen = await this.page.getByRole('dialog').isVisible();
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: !dialogOpen });
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

  /** A searchable select: type to filter, then pick the first match. */
  async pick(label: string, text: string): Promise<void> {
    await tabTo(this.page, label);
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('ArrowDown');
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
