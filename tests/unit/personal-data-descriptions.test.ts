// What makes forgetting a person's data a type error, not a habit: a column added to a described
// table, a column cleared that may not be empty, a personal column without its line in the
// subject-access document, a table nobody classed. The snippets are type-checked with the tests, and
// each `@ts-expect-error` fails the type check if the error it expects goes away.
import { describe, expect, it } from 'vitest';
import type { DatabaseSchema, InquiryTable, RequestTable } from '../../db/schema';
import { ERASED_NAME } from '../../electron/api/beneficiaries';
import { DOCUMENT_LINES } from '../../electron/services/beneficiaries/personal-data-document';
import {
  erasedValues,
  INQUIRY_COLUMNS,
  REQUEST_COLUMNS,
  TABLES_WITHOUT_PERSONAL_DATA,
  type DocumentLines,
  type PERSONAL_DATA_TABLES,
  type TableDescription,
} from '../../electron/services/personal-data/tables';

describe('a table’s description', () => {
  it('is a type error while a column of its table is left out', () => {
    const { summary: _left, ...withoutSummary } = REQUEST_COLUMNS;
    // @ts-expect-error -- requests.summary is not described
    const described: TableDescription<RequestTable> = withoutSummary;
    // @ts-expect-error -- a column the table gained and the description did not
    const grown: TableDescription<RequestTable & { added_later: string | null }> = REQUEST_COLUMNS;
    expect(Object.keys(described)).not.toContain('summary');
    expect(grown).toBe(REQUEST_COLUMNS);
  });

  it('is a type error when it clears a column that may not be empty', () => {
    const cleared: TableDescription<RequestTable> = {
      ...REQUEST_COLUMNS,
      // @ts-expect-error -- requests.summary may not be null: it can be replaced, not cleared
      summary: { personal: true, listed: [], erasure: 'cleared' },
    };
    expect(cleared.summary.erasure).toBe('cleared');
  });

  it('is a type error in the subject-access document while one of the person’s columns has no line', () => {
    const { summary: _left, ...withoutSummary } = DOCUMENT_LINES.requests;
    // @ts-expect-error -- requests.summary, the person's own, has no line
    const lines: DocumentLines<typeof REQUEST_COLUMNS> = withoutSummary;
    expect(lines).not.toHaveProperty('summary');
  });

  it('is a type error for a table of the schema neither described nor said to hold nobody’s data', () => {
    const { articles: _left, ...withoutArticles } = TABLES_WITHOUT_PERSONAL_DATA;
    // @ts-expect-error -- articles is classed nowhere
    const classed: { readonly [Table in Exclude<keyof DatabaseSchema, keyof typeof PERSONAL_DATA_TABLES>]: string } = withoutArticles;
    expect(classed).not.toHaveProperty('articles');
  });

  it('gives erasure its values: nothing for a kept column, null, a replacement, or an emptied text', () => {
    const values = erasedValues<InquiryTable>(INQUIRY_COLUMNS, { beneficiaryId: 'b' });
    expect(Object.keys(values).toSorted()).toEqual(['answer', 'question']);
    expect(values.question).toBe('');
    expect(erasedValues<RequestTable>(REQUEST_COLUMNS, { beneficiaryId: 'b' })).toEqual({ summary: ERASED_NAME, decision_reason: null });
  });
});
