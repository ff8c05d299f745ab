// The end-to-end tests' check that dist/ is the sources as they are: on a made-up repository whose
// files' times the test sets, and on the real one's layout.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, BUILD_SOURCES, newestChange, staleBuildProblem } from '../support/build-freshness';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT_AT = new Date('2026-12-06T20:00:00Z');
const minutes = (count: number) => new Date(BUILT_AT.getTime() + count * 60_000);

describe('whether dist/ is the sources as they are', () => {
  let root: string;

  /** Writes a file at the time given, as are the folders it was written into. */
  function write(path: string, at: Date): void {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), path);
    for (let part = path; part !== '.'; part = dirname(part)) utimesSync(join(root, part), at, at);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'wasl-build-'));
    write('renderer/features/search/SearchBox.tsx', minutes(-60));
    write('electron/services/search/service.ts', minutes(-30));
    write('db/migrations/001-initial.sql', minutes(-90));
    write('locales/ar/common.json', minutes(-45));
    write('vite.config.ts', minutes(-600));
    // Vite writes the page first, then esbuild the bundles.
    write('dist/renderer/index.html', BUILT_AT);
    write('dist/web/wasl-web.mjs', minutes(1));
    write('dist/workers/inspect-scan.cjs', minutes(1));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('trusts a build made after the last change', () => {
    expect(staleBuildProblem(root)).toBeNull();
  });

  it('refuses a build older than a source written since, naming it', () => {
    write('electron/services/search/service.ts', minutes(5));
    expect(staleBuildProblem(root)).toBe(
      'dist/ is older than the sources: run npm run build (electron/services/search/service.ts changed at 2026-12-06T20:05:00.000Z, after the build of 2026-12-06T20:00:00.000Z)',
    );
  });

  it('takes the oldest output as the build’s time: a source changed while esbuild ran is not in the page', () => {
    write('renderer/features/search/SearchBox.tsx', minutes(0.5));
    expect(staleBuildProblem(root)).toMatch(/^dist\/ is older than the sources: run npm run build \(renderer\/features\/search\/SearchBox.tsx changed/);
  });

  it('sees a source deleted or moved away by its folder’s time', () => {
    rmSync(join(root, 'locales/ar/common.json'));
    utimesSync(join(root, 'locales/ar'), minutes(3), minutes(3));
    expect(staleBuildProblem(root)).toMatch(/^dist\/ is older than the sources: run npm run build \(locales\/ar changed/);
  });

  it('refuses a build with an output missing, as after a failed build', () => {
    rmSync(join(root, 'dist/renderer/index.html'));
    expect(staleBuildProblem(root)).toBe('dist/ holds no complete build (dist/renderer/index.html missing): run npm run build');
  });

  it('leaves installed packages out of the sources', () => {
    write('renderer/node_modules/.vite/deps.json', minutes(30));
    // The packages' folder was there before the build; what changes since is inside it.
    utimesSync(join(root, 'renderer'), minutes(-60), minutes(-60));
    expect(newestChange(root, BUILD_SOURCES)).toEqual({ path: 'electron/services/search/service.ts', mtimeMs: minutes(-30).getTime() });
    expect(staleBuildProblem(root)).toBeNull();
  });

  it('reads the sources and outputs of this repository’s own build', () => {
    for (const path of BUILD_SOURCES) expect(existsSync(join(REPOSITORY, path)), path).toBe(true);
    // The outputs are the ones the build configurations name.
    const builds = `${readFileSync(join(REPOSITORY, 'esbuild.config.mjs'), 'utf8')}\n${readFileSync(join(REPOSITORY, 'vite.config.ts'), 'utf8')}`;
    expect(builds).toContain("outDir: '../dist/renderer'");
    for (const output of BUILD_OUTPUTS.filter((path) => !path.startsWith('dist/renderer/'))) expect(builds, output).toContain(`'${output}'`);
  });
});
