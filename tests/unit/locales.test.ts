// The message files: Arabic and English say the same things, nothing is left blank, every message
// key the api can answer exists, and every choice the api accepts has a label in both languages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as beneficiariesApi from '../../electron/api/beneficiaries';
import { DATABASE_OPEN_REASONS } from '../../db/connection';
import { callNames } from '../../electron/api/contract';
import { PERMISSIONS } from '../../electron/api/permissions';
import { ELIGIBILITY_OUTCOMES } from '../../electron/api/eligibility';
import { AUDIT_ACTIONS } from '../../electron/api/audit';

const ROOT = resolve(__dirname, '..', '..');
const LOCALES = join(ROOT, 'locales');
const LANGUAGES = ['ar', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

/** i18next plural forms: Arabic has six, English two, so they count as one base key. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

const namespacesOf = (language: Language): string[] =>
  readdirSync(join(LOCALES, language))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();

const readNamespace = (language: Language, namespace: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Record<string, unknown>;

/** Every leaf of a message file as `dotted.key → value`. */
function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [leaf, leafValue] of flatten(value as Record<string, unknown>, path)) leaves.set(leaf, leafValue);
    } else {
      leaves.set(path, value);
    }
  }
  return leaves;
}

const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');

/** The keys a language defines in a namespace, plural forms folded into their base key. */
const baseKeysOf = (language: Language, namespace: string) =>
  new Set([...flatten(readNamespace(language, namespace)).keys()].map(baseKey));

/** Whether `t(key)` finds a message: the key itself, or one of its plural forms. */
function hasMessage(language: Language, namespace: string, key: string): boolean {
  return baseKeysOf(language, namespace).has(key);
}

/** Every .ts file under a project folder. */
function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (entry.endsWith('.ts')) found.push(path);
  }
  return found;
}

/**
 * Every message key the api can answer with, read from the source: quoted keys of the validation,
 * notFound and beneficiaries groups (call names such as 'beneficiaries.get' excepted), the stand-alone
 * keys the dispatcher and hosts answer, `notFound('…')`, and one ID-number key per IdNumberProblem.
 */
function messageKeysInSource(): Set<string> {
  const keys = new Set<string>();
  // Call names and permission names look like message keys; they are not.
  const calls = new Set<string>([...callNames, ...PERMISSIONS]);
  const sources = sourceFiles(join(ROOT, 'electron')).map((file) => readFileSync(file, 'utf8'));
  for (const source of sources) {
    for (const match of source.matchAll(/'((?:validation|notFound|beneficiaries)\.[a-zA-Z.]+)'/g)) {
      if (!calls.has(match[1]!)) keys.add(match[1]!);
    }
    for (const match of source.matchAll(/messageKey: '([a-zA-Z.]+)'/g)) keys.add(match[1]!);
    for (const match of source.matchAll(/notFound\('([a-zA-Z]+)'\)/g)) keys.add(`notFound.${match[1]!}`);
    for (const match of source.matchAll(/new AppError\(\s*'[a-z_]+',\s*'([a-zA-Z.]+)'/g)) keys.add(match[1]!);
  }
  const saudiId = readFileSync(join(ROOT, 'electron/api/fields/saudi-id.ts'), 'utf8');
  const union = /export type IdNumberProblem =([^;]+);/.exec(saudiId)?.[1] ?? '';
  const problems = [...union.matchAll(/'([a-zA-Z]+)'/g)].map((match) => match[1]!);
  expect(problems.length, 'IdNumberProblem members found in saudi-id.ts').toBeGreaterThanOrEqual(5);
  // The schema builds these keys from the problem: `validation.idNumber.${…}`.
  expect(sources.join('\n')).toMatch(/`validation\.idNumber\.\$\{\w+\}`/);
  for (const problem of problems) keys.add(`validation.idNumber.${problem}`);
  // The desk builds these from the reason a database could not be opened: `database.${…}`.
  expect(sources.join('\n')).toMatch(/`database\.\$\{\w+\.reason\}`/);
  for (const reason of DATABASE_OPEN_REASONS) keys.add(`database.${reason}`);
  return keys;
}

describe('locale files', () => {
  it('define the same namespaces in Arabic and English', () => {
    expect(namespacesOf('ar').length).toBeGreaterThan(0);
    expect(namespacesOf('en')).toEqual(namespacesOf('ar'));
  });

  it('are valid JSON objects', () => {
    for (const language of LANGUAGES) {
      for (const namespace of namespacesOf(language)) {
        const parsed = readNamespace(language, namespace);
        expect(typeof parsed, `${language}/${namespace}`).toBe('object');
        expect(Array.isArray(parsed), `${language}/${namespace}`).toBe(false);
      }
    }
  });

  describe.each(namespacesOf('ar'))('namespace %s', (namespace) => {
    it('has every Arabic key in English and every English key in Arabic (plural forms as one key)', () => {
      const arabic = baseKeysOf('ar', namespace);
      const english = baseKeysOf('en', namespace);
      expect([...arabic].filter((key) => !english.has(key)), 'missing in en').toEqual([]);
      expect([...english].filter((key) => !arabic.has(key)), 'missing in ar').toEqual([]);
    });

    it('has only non-empty strings as messages', () => {
      for (const language of LANGUAGES) {
        for (const [key, value] of flatten(readNamespace(language, namespace))) {
          expect(typeof value, `${language}/${namespace}:${key}`).toBe('string');
          expect((value as string).trim(), `${language}/${namespace}:${key}`).not.toBe('');
        }
      }
    });

    it('uses the same {{placeholders}} in both languages', () => {
      const placeholders = (language: Language) => {
        const byKey = new Map<string, Set<string>>();
        for (const [key, value] of flatten(readNamespace(language, namespace))) {
          const names = byKey.get(baseKey(key)) ?? new Set<string>();
          for (const match of String(value).matchAll(/\{\{\s*([a-zA-Z]+)\s*\}\}/g)) names.add(match[1]!);
          byKey.set(baseKey(key), names);
        }
        return byKey;
      };
      const arabic = placeholders('ar');
      const english = placeholders('en');
      for (const [key, names] of arabic) {
        const inEnglish = english.get(key);
        if (!inEnglish) continue; // reported by the key test
        // An Arabic plural form may spell the number out ("سنتان") instead of using {{count}}.
        const withoutCount = (set: Set<string>) => [...set].filter((name) => name !== 'count').sort();
        expect(withoutCount(names), `${namespace}:${key}`).toEqual(withoutCount(inEnglish));
      }
    });
  });
});

describe('api message keys', () => {
  const keys = messageKeysInSource();

  it('are found in the source (sanity check of the scan)', () => {
    expect(keys).toContain('validation.idNumber.checkDigit');
    expect(keys).toContain('validation.phone');
    expect(keys).toContain('beneficiaries.duplicateId');
    expect(keys).toContain('notFound.beneficiary');
    expect(keys).toContain('internal');
    expect(keys).not.toContain('beneficiaries.register');
  });

  it.each(LANGUAGES)('each have a message in the %s errors namespace', (language) => {
    const missing = [...keys].filter((key) => !hasMessage(language, 'errors', key));
    expect(missing).toEqual([]);
  });
});

describe('choice labels', () => {
  const api = beneficiariesApi as unknown as Record<string, unknown>;
  /** How the renderer labels each list of choices: `t('<prefix>.<value>', { ns: 'beneficiaries' })`. */
  const LABEL_PREFIX: Record<string, string> = {
    ID_TYPES: 'idType',
    GENDERS: 'gender',
    CATEGORIES: 'category',
    RESIDENCY_STATUSES: 'residency',
    BENEFICIARY_STATUSES: 'status',
    PRISONER_RELATIONS: 'relation',
    PRISONER_STATUSES: 'prisonerStatus',
    HOUSEHOLD_RELATIONS: 'relation',
    NEEDS: 'needs',
    NEEDS_PRIORITIES: 'priority',
    CONSENT_METHODS: 'consentMethod',
    LIST_SORTS: 'sort',
  };
  const choiceLists: Array<[string, readonly string[], string]> = [
    ...Object.entries(LABEL_PREFIX).map(([name, prefix]): [string, readonly string[], string] => [
      name,
      api[name] as readonly string[],
      prefix,
    ]),
    ['ELIGIBILITY_OUTCOMES', ELIGIBILITY_OUTCOMES, 'eligibility'],
  ];

  it('are known for every list of choices electron/api/beneficiaries.ts exports', () => {
    const exportedLists = Object.entries(api)
      .filter(([, value]) => Array.isArray(value) && value.every((item) => typeof item === 'string'))
      .map(([name]) => name)
      .sort();
    expect(exportedLists).toEqual(Object.keys(LABEL_PREFIX).sort());
  });

  describe.each(choiceLists)('%s', (_name, values, prefix) => {
    it.each(LANGUAGES)(`has a label ${prefix}.<value> for every value in %s`, (language) => {
      expect(values.length).toBeGreaterThan(0);
      const missing = values.filter((value) => !hasMessage(language, 'beneficiaries', `${prefix}.${value}`));
      expect(missing).toEqual([]);
    });
  });
});

describe('audit actions', () => {
  // The audit screen, the CSV export and the subject-access document all name an entry by its action.
  it.each(LANGUAGES)('each have a label actions.<action> in the %s audit namespace', (language) => {
    const missing = AUDIT_ACTIONS.filter((action) => !hasMessage(language, 'audit', `actions.${action}`));
    expect(missing).toEqual([]);
  });
});
