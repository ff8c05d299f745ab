// The layers' import boundaries fail `npm run lint`: a deliberately wrong import in each layer is
// linted with the project's own ESLint configuration and must be refused, a right one let through.
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');

/** The project's configuration; the renderer's type information is not needed to judge an import. */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { parserOptions: { project: null } }, rules: { 'wasl/valid-i18n-keys': 'off' } },
});

/** The messages of the layers rule for a file at `projectPath` holding `code` (the file need not exist). */
async function layerErrors(projectPath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, projectPath) });
  return result!.messages.filter((message) => message.ruleId === 'wasl/layers').map((message) => message.message);
}

describe('npm run lint refuses an import across a layer boundary', () => {
  it.each([
    ['db/queries/wrong.ts', `import { searchBeneficiaries } from '../../electron/services/search/service';`, /db\/ may not import a service/],
    ['db/wrong.ts', `import type { Handler } from '../electron/hosts/ipc-bridge';`, /db\/ may not import a host/],
    ['electron/services/wrong/wrong.ts', `export { openWasl } from '../../core/open-wasl';`, /a service may not import the core/],
    ['electron/services/wrong/wrong.ts', `export { startWebHost } from '../../hosts/web/server';`, /a service may not import a host/],
    ['electron/core/wrong.ts', `import { startWebHost } from '../hosts/web/server';`, /the core \(electron\/core\/\) may not import a host/],
    ['electron/core/wrong.ts', `import { utilityProcess } from 'electron';`, /the core never imports Electron/],
    ['server/sync/wrong.ts', `import { registerBeneficiary } from '../../electron/services/beneficiaries/service';`, /the office server \(server\/\) may not import a service/],
    ['server/wrong.ts', `import { openDatabase } from '../db/connection';`, /the office server \(server\/\) may not import db\//],
    ['electron/services/sync/wrong.ts', `import { pushOperations } from '../../../server/sync/operations';`, /a service may not import the office server/],
    ['electron/services/wrong.ts', `const report = await import('../tools/report');`, /a service may not import a command line/],
    ['electron/services/a/wrong.ts', `import { windowOptions } from '../../security/window-options';`, /a service may not import the Electron shell/],
    ['electron/services/a/wrong.ts', `import '../../main';`, /a service may not import the Electron shell/],
    ['electron/api/wrong.ts', `import { newId } from '../services/ids';`, /the api contract imports only itself and zod/],
    ['electron/api/fields/wrong.ts', `import { readFileSync } from 'node:fs';`, /the api contract imports only itself and zod/],
    ['electron/api/wrong.ts', `import type { DatabaseSchema } from '../../db/schema';`, /the api contract imports only itself and zod/],
    ['renderer/features/wrong/Wrong.tsx', `import { migrate } from '../../../db/migrate';`, /the renderer imports only the api contract/],
    ['renderer/features/wrong/Wrong.tsx', `import type { CallContext } from '../../../electron/services/context';`, /the renderer imports only the api contract/],
    // The report's charts come drawn with the reports.trend answer: the screen does not draw them.
    ['renderer/features/reports/Wrong.tsx', `import { reportCharts } from '../../../electron/services/reports/charts';`, /the renderer imports only the api contract/],
    ['renderer/lib/wrong.ts', `import { join } from 'path';`, /the renderer is browser code/],
    ['renderer/lib/wrong.ts', `import { sql } from 'kysely';`, /the renderer talks to the app through the api only/],
  ])('in %s: %s', async (projectPath, code, expected) => {
    const errors = await layerErrors(projectPath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
  });

  it.each([
    ['db/queries/right.ts', `import type { DatabaseSchema } from '../schema';`],
    ['electron/services/a/right.ts', `import { migrate } from '../../../db/migrate';\nimport type { ValidInput } from '../../api/contract';`],
    ['electron/hosts/right.ts', `import { createHandlers } from '../services/index';`],
    ['electron/core/right.ts', `import { createDispatcher } from '../services/dispatch';\nimport { openDatabase } from '../../db/connection';`],
    ['server/sync/right.ts', `import { formatHlc } from '../../electron/api/sync/hlc';\nimport type { ServerSchema } from '../storage/schema';`],
    ['electron/api/right.ts', `import { z } from 'zod';\nimport { digitsOnly } from './fields/digits';`],
    ['renderer/features/a/Right.tsx', `import { Button } from '@mantine/core';\nimport type { Result } from '../../../electron/api/result';\nimport { when } from '../../lib/dates';`],
  ])('and lets a right one through, in %s', async (projectPath, code) => {
    expect(await layerErrors(projectPath, code)).toEqual([]);
  });
});

describe('the layers', () => {
  it('judge an import by where it lands, not by how it is spelled', async () => {
    expect(await layerErrors('electron/services/a/b.ts', `import '../../api/../hosts/x';`)).toHaveLength(1);
    expect(await layerErrors('electron/services/a/b.ts', `import '../hosts-like/thing';`)).toEqual([]);
  });

  it('let a code migration run the search’s folding, and nothing else of the services', async () => {
    expect(await layerErrors('db/migrations/0099-refold.ts', `import { rebuildNameIndex } from '../../electron/services/search/reindex';`)).toEqual([]);
    expect(await layerErrors('db/migrations/0099-other.ts', `import { requestsOf } from '../../electron/services/requests/read';`)).toHaveLength(1);
    expect(await layerErrors('db/connection-like.ts', `import { foldName } from '../electron/services/search/normalize';`)).toHaveLength(1);
  });

  it('let the office server check signatures with the desks’ checker, and nothing else of the services', async () => {
    expect(await layerErrors('server/accounts/check.ts', `import { operationSignatureHolds } from '../../electron/services/sync/signature';`)).toEqual([]);
    expect(await layerErrors('server/accounts/check.ts', `import { deskSigningKey } from '../../electron/services/sync/signing';`)).toHaveLength(1);
  });
});
