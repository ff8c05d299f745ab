// Whether the built app in dist/ was built from the sources as they are now. The end-to-end tests run
// the build, not the sources: a build older than the last change would pass or fail for code that is
// no longer there.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What `npm run build` reads, relative to the repository: a change to any of them calls for a new build. */
export const BUILD_SOURCES = ['renderer', 'electron', 'db', 'locales', 'vite.config.ts', 'esbuild.config.mjs'] as const;

/**
 * What the end-to-end tests run from dist/: the web host, the thread that checks a scan, and the page.
 * Every build writes each of them anew (Vite empties its folder first; esbuild always writes its
 * outputs), so the oldest of them was written after the build had read its sources: it is the build's stamp.
 */
export const BUILD_OUTPUTS = ['dist/web/wasl-web.mjs', 'dist/workers/inspect-scan.cjs', 'dist/renderer/index.html'] as const;

export interface Change {
  /** Relative to the repository. */
  path: string;
  mtimeMs: number;
}

/**
 * The newest change under the paths: a file written, or a folder whose entries were added, removed or
 * renamed (a file deleted or moved leaves no newer file behind, only its folder's time).
 */
export function newestChange(root: string, paths: readonly string[]): Change | null {
  let newest: Change | null = null;
  // A file is visited after its folder: on a tie it is the one named, as the more precise.
  for (const change of changesUnder(root, paths)) {
    if (newest === null || change.mtimeMs >= newest.mtimeMs) newest = change;
  }
  return newest;
}

function* changesUnder(root: string, paths: readonly string[]): Generator<Change> {
  for (const path of paths) {
    const stats = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stats) continue;
    yield { path, mtimeMs: stats.mtimeMs };
    if (stats.isDirectory()) {
      const entries = readdirSync(join(root, path)).filter((entry) => entry !== 'node_modules');
      yield* changesUnder(root, entries.map((entry) => `${path}/${entry}`));
    }
  }
}

/** Why dist/ cannot be trusted to be the sources as they are (a sentence saying what to run), or null when it can. */
export function staleBuildProblem(root: string): string | null {
  const outputs = BUILD_OUTPUTS.map((path) => ({ path, mtimeMs: statSync(join(root, path), { throwIfNoEntry: false })?.mtimeMs ?? null }));
  const missing = outputs.filter((output) => output.mtimeMs === null).map((output) => output.path);
  if (missing.length > 0) return `dist/ holds no complete build (${missing.join(', ')} missing): run npm run build`;
  const builtAt = Math.min(...outputs.map((output) => output.mtimeMs ?? 0));
  const changed = newestChange(root, BUILD_SOURCES);
  if (changed === null || changed.mtimeMs <= builtAt) return null;
  const time = (mtimeMs: number) => new Date(mtimeMs).toISOString();
  return `dist/ is older than the sources: run npm run build (${changed.path} changed at ${time(changed.mtimeMs)}, after the build of ${time(builtAt)})`;
}
