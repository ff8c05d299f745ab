import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { ReportPeriod, ReportRecord, ReportRecordFigure, ReportRecords } from '../../api/reports';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { shieldFor, type ShieldedKind } from '../complaints/shield';
import type { CallContext } from '../context';
import { periodOf } from './figures';
import {
  complaintResolvedEvent,
  complaintsOverdueAt,
  INQUIRY_UNANSWERED_STAGE,
  inquiryPending,
  requestAwaitingAuthority,
  requestClosed,
  requestFinished,
  requestsOpenAt,
  requestWithdrawn,
} from './queries';

type Db = Kysely<DatabaseSchema>;
type Kind = ReportRecord['kind'];

/**
 * Where one figure's records come from: `select` answers the records' ids, the instant that placed
 * each in the figure (`at`), their stage where the figure reads one (at the period's end), and the
 * staff member behind them, reading the same index and the same conditions as the figure's own
 * aggregate in queries.ts (or the very same SQL: the requests open at the end, the complaints
 * overdue). `with` holds the common table expressions `select` reads, when it needs any.
 */
interface Source {
  kind: Kind;
  with?: RawBuilder<unknown>;
  select: RawBuilder<unknown>;
}

/**
 * The records behind one figure of the report, newest first, a page at a time, with the people's
 * names: so every call is written to the audit log (the figure, its key, the period and how many
 * records were listed). A complaint about the reader is never listed to them, nor a contact that
 * carries one, nor an inquiry asked through one, as everywhere else in Wasl (see shield.ts): for them
 * the list may hold fewer records than the figure.
 */
export async function reportRecords(db: Db, input: ValidInput<'reports.records'>, context: CallContext): Promise<ReportRecords> {
  const period = periodOf({ from: input.from, to: input.to }, context.now);
  const key = input.key ?? null;
  return db.transaction().execute(async (trx) => {
    const source = sourceOf(input.figure, key, period);
    const shield = await shieldFor(trx, context.actorId);
    // What the shield withholds is left out of the list (the figure itself is a count, and stays whole).
    const visible = isShieldable(source.kind) ? sql`WHERE ${shield.excludes('src.id', source.kind)}` : sql``;
    const ctes = source.with ? sql`${source.with},` : sql``;
    const counted = await sql<{ n: number }>`
      WITH ${ctes} src AS MATERIALIZED (${source.select})
      SELECT count(*) AS n FROM src ${visible}`.execute(trx);
    const page = await sql<{ id: string; at: string; stage: string | null; staff_id: string | null }>`
      WITH ${ctes} src AS MATERIALIZED (${source.select})
      SELECT src.id, src.at, src.stage, src.staff_id FROM src ${visible}
      ORDER BY src.at DESC, src.id DESC LIMIT ${input.limit} OFFSET ${input.offset}`.execute(trx);
    const rows = await hydrate(trx, source.kind, page.rows);
    const total = counted.rows[0]?.n ?? 0;
    await appendAudit(trx, context, {
      action: 'report.recordsViewed',
      summary: { figure: input.figure, key, from: period.from, to: period.to, total, offset: input.offset, listed: rows.length },
    });
    return { figure: input.figure, key, period, total, offset: input.offset, rows };
  });
}

/** Each figure's records, as the figure counts them (see queries.ts for the indexes each reads). */
const isShieldable = (kind: Kind): kind is Kind & ShieldedKind => kind === 'complaint' || kind === 'contact' || kind === 'inquiry';

function sourceOf(figure: ReportRecordFigure, key: string | null, period: ReportPeriod): Source {
  const { startsAt, endsAt, asOf } = period;
  const inPeriod = (column: string) => sql`${sql.ref(column)} >= ${startsAt} AND ${sql.ref(column)} < ${endsAt}`;
  const keyed = (column: string) => (key === null ? sql`` : sql`AND ${sql.ref(column)} = ${key}`);
  const requests = (at: string, condition: RawBuilder<unknown>): Source => ({
    kind: 'request',
    select: sql`SELECT id, ${sql.ref(at)} AS at, NULL AS stage, owner_id AS staff_id FROM requests WHERE ${condition} ${keyed('type_id')}`,
  });
  const openAt = (condition: RawBuilder<unknown>, at = 'r.received_at'): Source => ({
    kind: 'request',
    with: requestsOpenAt(period, { pastDueOnly: figure === 'requests.overdueAtEnd' }),
    select: sql`SELECT o.id, ${sql.ref(at)} AS at, o.stage, o.owner_id AS staff_id FROM open_at o JOIN requests r ON r.id = o.id WHERE ${condition}`,
  });
  const contacts = (condition: RawBuilder<unknown>): Source => ({
    kind: 'contact',
    select: sql`SELECT id, occurred_at AS at, NULL AS stage, officer_id AS staff_id FROM contacts
      WHERE ${condition}`,
  });
  const complaints = (select: RawBuilder<unknown>): Source => ({ kind: 'complaint', select });
  const complaintColumns = sql`c.id, c.received_at AS at, c.stage, c.owner_id AS staff_id`;
  const kindOf = key === null ? sql`` : sql`AND c.kind = ${key}`;

  // Matched by its area: a quoted figure name starting `beneficiaries.` reads as a message key to the locale check.
  if (figure.startsWith('beneficiaries.')) {
    return { kind: 'beneficiary', select: sql`SELECT id, created_at AS at, NULL AS stage, created_by AS staff_id FROM beneficiaries WHERE ${inPeriod('created_at')}` };
  }
  switch (figure) {
    case 'eligibility.decided':
      return {
        kind: 'eligibility',
        select: sql`SELECT id, decided_at AS at, outcome AS stage, decided_by AS staff_id FROM eligibility_decisions
          WHERE ${inPeriod('decided_at')} AND outcome IN ('eligible', 'not_eligible') ${keyed('outcome')}`,
      };
    case 'contacts.total':
      return contacts(inPeriod('occurred_at'));
    case 'contacts.byChannel':
      return contacts(sql`${inPeriod('occurred_at')} AND channel = ${key}`);
    case 'contacts.byPurpose':
      return contacts(sql`${inPeriod('occurred_at')} AND purpose = ${key}`);
    case 'contacts.byOfficer':
      return contacts(sql`officer_id = ${key} AND ${inPeriod('occurred_at')}`);
    case 'inquiries.asked':
      return { kind: 'inquiry', select: sql`SELECT id, asked_at AS at, status AS stage, owner_id AS staff_id FROM inquiries WHERE ${inPeriod('asked_at')}` };
    case 'inquiries.answered':
      return { kind: 'inquiry', select: sql`SELECT id, answered_at AS at, status AS stage, answered_by AS staff_id FROM inquiries WHERE ${inPeriod('answered_at')}` };
    case 'inquiries.pendingAtEnd':
      // As inquiryCountsIn: still pending now, or answered only after the end; asked before it.
      return {
        kind: 'inquiry',
        select: sql`SELECT i.id, i.asked_at AS at, ${sql.lit(INQUIRY_UNANSWERED_STAGE)} AS stage, i.owner_id AS staff_id FROM inquiries i WHERE ${inquiryPending('i.status')} AND i.asked_at < ${asOf}
          UNION ALL
          SELECT id, asked_at, ${sql.lit(INQUIRY_UNANSWERED_STAGE)}, owner_id FROM inquiries WHERE answered_at >= ${asOf} AND asked_at < ${asOf}`,
      };
    case 'requests.received':
      return requests('received_at', inPeriod('received_at'));
    case 'requests.decided':
      return requests('decided_at', sql`${inPeriod('decided_at')} AND outcome IN ('approved', 'rejected')`);
    case 'requests.approved':
      return requests('decided_at', sql`${inPeriod('decided_at')} AND outcome = 'approved'`);
    case 'requests.rejected':
      return requests('decided_at', sql`${inPeriod('decided_at')} AND outcome = 'rejected'`);
    case 'requests.notified':
      return requests('notified_at', inPeriod('notified_at'));
    case 'requests.closed':
      return requests('stage_since', sql`${requestFinished('stage')} AND ${inPeriod('stage_since')} AND ${requestClosed('stage')}`);
    case 'requests.withdrawn':
      return requests('stage_since', sql`${requestFinished('stage')} AND ${inPeriod('stage_since')} AND ${requestWithdrawn('stage')}`);
    case 'requests.openAtEnd':
      return openAt(key === null ? sql`1` : sql`o.type_id = ${key}`);
    case 'requests.overdueAtEnd':
      return openAt(key === null ? sql`o.overdue = 1` : sql`o.overdue = 1 AND o.type_id = ${key}`);
    case 'requests.stageAtEnd':
      return openAt(sql`o.stage = ${key}`);
    case 'requests.heldAtEnd':
      return openAt(sql`o.owner_id = ${key}`);
    case 'referrals.waiting':
      return openAt(sql`${requestAwaitingAuthority('o.stage')} AND o.authority_id = ${key}`, 'o.referred_at');
    case 'complaints.opened':
      return complaints(
        sql`SELECT ${complaintColumns} FROM complaints c WHERE c.kind IN ('complaint', 'note', 'suggestion') AND ${inPeriod('c.received_at')} ${kindOf}`,
      );
    case 'complaints.resolved':
      // One line per resolution recorded, as the figure counts them.
      return complaints(sql`SELECT c.id, e.at AS at, c.stage, c.owner_id AS staff_id
        FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
        WHERE ${complaintResolvedEvent('e.action')} AND ${inPeriod('e.at')} ${kindOf}`);
    case 'complaints.answered':
      return complaints(sql`SELECT c.id, c.answered_at AS at, c.stage, c.owner_id AS staff_id FROM complaints c WHERE ${inPeriod('c.answered_at')} ${kindOf}`);
    case 'complaints.overdueAtEnd':
      return complaints(
        key === null
          ? complaintsOverdueAt(period, complaintColumns)
          : sql`SELECT * FROM (${complaintsOverdueAt(period, sql`${complaintColumns}, c.kind`)}) WHERE kind = ${key}`,
      );
    case 'complaints.suggestionsDecided':
      return complaints(sql`SELECT c.id, c.decided_at AS at, c.decision AS stage, c.owner_id AS staff_id FROM complaints c
        WHERE ${inPeriod('c.decided_at')} AND c.decision IS NOT NULL ${key === null ? sql`` : sql`AND c.decision = ${key}`}`);
    default:
      throw new Error(`No records source for ${figure}`);
  }
}

interface PageRow {
  id: string;
  at: string;
  stage: string | null;
  staff_id: string | null;
}

/** What names and opens each listed record: one lookup by primary key per table, for the page only. */
async function hydrate(db: Db, kind: Kind, page: PageRow[]): Promise<ReportRecord[]> {
  if (page.length === 0) return [];
  const ids = page.map((row) => row.id);
  const details = new Map<string, Omit<ReportRecord, 'kind' | 'id' | 'at' | 'staffName'> & { personName: string | null }>();
  const blank = { number: null, beneficiaryId: null, personName: null, subject: null, stage: null, typeId: null, channel: null, dueDate: null };

  if (kind === 'beneficiary') {
    for (const row of await db.selectFrom('beneficiaries').select(['id', 'file_number', 'status']).where('id', 'in', ids).execute()) {
      details.set(row.id, { ...blank, number: row.file_number, beneficiaryId: row.id, stage: row.status });
    }
  } else if (kind === 'eligibility') {
    for (const row of await db.selectFrom('eligibility_decisions').select(['id', 'beneficiary_id', 'outcome', 'reason']).where('id', 'in', ids).execute()) {
      details.set(row.id, { ...blank, beneficiaryId: row.beneficiary_id, subject: row.reason, stage: row.outcome });
    }
  } else if (kind === 'contact') {
    const rows = await db.selectFrom('contacts').select(['id', 'beneficiary_id', 'person_name', 'summary', 'channel', 'purpose']).where('id', 'in', ids).execute();
    for (const row of rows) {
      details.set(row.id, { ...blank, beneficiaryId: row.beneficiary_id, personName: row.person_name, subject: row.summary, channel: row.channel, typeId: row.purpose });
    }
  } else if (kind === 'inquiry') {
    const rows = await db
      .selectFrom('inquiries as i')
      .innerJoin('contacts as k', 'k.id', 'i.contact_id')
      .select(['i.id', 'i.beneficiary_id', 'i.question', 'k.person_name', 'k.channel'])
      .where('i.id', 'in', ids)
      .execute();
    for (const row of rows) {
      details.set(row.id, { ...blank, beneficiaryId: row.beneficiary_id, personName: row.person_name, subject: row.question, channel: row.channel });
    }
  } else if (kind === 'request') {
    const rows = await db.selectFrom('requests').select(['id', 'number', 'beneficiary_id', 'summary', 'stage', 'type_id', 'due_date']).where('id', 'in', ids).execute();
    for (const row of rows) {
      details.set(row.id, { ...blank, number: row.number, beneficiaryId: row.beneficiary_id, subject: row.summary, stage: row.stage, typeId: row.type_id, dueDate: row.due_date });
    }
  } else {
    const rows = await db
      .selectFrom('complaints')
      .select(['id', 'number', 'beneficiary_id', 'person_name', 'subject', 'stage', 'kind', 'due_date'])
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) {
      details.set(row.id, {
        ...blank,
        number: row.number,
        beneficiaryId: row.beneficiary_id,
        personName: row.person_name,
        subject: row.subject,
        stage: row.stage,
        typeId: row.kind,
        dueDate: row.due_date,
      });
    }
  }

  const personIds = [...new Set([...details.values()].map((row) => row.beneficiaryId).filter((id): id is string => id !== null))];
  const people = personIds.length
    ? await db
        .selectFrom('beneficiaries')
        .select(['id', 'file_number', 'first_name', 'father_name', 'grandfather_name', 'family_name', 'erased_at'])
        .where('id', 'in', personIds)
        .execute()
    : [];
  const names = new Map(people.map((person) => [person.id, person.erased_at === null ? fullNameOf(person) : null]));
  const fileNumbers = new Map(people.map((person) => [person.id, person.file_number]));
  const staffIds = [...new Set(page.map((row) => row.staff_id).filter((id): id is string => id !== null))];
  const staff = staffIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', staffIds).execute() : [];
  const staffNames = new Map(staff.map((user) => [user.id, user.display_name]));

  return page.map((row) => {
    const detail = details.get(row.id) ?? blank;
    return {
      kind,
      id: row.id,
      at: row.at,
      ...detail,
      // A decision, a contact or an inquiry has no number of its own: it opens on its person's file, numbered by it.
      number: detail.number ?? (detail.beneficiaryId === null ? null : (fileNumbers.get(detail.beneficiaryId) ?? null)),
      personName: detail.beneficiaryId === null ? detail.personName : (names.get(detail.beneficiaryId) ?? null),
      // The stage the figure read (at the period's end, or the decision counted) over the current one.
      stage: row.stage ?? detail.stage,
      staffName: row.staff_id === null ? null : (staffNames.get(row.staff_id) ?? null),
    };
  });
}
