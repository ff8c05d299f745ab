import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Adds a column unless the table has it already. The migrations since the office sync are written to
 * run again harmlessly on a database taken back to an earlier version by hand (its recorded
 * migrations removed), as an older build's database is simulated in the tests.
 */
export function addColumnIfMissing(sqlite: Database.Database, table: string, column: string, definition: string): void {
  const present = sqlite.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
  if (!present) sqlite.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}
