// The one description per table of a person's data (electron/services/personal-data/tables.ts) is
// what the list export and erasure read: each list writes exactly the columns its table's description
// names, and the descriptions keep to their own rules.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import type { ExportedFile } from '../../electron/api/audit';
import { exportSubject, type ExportSubjectInput } from '../../electron/api/exports';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import type { Labels } from '../../electron/services/exports/labels';
import { openList, type ListSubject } from '../../electron/services/exports/lists';
import {
  BENEFICIARY_COLUMNS,
  COMPLAINT_COLUMNS,
  CONTACT_COLUMNS,
  LETTER_COLUMNS,
  listedColumnsOf,
  REQUEST_COLUMNS,
  type ColumnRule,
} from '../../electron/services/personal-data/tables';
import { expectOk, openTestWasl, tempDir, validFields } from '../support/database';

const DESCRIPTIONS = {
  beneficiaries: BENEFICIARY_COLUMNS,
  contacts: CONTACT_COLUMNS,
  requests: REQUEST_COLUMNS,
  complaints: COMPLAINT_COLUMNS,
  letters: LETTER_COLUMNS,
} as const;

/** Labels that answer each header with its own message key, so the test reads which columns a list writes. */
const KEY_LABELS: Labels = {
  language: 'en',
  text: (_namespace, path) => path,
  code: (_namespace, _group, value) => value,
};

describe('the list export', () => {
  let dir: string;
  let opened: OpenedDatabase;
  beforeAll(() => {
    dir = tempDir();
    opened = openDatabase(join(dir, 'wasl.db'), { key: randomBytes(32) });
    migrate(opened.sqlite);
  });
  afterAll(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The columns a list's file has, every sensitive column ticked, as their keys in exports.columns.<list>. */
  async function columnsOfList(kind: keyof typeof DESCRIPTIONS): Promise<string[]> {
    const input: ExportSubjectInput =
      kind === 'beneficiaries' ? { kind, sensitiveColumns: { idNumbers: true, phoneNumbers: true } } : { kind };
    const subject = exportSubject.parse(input) as ListSubject;
    const list = await openList(opened.db, subject, { actorId: SYSTEM_USER_ID, now: new Date('2026-12-06T09:00:00Z') }, KEY_LABELS);
    return list.columns.map((column) => column.header.replace(`columns.${kind}.`, ''));
  }

  it.each(Object.keys(DESCRIPTIONS) as Array<keyof typeof DESCRIPTIONS>)('of %s writes exactly the columns its description names', async (kind) => {
    const written = new Set(await columnsOfList(kind));
    const described = listedColumnsOf(DESCRIPTIONS[kind]);
    // The person's phones are rows of beneficiary_phones, not a column of the person's row.
    if (kind === 'beneficiaries') described.add('phones');
    expect([...written].sort()).toEqual([...described].sort());
  });
});

describe('each description', () => {
  const rules = Object.entries(DESCRIPTIONS).flatMap(([table, description]) =>
    Object.entries(description as Record<string, ColumnRule<unknown>>).map(([column, rule]) => ({ table, column, rule })),
  );

  it('lets erasure touch only what is the person’s own (or the erasure’s own stamp)', () => {
    const touchedButNotPersonal = rules
      .filter(({ rule }) => !rule.personal && rule.erasure !== 'kept' && rule.erasure !== 'stamped')
      .map(({ table, column }) => `${table}.${column}`);
    expect(touchedButNotPersonal).toEqual([]);
  });

  it('names list columns the list messages have, in both languages', async () => {
    const { default: arabic } = await import('../../locales/ar/exports.json');
    const { default: english } = await import('../../locales/en/exports.json');
    for (const [table, description] of Object.entries(DESCRIPTIONS)) {
      for (const key of listedColumnsOf(description)) {
        for (const messages of [arabic, english]) {
          const columns = (messages as { columns: Record<string, Record<string, string>> }).columns[table];
          expect(columns?.[key], `exports.columns.${table}.${key}`).toBeTypeOf('string');
        }
      }
    }
  });
});

describe('the subject-access document', () => {
  /**
   * Where the document shows each of the person's own columns: the label of its line, as
   * beneficiaries.json names it (a column's own camelCase name under `fields`, unless said here).
   * A personal column added to the registry fails here until the document shows it.
   */
  const LINE_LABEL: Partial<Record<keyof typeof BENEFICIARY_COLUMNS, string | null>> = {
    district_id: 'fields.district',
    needs: 'personalData.needs',
    // The four names folded for the search: the names themselves are on their own lines.
    name_normalized: null,
  };
  const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

  it('has a line for every column of the person’s own data', async () => {
    const { default: arabic } = await import('../../locales/ar/beneficiaries.json');
    const wasl = await openTestWasl();
    try {
      const person = expectOk<{ id: string }>(await wasl.dispatch('beneficiaries.register', { fields: validFields() }));
      const document = expectOk<ExportedFile>(await wasl.dispatch('beneficiaries.exportPersonalData', { id: person.id })).content;
      const missing: string[] = [];
      for (const [column, rule] of Object.entries(BENEFICIARY_COLUMNS) as Array<[keyof typeof BENEFICIARY_COLUMNS, ColumnRule<unknown>]>) {
        if (!rule.personal) continue;
        const key = column in LINE_LABEL ? LINE_LABEL[column] : `fields.${camelCase(column)}`;
        if (key === null || key === undefined) continue;
        const label = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], arabic);
        const shown = typeof label === 'string' && (document.includes(`<th>${label}</th>`) || document.includes(`>${label}<`));
        if (!shown) missing.push(`${column} (${key})`);
      }
      expect(missing).toEqual([]);
    } finally {
      await wasl.cleanup();
    }
  });
});
