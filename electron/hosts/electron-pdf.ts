import { randomUUID } from 'node:crypto';
import type { BrowserWindow as ElectronBrowserWindow, Session } from 'electron';
import { PDF_PAGE, type PrintPdf } from '../services/context';
import { withinPrintDeadline } from './print-deadline';

const MM_PER_INCH = 25.4;
/** Its own in-memory session (no `persist:`): nothing the print loads is kept, and its rules touch no other page. */
const PRINT_PARTITION = 'wasl-print';
/**
 * The page is served from memory under this scheme of the print session alone: a data: URL would
 * cap it at Chromium's 2 MB limit on a URL (a long list printed as PDF is larger), and a temporary
 * file would leave personal data on disk.
 */
const PRINT_SCHEME = 'wasl-print';

/** The pages being printed, by the id in the address each is served at. */
const pages = new Map<string, string>();
const idIn = (url: string) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(url)?.[0] ?? '';

function servePages(session: Session): void {
  if (session.protocol.isProtocolHandled(PRINT_SCHEME)) return;
  session.protocol.handle(PRINT_SCHEME, (request) => {
    const page = pages.get(idIn(request.url));
    return page === undefined
      ? new Response(null, { status: 404 })
      : new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  });
}

/**
 * Prints with Electron's own Chromium, for the desktop app: the page in a hidden, sandboxed window
 * with JavaScript off, served from memory, every other request but a data: URL (the page's fonts and
 * logo) refused, the window destroyed after each print. The shell passes in BrowserWindow, so that
 * only it imports Electron.
 */
export function createElectronPrinter(BrowserWindow: typeof ElectronBrowserWindow): PrintPdf {
  return async (html, { footerTemplate, landscape = false }) => {
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        partition: PRINT_PARTITION,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        spellcheck: false,
        // Nobody clicks in a hidden window; no middle click can ask for another.
        disableBlinkFeatures: 'Auxclick',
      },
    });
    const id = randomUUID();
    const address = `${PRINT_SCHEME}://${id}/`;
    pages.set(id, html);
    try {
      const { session } = window.webContents;
      servePages(session);
      // One filter per session, for every print under way: a page being printed, or a data: URL.
      session.webRequest.onBeforeRequest((details, callback) => {
        const printing = details.url.startsWith(`${PRINT_SCHEME}:`) && pages.has(idIn(details.url));
        callback({ cancel: !printing && !details.url.startsWith('data:') });
      });
      const { margins } = PDF_PAGE;
      const printed = window.loadURL(address).then(() =>
        window.webContents.printToPDF({
          pageSize: PDF_PAGE.format,
          landscape,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate,
          // printToPDF takes its margins in inches.
          margins: {
            top: margins.top / MM_PER_INCH,
            bottom: margins.bottom / MM_PER_INCH,
            left: margins.inline / MM_PER_INCH,
            right: margins.inline / MM_PER_INCH,
          },
        }),
      );
      return await withinPrintDeadline(printed);
    } finally {
      pages.delete(id);
      window.destroy();
    }
  };
}
