// Every message key the code names exists in both languages: `npm run lint` fails on a missing key,
// a key built from a list of values is checked for each value, and a key built from a value that
// lists nothing is refused as unchecked.
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');
// Each snippet stands in for a file's text: typescript-eslint must type it as given, which its
// single-run mode (chosen by itself when CI=true) does not do, since it reads the program from disk.
process.env.TSESTREE_SINGLE_RUN = 'false';
const eslint = new ESLint({ cwd: ROOT });

/** The key rule's messages for `code` linted as if it were the file at `projectPath`, with the project's own configuration. */
async function keyErrors(projectPath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, projectPath) });
  const fatal = result!.messages.filter((message) => message.fatal);
  expect(fatal, 'the snippet parses').toEqual([]);
  return result!.messages.filter((message) => message.ruleId === 'wasl/valid-i18n-keys').map((message) => message.message);
}

// A renderer file the project's type information covers: its text is replaced by each snippet.
const RENDERER_FILE = 'renderer/i18n/use-language.ts';
const PREAMBLE = `
import { useTranslation } from 'react-i18next';
import { REQUEST_STAGES, type RequestStage } from '../../electron/api/requests';
`;

describe('npm run lint checks message keys', () => {
  // The first renderer file linted builds the renderer's whole program for its types: once, here.
  beforeAll(async () => {
    await eslint.lintText('export {};', { filePath: join(ROOT, RENDERER_FILE) });
  }, 120_000);

  it('refuses a literal key missing from the namespace of useTranslation, in both languages', async () => {
    const errors = await keyErrors(RENDERER_FILE, `${PREAMBLE}
export function useLabel() {
  const { t } = useTranslation('requests');
  return [t('stage.received'), t('stage.noSuchStage')];
}`);
    expect(errors).toEqual([
      'No message "stage.noSuchStage" in locales/ar/requests.json.',
      'No message "stage.noSuchStage" in locales/en/requests.json.',
    ]);
  });

  it('reads the namespace from the key, from the ns option, and common when useTranslation names none', async () => {
    const errors = await keyErrors(RENDERER_FILE, `${PREAMBLE}
export function useLabel() {
  const { t } = useTranslation();
  return [t('requests:stage.received'), t('stage.received', { ns: 'requests' }), t('contacts:nowhere'), t('requests:stage.closed', { count: 2 })];
}`);
    expect(errors).toEqual([
      'No message "nowhere" in locales/ar/contacts.json.',
      'No message "nowhere" in locales/en/contacts.json.',
    ]);
  });

  it('checks every key a template builds from a typed list, and leaves a key with a defaultValue alone', async () => {
    const errors = await keyErrors(RENDERER_FILE, `${PREAMBLE}
type Misspelt = RequestStage | 'recieved';
export function useLabels(stage: RequestStage, misspelt: Misspelt) {
  const { t } = useTranslation('requests');
  return [
    ...REQUEST_STAGES.map((value) => t(\`stage.\${value}\`)),
    t(\`stage.\${stage}\`),
    t(\`stage.\${misspelt}\`),
    t(\`stage.\${String(stage)}\`, { defaultValue: '' }),
  ];
}`);
    expect(errors).toEqual([
      'No message "stage.recieved" in locales/ar/requests.json.',
      'No message "stage.recieved" in locales/en/requests.json.',
    ]);
  });

  it('refuses a key built from a value whose type lists nothing', async () => {
    const errors = await keyErrors(RENDERER_FILE, `${PREAMBLE}
export function useLabel(group: string, stage: RequestStage) {
  const { t } = useTranslation('requests');
  return t(\`\${group}.\${stage}\`);
}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/built from a value whose type does not list its values/);
  });

  it('checks the services’ labels.text and labels.code', async () => {
    const errors = await keyErrors('electron/services/exports/wrong.ts', `
import type { Labels } from './labels';
export const words = (labels: Labels) => [
  labels.text('exports', 'lists.requests'),
  labels.text('exports', 'lists.noSuchList'),
  labels.code('requests', 'stage', 'received'),
  labels.code('requests', 'noSuchGroup', 'received'),
];`);
    expect(errors).toEqual([
      'No message "lists.noSuchList" in locales/ar/exports.json.',
      'No message "lists.noSuchList" in locales/en/exports.json.',
      'No message under "noSuchGroup." in locales/ar/requests.json.',
      'No message under "noSuchGroup." in locales/en/requests.json.',
    ]);
  });
});
