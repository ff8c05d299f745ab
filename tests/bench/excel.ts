/**
 * The Excel export of 100,000 rows, measured in a process of its own (tests/bench/export-excel.ts),
 * bundled the way the app's desktop process is, so that the memory printed is the app's with an
 * export running, not the bench's with its seeding or a TypeScript loader.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

interface Output {
  line: (name: string, value: number, unit: string, digits?: number) => void;
  comment: (text: string) => void;
}

interface Measured {
  rows: number;
  seconds: number;
  bytes: number;
  rssBeforeMb: number;
  peakRssDuringMb: number;
}

export async function benchExcelExport(databasePath: string, user: string, password: string, { line, comment }: Output): Promise<void> {
  // Beside the app's own bundles, so that the native SQLite module resolves from node_modules.
  mkdirSync(resolve('dist'), { recursive: true });
  const folder = mkdtempSync(join(resolve('dist'), 'bench-'));
  try {
    const script = join(folder, 'export-excel.mjs');
    await build({
      entryPoints: ['tests/bench/export-excel.ts'],
      outfile: script,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      external: ['electron', 'better-sqlite3-multiple-ciphers', 'playwright-core'],
      banner: { js: "import { createRequire as __waslCreateRequire } from 'node:module'; const require = __waslCreateRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    const run = spawnSync(process.execPath, ['--no-deprecation', script, '--db', databasePath, '--user', user, '--password', password], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the Excel export failed: ${run.stderr}`);
    const measured = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
    line('excel_export_rows', measured.rows, 'rows', 0);
    line('excel_export', measured.seconds, 's', 2);
    line('excel_export_peak_rss', measured.peakRssDuringMb, 'MB', 0);
    comment(
      `method: the whole registry (${measured.rows} people) to .xlsx through exports.start/status/take in a process of its own ` +
        `(bundled like the app), signed in; resident memory ${measured.rssBeforeMb.toFixed(0)} MB before the export, ` +
        `at most ${measured.peakRssDuringMb.toFixed(0)} MB while it ran (sampled every 10 ms); file ${(measured.bytes / 1024 / 1024).toFixed(1)} MB`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
