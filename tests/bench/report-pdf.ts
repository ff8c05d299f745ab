/**
 * The weekly report as a PDF, as a supervisor exports it: the figures of the week and of the week
 * before, the charts' eight weeks, the page, and Chromium's print (the web host's printer, Debian's
 * Chromium unless WASL_CHROMIUM names another). The browser's start is measured apart: it happens
 * once, at the first print of a session.
 */
import { performance } from 'node:perf_hooks';
import { createChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import type { Wasl } from '../../electron/core/open-wasl';
import { reportPdf } from '../../electron/services/reports/pdf';

const DAY_MS = 24 * 60 * 60 * 1000;
const RUNS = 10;

interface Output {
  line: (name: string, value: number, unit: string, digits?: number) => void;
  comment: (text: string) => void;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

/** Prints `report_pdf_week` (p95 of ten weekly PDFs, successive weeks back from `lastSunday`, a yyyy-mm-dd Sunday). */
export async function benchReportPdf(wasl: Wasl, lastSunday: string, { line, comment }: Output): Promise<void> {
  const open = wasl.desk.openDatabase;
  const actorId = wasl.desk.state().user?.id;
  if (!open || !actorId) throw new Error('the report PDF is measured on an open, signed-in desk');
  const printer = createChromiumPrinter({ executablePath: process.env.WASL_CHROMIUM ?? '/usr/bin/chromium' });
  const deps = { db: open.db, keys: { path: wasl.keyringPath }, printPdf: printer.print };
  const sunday = Date.parse(`${lastSunday}T00:00:00Z`);
  const week = async (index: number) => {
    const from = sunday - index * 7 * DAY_MS;
    const started = performance.now();
    const content = await reportPdf(deps, { from: isoDay(from), to: isoDay(from + 4 * DAY_MS), language: 'ar' }, { actorId, now: new Date() });
    return { ms: performance.now() - started, bytes: content.length };
  };
  try {
    const first = await week(RUNS);
    const runs: Array<{ ms: number; bytes: number }> = [];
    for (let index = 0; index < RUNS; index += 1) runs.push(await week(index));
    const times = runs.map((run) => run.ms);
    line('report_pdf_week', percentile(times, 0.95), 'ms');
    comment(
      `method: reportPdf (figures, trend, page, Chromium's print) for ${RUNS} Sunday–Thursday weeks back from ${lastSunday}, ` +
        `Arabic, one browser for all; p95 by nearest rank (of ${RUNS}: the slowest), median ${percentile(times, 0.5).toFixed(0)} ms, ` +
        `first print with the browser's start ${first.ms.toFixed(0)} ms, about ${Math.round(runs[0]!.bytes / 1024)} KB a PDF`,
    );
  } finally {
    await printer.close();
  }
}
