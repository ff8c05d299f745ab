import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { ProgramCall } from '../../support/programs';
import { launchChromium } from './browser';
import { addAccount, newDataFolder, setUpWith, startHost, type Account, type RunningHost } from './host';
import { AccountScreens, AppPage } from './pages';

/** The stories of programs: a desk with its staff, its records made through the api, then its screens. */

/** The host's calls as a test prepares its records: the call's value, or the test stops on the refusal. */
export function callsOf(host: RunningHost): ProgramCall {
  return async <T>(name: string, input: unknown): Promise<T> => {
    const answer = await host.call<T>(name, input);
    if (!answer.ok) throw new Error(`${name} was refused: ${JSON.stringify(answer.error)}`);
    return answer.value as T;
  };
}

/**
 * A new desk set up by its administrator, with each colleague's account made in the order given;
 * the administrator is signed in again at the end, to prepare the records.
 */
export async function deskWithStaff(administrator: Account, staff: Array<[Account, 'officer' | 'supervisor']>): Promise<RunningHost> {
  const host = await startHost(join(newDataFolder(), 'wasl.db'));
  await setUpWith(host, administrator);
  const call = callsOf(host);
  for (const [account, role] of staff) {
    await addAccount(host, account, role);
    await call('session.signIn', { username: administrator.username, password: administrator.password });
  }
  return host;
}

/** Chromium opened on the desk's screens, the account signed in and on the home screen. */
export async function screensSignedIn(host: RunningHost, account: Account): Promise<{ browser: BrowserContext; page: Page; app: AppPage }> {
  const browser = await launchChromium();
  const page = browser.pages()[0] ?? (await browser.newPage());
  const app = new AppPage(page);
  await app.open(host.url, account);
  return { browser, page, app };
}

/** The person's file, opened at its address as a link to it does, once its heading shows. */
export async function openPersonFile(page: Page, person: { id: string; fullName: string }): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `/beneficiaries/${id}`;
  }, person.id);
  await page.getByRole('heading', { name: person.fullName, level: 2 }).waitFor();
}

/** Signs out on the screen and in again as the account, back on the home screen. */
export async function switchAccount(page: Page, account: { username: string; password: string }): Promise<void> {
  const screens = new AccountScreens(page);
  await screens.signOut();
  await screens.signIn(account);
  await page.getByRole('navigation').waitFor();
}
