// Vitest's global setup for the end-to-end tests: before any of them starts the built app, make sure
// dist/ was built from the sources as they are now, or stop with the command that fixes it.
//
// It does not build: `npm test` builds just before it runs the tests, so a build here would be a
// second one, and one started while another run's host serves dist/ would pull the files from under
// it (Vite empties dist/renderer first).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuildProblem } from '../../support/build-freshness';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export default function checkTheBuildIsFresh(): void {
  const problem = staleBuildProblem(REPOSITORY);
  if (problem !== null) throw new Error(problem);
}
