import type Database from 'better-sqlite3-multiple-ciphers';
import { oneLetterDeletions } from '../../../db/queries/name-index';
import { indexTokensOf } from '../beneficiaries/service';
import { normalizeNameForCompare } from './normalize';

interface NameRow {
  seq: number;
  first_name: string;
  father_name: string;
  grandfather_name: string;
  family_name: string;
  latin_name: string | null;
}

/**
 * Folds every stored name again by this build's rules and rebuilds the name index and the list of
 * distinct name words (for close spellings) from them: people registered under other rules must stay
 * findable. It is a migration's work (db/migrations/0011-names-refolded.ts): a change to the folding
 * rules is a new migration that runs it, inside that migration's transaction (it opens none itself).
 * Returns how many people were re-indexed.
 */
export function rebuildNameIndex(sqlite: Database.Database): number {
  const people = sqlite
    // Erased people keep no entry in the index (their name is only the erased marker).
    .prepare('SELECT seq, first_name, father_name, grandfather_name, family_name, latin_name FROM beneficiaries WHERE erased_at IS NULL')
    .all() as NameRow[];
  const setFolded = sqlite.prepare('UPDATE beneficiaries SET name_normalized = ? WHERE seq = ?');
  const insertTokens = sqlite.prepare('INSERT INTO beneficiary_name_index (rowid, tokens) VALUES (?, ?)');
  const insertWord = sqlite.prepare('INSERT INTO name_words (word) VALUES (?)');
  const insertDeletion = sqlite.prepare('INSERT INTO name_word_deletions (deletion, word) VALUES (?, ?)');
  const words = new Set<string>();

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
  return people.length;
}
