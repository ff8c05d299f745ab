import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditProblemKind, AuditVerification } from '../../api/audit';
import type { AuditHead } from '../accounts/keyring';
import { entryHash, GENESIS_HASH, sha256, type ChainedContent } from './log';

interface StoredEntry extends ChainedContent {
  hash: string;
  changes: string | null;
}

/**
 * Walks the whole chain in order and reports the first entry that does not hold: its content no
 * longer matches its hash (altered), it does not follow the entry before it (an entry was removed),
 * or it follows an entry that now comes after it (moved), or it records that the log once stopped
 * short of its anchor (cut: the entries lost then never come back, so the log is never intact
 * again). Then the log must reach the anchor kept in the keyring (`anchor`), or entries were cut from
 * its end since. Rows are streamed, so a log of millions of entries is checked without loading it.
 */
export function verifyAuditLog(sqlite: Database.Database, anchor: AuditHead | null = null): AuditVerification {
  const rows = sqlite
    .prepare(
      `SELECT log.seq, log.id, log.at, log.actor_id, log.action, log.entity_type, log.entity_id, log.summary,
              log.changes_digest, log.prev_hash, log.hash, changes.changes
         FROM audit_log AS log LEFT JOIN audit_changes AS changes ON changes.entry_id = log.id
        ORDER BY log.seq`,
    )
    .iterate() as IterableIterator<StoredEntry>;
  const erased = erasedEntities(sqlite);
  const firstBreak = firstRecordedBreak(sqlite);
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  let found: { row: StoredEntry; problem: Problem } | null = null;
  for (const row of rows) {
    const problem = problemOf(row, previous, erased);
    if (problem !== null) {
      // Leaving the loop finishes the statement; the connection is free for the look-up below.
      found = { row, problem };
      break;
    }
    checked += 1;
    previous = row;
  }
  if (firstBreak !== null && (found === null || firstBreak < found.row.seq)) {
    return { intact: false, checked, problem: { seq: firstBreak, kind: 'cut' } };
  }
  if (found === null) {
    const short = anchor === null ? null : shortOfAnchor(previous, anchor, sqlite);
    return short === null ? { intact: true, checked, problem: null } : { intact: false, checked, problem: short };
  }
  const { row, problem } = found;
  const kind: AuditProblemKind =
    problem.unlinked && chainsToLaterEntry(sqlite, row) ? 'out_of_order' : problem.altered ? 'altered' : 'missing';
  return { intact: false, checked, problem: { seq: row.seq, kind } };
}

interface Problem {
  /** The entry's content no longer matches its hash, or its change values their digest. */
  altered: boolean;
  /** The entry does not follow the one before it. */
  unlinked: boolean;
}

function problemOf(row: StoredEntry, previous: { seq: number; hash: string }, erased: Set<string>): Problem | null {
  const unlinked = row.prev_hash !== previous.hash || row.seq !== previous.seq + 1;
  const altered = entryHash(row) !== row.hash || !changesHold(row, erased);
  return unlinked || altered ? { altered, unlinked } : null;
}

function changesHold(row: StoredEntry, erased: Set<string>): boolean {
  if (row.changes_digest === null) return row.changes === null;
  // Values are removed legitimately only when their beneficiary's data was destroyed.
  if (row.changes === null) return row.entity_id !== null && erased.has(row.entity_id);
  return sha256(row.changes) === row.changes_digest;
}

/**
 * How an intact chain falls short of the anchor: entries cut from its end (the first one missing),
 * or a chain rebuilt since (the anchored entry no longer the same); null when it holds.
 */
function shortOfAnchor(last: { seq: number }, anchor: AuditHead, sqlite: Database.Database): AuditVerification['problem'] {
  if (last.seq < anchor.seq) return { seq: last.seq + 1, kind: 'missing' };
  const entry = sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  return entry?.hash === anchor.hash ? null : { seq: anchor.seq, kind: 'altered' };
}

/** An entry whose predecessor sits after it in the log was moved. */
function chainsToLaterEntry(sqlite: Database.Database, row: StoredEntry): boolean {
  const predecessor = sqlite.prepare('SELECT seq FROM audit_log WHERE hash = ?').get(row.prev_hash) as
    | { seq: number }
    | undefined;
  return predecessor !== undefined && predecessor.seq >= row.seq;
}

/** The first entry that records a break found against the anchor (see advanceAuditAnchor), if any. */
function firstRecordedBreak(sqlite: Database.Database): number | null {
  const seq = sqlite.prepare(`SELECT min(seq) FROM audit_log WHERE action = 'audit.breakDetected'`).pluck().get() as number | null;
  return seq ?? null;
}

function erasedEntities(sqlite: Database.Database): Set<string> {
  const rows = sqlite
    .prepare(`SELECT entity_id FROM audit_log WHERE action = 'beneficiary.erased' AND entity_id IS NOT NULL`)
    .all() as Array<{ entity_id: string }>;
  return new Set(rows.map((row) => row.entity_id));
}
