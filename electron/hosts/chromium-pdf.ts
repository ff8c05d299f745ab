import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { PDF_PAGE, type PrintPdf } from '../services/context';
import { AppError } from '../services/errors';
import { withinPrintDeadline } from './print-deadline';
import { ownedFolderPrefix, PRINT_FOLDER_PREFIX, removeStaleTemporaryFolders } from './temporary-folders';

export interface ChromiumPrinterOptions {
  /** The browser to print with; else `WASL_CHROMIUM`, else one found on this machine. */
  executablePath?: string;
}

export interface ChromiumPrinter {
  print: PrintPdf;
  /** Closes the browser, when one was started, and removes its profile. */
  close(): Promise<void>;
}

const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/** Where Edge (on every Windows 10 and 11) and Chrome install themselves. */
function windowsBrowsers(): string[] {
  const roots = [process.env['ProgramFiles(x86)'], process.env.ProgramFiles, process.env.LOCALAPPDATA].filter(
    (root): root is string => typeof root === 'string' && root !== '',
  );
  return roots.flatMap((root) => [
    join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
  ]);
}

/** The Chromium-family browser to print with, or null when this machine has none. */
export function findChromium(explicit?: string): string | null {
  const chosen = explicit ?? process.env.WASL_CHROMIUM;
  if (chosen) return chosen;
  if (process.platform !== 'win32') {
    for (const name of BROWSER_NAMES) {
      const found = spawnSync('which', [name], { encoding: 'utf8' });
      const path = found.status === 0 ? found.stdout.trim() : '';
      if (path !== '') return path;
    }
    return null;
  }
  return windowsBrowsers().find((path) => existsSync(path)) ?? null;
}

// Nothing but the page: no sync, updates, first-run screens or GPU (a headless print needs none).
// Chromium's sandbox stays on, but for root (a server or a container), where Chromium refuses to
// start with it.
const LAUNCH_ARGS = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Prints with an installed Chromium through playwright-core, for the web host and the command
 * line. The browser starts at the first print and serves the next ones; its profile is a fresh
 * temporary folder, removed when the printer closes (after a kill, at the next start). Every
 * request but a data: URL is refused: the documents are self-contained, and a page that tried to
 * reach out would print without it.
 */
export function createChromiumPrinter(options: ChromiumPrinterOptions = {}): ChromiumPrinter {
  let starting: Promise<{ context: BrowserContext; folder: string }> | null = null;

  const start = async () => {
    const executablePath = findChromium(options.executablePath);
    // Said to the user in their language: Excel and CSV still work without a browser.
    if (executablePath === null) throw new AppError('rule', 'exports.pdfUnavailable');
    // What a killed printer left behind goes first (a profile may hold the pages it printed).
    removeStaleTemporaryFolders();
    // One folder, named for this process, holds everything the browser writes: its profile and
    // Playwright's artifacts (else a folder of their own in the temporary folder, left there if
    // this process is killed).
    const folder = mkdtempSync(join(tmpdir(), ownedFolderPrefix(PRINT_FOLDER_PREFIX)));
    try {
      const context = await chromium.launchPersistentContext(join(folder, 'profile'), {
        artifactsDir: join(folder, 'artifacts'),
        executablePath,
        headless: true,
        args: LAUNCH_ARGS,
        javaScriptEnabled: false,
        offline: true,
        acceptDownloads: false,
      });
      await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')));
      return { context, folder };
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  };

  const browser = () => {
    starting ??= start().catch((error: unknown) => {
      // A failed start is not remembered: the next print tries again (a browser installed meanwhile).
      starting = null;
      throw error;
    });
    return starting;
  };

  return {
    print: async (html, { footerTemplate, landscape = false }) => {
      const { context } = await browser();
      const page = await context.newPage();
      try {
        const margin = PDF_PAGE.margins;
        const printed = page.setContent(html, { waitUntil: 'load' }).then(() =>
          page.pdf({
          format: PDF_PAGE.format,
          landscape,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate,
          margin: { top: `${margin.top}mm`, bottom: `${margin.bottom}mm`, left: `${margin.inline}mm`, right: `${margin.inline}mm` },
          }),
        );
        return await withinPrintDeadline(printed);
      } finally {
        await page.close();
      }
    },
    close: async () => {
      const started = starting;
      starting = null;
      if (!started) return;
      const running = await started.catch(() => null);
      if (!running) return;
      await running.context.close().catch(() => undefined);
      rmSync(running.folder, { recursive: true, force: true });
    },
  };
}
