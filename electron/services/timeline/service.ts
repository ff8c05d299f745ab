import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { TimelineEntry, TimelineKind, TimelinePage } from '../../api/timeline';
import type { DatabaseSchema } from '../../../db/schema';
import { shieldFor, type Shield } from '../complaints/shield';
import { selectContacts, toView } from '../contacts/service';
import type { CallContext } from '../context';
import { notFound } from '../errors';
import { disciplineEntries } from '../attendance/timeline';
import { feeEntries } from '../program-fees/timeline';

type Db = Kysely<DatabaseSchema>;
type Dated = TimelineEntry & { id: string };
type Cursor = { at: string; id: string } | null;

/**
 * A person's timeline, newest first: contacts, letters, the steps of their requests, complaints and
 * enrolments in programs, and eligibility decisions, filtered by kind and channel, a page at a time. Each kind is read
 * through its own index, already in order, no further back than one page; the pages are merged.
 */
export async function beneficiaryTimeline(db: Db, input: ValidInput<'beneficiaries.timeline'>, context: CallContext): Promise<TimelinePage> {
  const person = await db.selectFrom('beneficiaries').select('id').where('id', '=', input.id).executeTakeFirst();
  if (!person) throw notFound('beneficiary');
  const wanted = new Set<TimelineKind>(input.kinds ?? ['contact', 'letter', 'request', 'complaint', 'eligibility', 'program', 'discipline', 'fee']);
  // A channel filter asks about contacts; the letters register is the letter channel's own record.
  const shown = (kind: TimelineKind) => wanted.has(kind) && (!input.channel || kind === 'contact' || (kind === 'letter' && input.channel === 'letter'));
  const cursor = input.before ? splitCursor(input.before) : null;
  const take = input.limit + 1;
  const shield = await shieldFor(db, context.actorId);
  const sources: Array<Promise<Dated[]>> = [];
  if (shown('contact')) sources.push(contactEntries(db, input.id, shield, input.channel, cursor, take));
  if (shown('letter')) sources.push(letterEntries(db, input.id, cursor, take));
  if (shown('request')) sources.push(requestEntries(db, input.id, cursor, take));
  if (shown('complaint')) sources.push(complaintEntries(db, input.id, shield, cursor, take));
  if (shown('eligibility')) sources.push(eligibilityEntries(db, input.id, cursor, take));
  if (shown('program')) sources.push(programEntries(db, input.id, cursor, take));
  if (shown('discipline')) sources.push(disciplineEntries(db, input.id, cursor, take));
  if (shown('fee')) sources.push(feeEntries(db, input.id, cursor, take));
  const entries = (await Promise.all(sources)).flat();
  entries.sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)));
  const page = entries.slice(0, input.limit);
  const last = page.at(-1);
  return {
    entries: page.map(({ id: _id, ...entry }) => entry as TimelineEntry),
    nextBefore: entries.length > input.limit && last ? `${last.at}|${last.id}` : null,
  };
}

/** A contact that carries a complaint about the reader is not shown to them, like the complaint. */
async function contactEntries(
  db: Db,
  beneficiaryId: string,
  shield: Shield,
  channel: string | undefined,
  cursor: Cursor,
  take: number,
): Promise<Dated[]> {
  let query = selectContacts(db).where('c.beneficiary_id', '=', beneficiaryId).where(shield.excludes('c.id', 'contact'));
  if (channel) query = query.where('c.channel', '=', channel);
  if (cursor) {
    query = query.where((eb) => eb.or([eb('c.occurred_at', '<', cursor.at), eb.and([eb('c.occurred_at', '=', cursor.at), eb('c.id', '<', cursor.id)])]));
  }
  const rows = await query.orderBy('c.occurred_at', 'desc').orderBy('c.id', 'desc').limit(take).execute();
  return rows.map((row) => ({ kind: 'contact', at: row.occurred_at, id: row.id, contact: toView(row) }));
}

async function letterEntries(db: Db, beneficiaryId: string, cursor: Cursor, take: number): Promise<Dated[]> {
  let query = db
    .selectFrom('letters as l')
    .leftJoin('authorities as a', 'a.id', 'l.authority_id')
    .select(['l.id', 'l.registered_at', 'l.direction', 'l.number', 'l.letter_date', 'l.subject', 'l.scan_id', 'l.request_id', 'a.name_ar', 'a.name_en'])
    .where('l.beneficiary_id', '=', beneficiaryId);
  if (cursor) {
    query = query.where((eb) => eb.or([eb('l.registered_at', '<', cursor.at), eb.and([eb('l.registered_at', '=', cursor.at), eb('l.id', '<', cursor.id)])]));
  }
  const rows = await query.orderBy('l.registered_at', 'desc').orderBy('l.id', 'desc').limit(take).execute();
  return rows.map((row) => ({
    kind: 'letter',
    at: row.registered_at,
    id: row.id,
    letter: {
      id: row.id,
      direction: row.direction,
      number: row.number,
      letterDate: row.letter_date,
      subject: row.subject,
      authority: row.name_ar === null ? null : { ar: row.name_ar, en: row.name_en },
      hasScan: row.scan_id !== null,
      requestId: row.request_id,
    },
  }));
}

async function requestEntries(db: Db, beneficiaryId: string, cursor: Cursor, take: number): Promise<Dated[]> {
  let query = db
    .selectFrom('request_events as e')
    .innerJoin('requests as r', 'r.id', 'e.request_id')
    .innerJoin('request_types as t', 't.id', 'r.type_id')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.request_id', 'e.action', 'e.to_stage', 'e.note', 'e.outcome', 'r.number', 't.name_ar', 't.name_en', 'u.display_name'])
    .where('e.beneficiary_id', '=', beneficiaryId);
  if (cursor) {
    query = query.where((eb) => eb.or([eb('e.at', '<', cursor.at), eb.and([eb('e.at', '=', cursor.at), eb('e.id', '<', cursor.id)])]));
  }
  const rows = await query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(take).execute();
  return rows.map((row) => ({
    kind: 'request',
    at: row.at,
    id: row.id,
    step: {
      id: row.id,
      caseId: row.request_id,
      caseNumber: row.number,
      action: row.action,
      toStage: row.to_stage,
      note: row.note,
      actorName: row.display_name,
      requestType: { ar: row.name_ar, en: row.name_en },
      outcome: row.outcome,
    },
  }));
}

/** A complaint about the person reading the timeline is not shown to them. */
async function complaintEntries(db: Db, beneficiaryId: string, shield: Shield, cursor: Cursor, take: number): Promise<Dated[]> {
  let query = db
    .selectFrom('complaint_events as e')
    .innerJoin('complaints as c', 'c.id', 'e.complaint_id')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.complaint_id', 'e.action', 'e.to_stage', 'e.note', 'c.number', 'c.kind', 'u.display_name'])
    .where('e.beneficiary_id', '=', beneficiaryId)
    .where(shield.excludes('c.id', 'complaint'));
  if (cursor) {
    query = query.where((eb) => eb.or([eb('e.at', '<', cursor.at), eb.and([eb('e.at', '=', cursor.at), eb('e.id', '<', cursor.id)])]));
  }
  const rows = await query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(take).execute();
  return rows.map((row) => ({
    kind: 'complaint',
    at: row.at,
    id: row.id,
    step: {
      id: row.id,
      caseId: row.complaint_id,
      caseNumber: row.number,
      action: row.action,
      toStage: row.to_stage,
      note: row.note,
      actorName: row.display_name,
      complaintKind: row.kind,
    },
  }));
}

async function eligibilityEntries(db: Db, beneficiaryId: string, cursor: Cursor, take: number): Promise<Dated[]> {
  let query = db
    .selectFrom('eligibility_decisions as d')
    .innerJoin('users as u', 'u.id', 'd.decided_by')
    .select(['d.id', 'd.decided_at', 'd.outcome', 'd.reason', 'u.display_name'])
    .where('d.beneficiary_id', '=', beneficiaryId);
  if (cursor) {
    query = query.where((eb) => eb.or([eb('d.decided_at', '<', cursor.at), eb.and([eb('d.decided_at', '=', cursor.at), eb('d.id', '<', cursor.id)])]));
  }
  const rows = await query.orderBy('d.decided_at', 'desc').orderBy('d.id', 'desc').limit(take).execute();
  return rows.map((row) => ({
    kind: 'eligibility',
    at: row.decided_at,
    id: row.id,
    decision: { id: row.id, outcome: row.outcome as 'eligible' | 'not_eligible', reason: row.reason, decidedByName: row.display_name },
  }));
}

async function programEntries(db: Db, beneficiaryId: string, cursor: Cursor, take: number): Promise<Dated[]> {
  let query = db
    .selectFrom('program_enrolment_events as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.enrolment_id', 'e.action', 'e.to_stage', 'e.note', 'p.name_ar', 'p.name_en', 'u.display_name'])
    .where('e.beneficiary_id', '=', beneficiaryId);
  if (cursor) {
    query = query.where((eb) => eb.or([eb('e.at', '<', cursor.at), eb.and([eb('e.at', '=', cursor.at), eb('e.id', '<', cursor.id)])]));
  }
  const rows = await query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(take).execute();
  return rows.map((row) => ({
    kind: 'program',
    at: row.at,
    id: row.id,
    step: {
      id: row.id,
      caseId: row.enrolment_id,
      caseNumber: '',
      action: row.action,
      toStage: row.to_stage,
      note: row.note,
      actorName: row.display_name,
      program: { ar: row.name_ar, en: row.name_en },
    },
  }));
}

function splitCursor(cursor: string): Cursor {
  const [at = '', id = ''] = cursor.split('|');
  return { at, id };
}
