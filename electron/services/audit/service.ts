import type { Kysely } from 'kysely';
import type { AuditAction, AuditBreak, AuditEntityType, AuditEntry, AuditFilters, AuditPage, ExportedFile, FieldChange } from '../../api/audit';
import { endOfRiyadhDay, startOfRiyadhDay, todayInRiyadh } from '../../api/fields/riyadh-date';
import type { DatabaseSchema } from '../../../db/schema';
import arabic from '../../../locales/ar/audit.json';
import { shieldFor, type Shield } from '../complaints/shield';
import type { CallContext } from '../context';
import { AppError } from '../errors';
import { csvCell } from '../exports/table-file';
import { appendAudit } from './log';

type Db = Kysely<DatabaseSchema>;

/** A page of the log, newest first, as `shield` lets its reader see it (see shownTo). */
export async function listAudit(db: Db, input: AuditFilters & { before?: number; limit: number }, shield: Shield): Promise<AuditPage> {
  // One more entry than the page holds tells whether another page follows. Entries left out of one
  // person's trail (see shownTo) are made up for with older ones, rather than leaving the page short:
  // a short page with more to read would say that something about that person was left out there.
  const shown: AuditEntry[] = [];
  let before = input.before;
  for (;;) {
    let query = filtered(db, input);
    if (before !== undefined) query = query.where('log.seq', '<', before);
    const rows = await query.orderBy('log.seq', 'desc').limit(input.limit + 1).execute();
    shown.push(...shownTo(shield, input, rows.map(toEntry)));
    if (shown.length > input.limit || rows.length <= input.limit) break;
    before = rows.at(-1)?.seq;
  }
  const page = shown.slice(0, input.limit);
  return { entries: page, nextBefore: shown.length > input.limit ? (page.at(-1)?.seq ?? null) : null };
}

/**
 * The entries as their reader may see them. An entry that names a record shielded from the reader (a
 * complaint about them, a contact that carries one, their numbers and ids, the person filed under)
 * is shown with its action, time and actor, and without its record, summary or values: they see that
 * something happened, not to which record, and are told so (`withheld`). In one person's trail such
 * an entry is left out, since being in that trail would itself say who complained. Counts of one
 * person's records are left out for such a reader too (see COUNTS_OF_RECORDS).
 */
function shownTo(shield: Shield, filters: AuditFilters, entries: AuditEntry[]): AuditEntry[] {
  if (shield.empty) return entries;
  const withheld = (entry: AuditEntry) => shield.names(entry.entityId) || shield.names(entry.summary) || shield.names(entry.changes);
  const kept = filters.beneficiaryId === undefined ? entries : entries.filter((entry) => !withheld(entry));
  return kept.map((entry) => (withheld(entry) ? { ...entry, entityType: null, entityId: null, summary: {}, changes: null, withheld: true } : withoutCounts(entry)));
}

/**
 * The parts of a summary that count what went out of, or was removed from, one person's records (an
 * export of their data, of their complaints, of their trail; an erasure). They were counted with the
 * records withheld from some readers: set beside what such a reader sees of that person, a count one
 * higher would say that a complaint about the reader is there, and so who complained. Those readers
 * see every such entry without its counts, whoever it is about, so that which entries lose them says
 * nothing either.
 */
const COUNTS_OF_RECORDS: Partial<Record<AuditAction, readonly string[]>> = {
  'beneficiary.exported': ['counts'],
  'beneficiary.erased': ['removed'],
  'records.exported': ['count'],
  'audit.exported': ['count'],
};

function withoutCounts(entry: AuditEntry): AuditEntry {
  const counts = COUNTS_OF_RECORDS[entry.action];
  if (counts === undefined) return entry;
  return { ...entry, summary: Object.fromEntries(Object.entries(entry.summary).filter(([key]) => !counts.includes(key))) };
}

/**
 * The filtered log as CSV for a spreadsheet: a byte-order mark so Excel reads the Arabic, Arabic
 * headers, times in Riyadh. The export itself is the last thing recorded.
 */
export async function exportAudit(db: Db, filters: AuditFilters, context: CallContext): Promise<ExportedFile> {
  const shield = await shieldFor(db, context.actorId);
  const rows = await filtered(db, filters).orderBy('log.seq', 'asc').execute();
  const entries = shownTo(shield, filters, rows.map(toEntry));
  const header = ['الرقم', 'الوقت (الرياض)', 'المستخدم', 'الإجراء', 'نوع السجل', 'معرّف السجل', 'التفاصيل', 'التغييرات'];
  const lines = [header, ...entries.map(csvRow)].map((cells) => cells.map(csvCell).join(','));
  await appendAudit(db, context, {
    action: 'audit.exported',
    entityType: 'audit',
    summary: { count: entries.length, filters },
  });
  return {
    fileName: `wasl-audit-${todayInRiyadh(context.now)}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content: `\ufeff${lines.join('\r\n')}\r\n`,
    count: entries.length,
  };
}

/**
 * The breaks found against the anchor that no administrator has acknowledged yet, newest first. The
 * warning stays until someone answerable has looked into it, rather than until the next check passes:
 * no check ever passes again once entries were lost, and a warning that can never go is soon ignored.
 */
export async function unacknowledgedBreaks(db: Db): Promise<AuditBreak[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'summary'])
    .where('action', '=', 'audit.breakDetected')
    .where('seq', '>', await acknowledgedThrough(db))
    .orderBy('seq', 'desc')
    .execute();
  return rows.map((row) => {
    const summary = JSON.parse(row.summary) as { anchorSeq: number; foundSeq: number };
    return { seq: row.seq, at: row.at, anchorSeq: summary.anchorSeq, foundSeq: summary.foundSeq };
  });
}

/**
 * An administrator acknowledges the breaks up to `throughSeq` (the newest one their screen showed, so
 * that a break found meanwhile still warns). The acknowledgement is itself recorded; the breaks stay in
 * the log, and verifying it still reports them.
 */
export async function acknowledgeBreaks(db: Db, throughSeq: number, context: CallContext): Promise<{ acknowledged: number }> {
  return db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('audit_log').select('action').where('seq', '=', throughSeq).executeTakeFirst();
    if (entry?.action !== 'audit.breakDetected') throw new AppError('rule', 'audit.noSuchBreak');
    const acknowledged = (await unacknowledgedBreaks(trx)).filter((found) => found.seq <= throughSeq).length;
    if (acknowledged === 0) return { acknowledged };
    await appendAudit(trx, context, { action: 'audit.breakAcknowledged', entityType: 'audit', summary: { throughSeq, breaks: acknowledged } });
    return { acknowledged };
  });
}

/** The last break an administrator acknowledged (0 when none was). */
async function acknowledgedThrough(db: Db): Promise<number> {
  const rows = await db.selectFrom('audit_log').select('summary').where('action', '=', 'audit.breakAcknowledged').execute();
  return Math.max(0, ...rows.map((row) => Number((JSON.parse(row.summary) as { throughSeq?: unknown }).throughSeq) || 0));
}

export async function listActors(db: Db): Promise<Array<{ id: string; displayName: string; active: boolean }>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'active'])
    .where('role', '!=', 'system')
    .orderBy('display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, active: row.active === 1 }));
}

function filtered(db: Db, filters: AuditFilters) {
  let query = db
    .selectFrom('audit_log as log')
    .leftJoin('users', 'users.id', 'log.actor_id')
    .leftJoin('audit_changes as changes', 'changes.entry_id', 'log.id')
    .select([
      'log.seq',
      'log.id',
      'log.at',
      'log.actor_id',
      'users.display_name',
      'log.action',
      'log.entity_type',
      'log.entity_id',
      'log.summary',
      'changes.changes',
    ]);
  if (filters.beneficiaryId !== undefined) query = query.where('log.entity_id', 'in', entitiesOfPerson(db, filters.beneficiaryId));
  if (filters.actorId !== undefined) query = query.where('log.actor_id', '=', filters.actorId);
  if (filters.action !== undefined) query = query.where('log.action', '=', filters.action);
  if (filters.from !== undefined) query = query.where('log.at', '>=', startOfRiyadhDay(filters.from));
  if (filters.to !== undefined) query = query.where('log.at', '<', endOfRiyadhDay(filters.to));
  return query;
}

/**
 * What a person's trail is filed under. Entries about a person are filed under them, casework
 * included (a request's, a complaint's, a letter's, an inquiry's, whenever the person was known);
 * an inquiry or a complaint brought by someone not yet registered is filed under itself, and once
 * its contact is linked to the person its entries are theirs too. Entries are never refiled (the
 * chain covers entity_id): the trail finds them through the inquiries and complaints now the person's.
 * Each id is read through audit_log_by_entity.
 */
function entitiesOfPerson(db: Db, beneficiaryId: string) {
  return db
    .selectFrom('inquiries')
    .select('inquiries.id')
    .where('inquiries.beneficiary_id', '=', beneficiaryId)
    .unionAll(db.selectFrom('complaints').select('complaints.id').where('complaints.beneficiary_id', '=', beneficiaryId))
    .unionAll(db.selectNoFrom((eb) => eb.val(beneficiaryId).as('id')));
}

interface Row {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  display_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: string;
  changes: string | null;
}

function toEntry(row: Row): AuditEntry {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    actor: row.actor_id === null ? null : { id: row.actor_id, displayName: row.display_name ?? '' },
    action: row.action as AuditAction,
    entityType: row.entity_type as AuditEntityType | null,
    entityId: row.entity_id,
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as FieldChange[]),
  };
}

const RIYADH_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Riyadh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function csvRow(entry: AuditEntry): string[] {
  const actions = arabic.actions as Record<string, string>;
  return [
    String(entry.seq),
    RIYADH_TIME.format(new Date(entry.at)).replace(',', ''),
    entry.actor?.displayName ?? '',
    actions[entry.action] ?? entry.action,
    entry.entityType ?? '',
    entry.entityId ?? '',
    entry.withheld ? arabic.detailsWithheld : Object.keys(entry.summary).length === 0 ? '' : JSON.stringify(entry.summary),
    entry.changes === null ? '' : JSON.stringify(entry.changes),
  ];
}
