import type { ReportFigures, ReportPeriodInput, ReportTrend } from '../../api/reports';
import { readKeyring } from '../accounts/keyring';
import { readShippedAsset } from '../assets';
import type { CallContext, ServiceDependencies } from '../context';
import { letterheadLogo } from '../letters/letterhead-logo';
import type { ReportFont } from '../printing/html-shell';
import { renderReportDocument, renderPrintedFooter, type ReportLanguage } from './document';
import { reportFigures } from './figures';
import { isLongPeriod } from './long-periods';
import { reportTrend } from './trend';

export interface ReportPdfInput extends ReportPeriodInput {
  language: ReportLanguage;
}

/**
 * The report as an A4 PDF, printed by the host's Chromium: figures and charts for the period and the
 * one before it, with the name of who printed it in the footer. Writing the file, and recording the
 * export in the audit log, are the caller's.
 */
export async function reportPdf(
  deps: Pick<ServiceDependencies, 'db' | 'printPdf'> & Partial<Pick<ServiceDependencies, 'jobs'>> & { keys: Pick<ServiceDependencies['keys'], 'path'> },
  input: ReportPdfInput,
  context: CallContext,
): Promise<Buffer> {
  const print = deps.printPdf;
  // Every host that serves the export wires a printer: one without is a mistake, not a refusal.
  if (print === undefined) throw new Error('This host has no PDF printer.');
  const period = { from: input.from, to: input.to };
  // A long period's counts take seconds: the desk's jobs count them beside its calls, when it has them.
  const { figures, trend } =
    deps.jobs && isLongPeriod(period) ? await deps.jobs.run('reports.document', { period, context }) : await documentCounts(deps.db, period, context);
  const content = {
    language: input.language,
    figures,
    trend,
    associationName: associationNameIn(deps.keys.path),
    logo: letterheadLogo(),
    fonts: reportFonts(),
    printedBy: await displayNameOf(deps.db, context.actorId),
    printedAt: context.now,
  };
  return print(renderReportDocument(content), { footerTemplate: renderPrintedFooter(content) });
}

/** What the printed report counts: the period's figures and the one before it, and its charts over time. */
export async function documentCounts(db: ServiceDependencies['db'], period: ReportPeriodInput, context: CallContext): Promise<{ figures: ReportFigures; trend: ReportTrend }> {
  return { figures: await reportFigures(db, period, context), trend: await reportTrend(db, period, context) };
}

/** Who makes a document, as its footer names them. */
export async function displayNameOf(db: ServiceDependencies['db'], userId: string): Promise<string> {
  const user = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return user?.display_name ?? '';
}

/** The association's name as set up in the keyring, for the masthead of a printed document. */
export function associationNameIn(keyringPath: string): string | null {
  try {
    return readKeyring(keyringPath).associationName;
  } catch {
    // The report stands without the name; the keyring is the desk's concern.
    return null;
  }
}

// --- The font ------------------------------------------------------------------------------------

const ARABIC_RANGE =
  'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0898-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC';
const LATIN_RANGE =
  'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD';
/** The regular and bold faces, each as its Arabic and its Latin subset (the files the screens use). */
const FACES = [400, 700].flatMap((weight) => [
  { weight, unicodeRange: ARABIC_RANGE, file: `ibm-plex-sans-arabic-arabic-${weight}-normal.woff2` },
  { weight, unicodeRange: LATIN_RANGE, file: `ibm-plex-sans-arabic-latin-${weight}-normal.woff2` },
]);
const MAX_FONT_BYTES = 256 * 1024;

let cachedFonts: ReportFont[] | undefined;

/**
 * IBM Plex Sans Arabic from the app's assets, as data: URLs: Arabic shapes the same on every machine
 * that prints, whatever fonts it has. A face that cannot be found is left out (the page falls back on
 * the system's fonts).
 */
export function reportFonts(): ReportFont[] {
  cachedFonts ??= FACES.flatMap((face) => {
    const bytes = readShippedAsset(`fonts/${face.file}`, (candidate) => candidate.length <= MAX_FONT_BYTES && candidate.subarray(0, 4).toString('latin1') === 'wOF2');
    return bytes === null ? [] : [{ weight: face.weight, unicodeRange: face.unicodeRange, dataUrl: `data:font/woff2;base64,${bytes.toString('base64')}` }];
  });
  return cachedFonts;
}
