/**
 * Where a worker thread's code is, for `new Worker(code, { eval })`. The core's bundle
 * (dist/core/wasl-core.cjs) has each thread built beside it in dist/workers/ (esbuild.config.mjs),
 * with what it needs bundled in; in the packaged app they stay inside app.asar, which Electron gives
 * worker threads (electron/electron#33216). From the TypeScript sources (tests, tsx), the thread
 * loads its source through tsx.
 *
 * `bundled`: the thread's file name in dist/workers/; `source`: its TypeScript file, as a URL made
 * from the caller's own `import.meta.url`.
 */
export function workerCode(bundled: string, source: URL): { code: URL | string; eval: boolean } {
  const fromBundle = !import.meta.url.endsWith('.ts');
  if (fromBundle) return { code: new URL(`../workers/${bundled}`, import.meta.url), eval: false };
  const href = JSON.stringify(source.href);
  return { code: `import('tsx/esm/api').then(({ tsImport }) => tsImport(${href}, ${href}))`, eval: true };
}
