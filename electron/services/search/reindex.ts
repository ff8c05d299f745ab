import type Database from 'better-sqlite3-multiple-ciphers';
import { oneLetterDeletions } from '../../../db/queries/name-index';
import { indexTokensOf } from '../beneficiaries/service';
import { SYSTEM_USER_ID } from '../context';
import { newId } from '../ids';
import { normalizeNameForCompare, NORMALIZER_VERSION } from './normalize';

const VERSION_KEY = 'search.normalizerVersion';

interface NameRow {
  seq: number;
  first_name: string;
  father_name: string;
  grandfather_name: string;
  family_name: string;
  latin_name: string | null;
}

/**
 * Makes the name index and the folded names agree with this build's normalizer. A database
 * indexed by other rules (or before the rules were versioned) is re-indexed once, in one
 * transaction, when it is opened: otherwise people registered earlier could no longer be found. The
 * list of distinct name words (for close spellings) is rebuilt with it.
 * Returns how many people were re-indexed.
 */
export function ensureNameIndexCurrent(sqlite: Database.Database, now: Date = new Date()): number {
  const stored = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(VERSION_KEY) as { value: string } | undefined;
  if (stored && JSON.parse(stored.value) === NORMALIZER_VERSION) return 0;

  const people = sqlite
    // Erased people keep no entry in the index (their name is only the erased marker).
    .prepare('SELECT seq, first_name, father_name, grandfather_name, family_name, latin_name FROM beneficiaries WHERE erased_at IS NULL')
    .all() as NameRow[];
  const setFolded = sqlite.prepare('UPDATE beneficiaries SET name_normalized = ? WHERE seq = ?');
  const insertTokens = sqlite.prepare('INSERT INTO beneficiary_name_index (rowid, tokens) VALUES (?, ?)');
  const insertWord = sqlite.prepare('INSERT INTO name_words (word) VALUES (?)');
  const insertDeletion = sqlite.prepare('INSERT INTO name_word_deletions (deletion, word) VALUES (?, ?)');
  const words = new Set<string>();
  const at = now.toISOString();

  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM beneficiary_name_index');
    sqlite.exec('DELETE FROM name_word_deletions');
    sqlite.exec('DELETE FROM name_words');
    for (const person of people) {
      const fields = {
        firstName: person.first_name,
        fatherName: person.father_name,
        grandfatherName: person.grandfather_name,
        familyName: person.family_name,
        latinName: person.latin_name,
      };
      const parts = [fields.firstName, fields.fatherName, fields.grandfatherName, fields.familyName];
      setFolded.run(normalizeNameForCompare(parts), person.seq);
      const tokens = indexTokensOf(fields);
      insertTokens.run(person.seq, tokens.join(' '));
      for (const token of tokens) words.add(token);
    }
    // The distinct words and their deletions, for the names within one edit of a mistyped word.
    for (const word of words) {
      insertWord.run(word);
      for (const deletion of oneLetterDeletions(word)) insertDeletion.run(deletion, word);
    }
    sqlite
      .prepare(
        `INSERT INTO settings (id, key, value, created_at, updated_at, created_by, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(newId(), VERSION_KEY, JSON.stringify(NORMALIZER_VERSION), at, at, SYSTEM_USER_ID, SYSTEM_USER_ID);
  }).immediate();
  return people.length;
}
