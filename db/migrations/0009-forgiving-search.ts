import type { Migration } from './index';

/**
 * What the search box needs to forgive a slip of the hand (electron/services/search/close-spelling.ts):
 * - the distinct words of the name index, and each word's one-letter deletions (a SymSpell-style
 *   neighbourhood), so the names within one edit of a typed word are found by an indexed lookup of
 *   the word's own deletions. There are far fewer distinct name words than people. Both tables are
 *   filled from the names by the re-index the app runs at open (the folding rules' version moved
 *   with this migration), and kept by every registration and edit, and swept on erasure.
 * - the terms the full-text index really holds (fts5vocab), to sweep words nobody bears any more.
 * - the end of an ID number and a file number's own sequence, the way an officer reads them off
 *   a screen or a card: "…6781", "file 42".
 */
export const forgivingSearch: Migration = {
  version: 9,
  name: 'forgiving-search',
  statements: [
    `CREATE TABLE name_words (word TEXT PRIMARY KEY NOT NULL) STRICT, WITHOUT ROWID`,
    `CREATE TABLE name_word_deletions (
      deletion TEXT NOT NULL,
      word TEXT NOT NULL REFERENCES name_words (word) ON DELETE CASCADE,
      PRIMARY KEY (deletion, word)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX name_word_deletions_word ON name_word_deletions (word)`,
    `CREATE VIRTUAL TABLE beneficiary_name_terms USING fts5vocab(beneficiary_name_index, row)`,
    `CREATE INDEX beneficiaries_id_tail ON beneficiaries (substr(id_number, -4)) WHERE erased_at IS NULL`,
    `CREATE INDEX beneficiaries_file_sequence ON beneficiaries (CAST(substr(file_number, 6) AS INTEGER)) WHERE erased_at IS NULL`,
  ],
};
