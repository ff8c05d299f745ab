import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, headless, with a fresh profile and no calls home. */
export async function launchChromium(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'wasl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'ar-SA',
    timezoneId: 'Asia/Riyadh',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  // The profile holds the pages' history and the session cookie: gone with the browser.
  // Chromium may still be writing its last files when the context reports closing: retry a while,
  // and never let a leftover folder in the temporary directory fail a test run.
  context.once('close', () => {
    rm(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }).catch((error: unknown) =>
      console.warn(`The browser profile ${profile} was not removed: ${String(error)}`),
    );
  });
  return context;
}
