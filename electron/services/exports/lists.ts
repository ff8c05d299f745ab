import { sql, type Kysely } from 'kysely';
import type { ExportList, ExportSubject } from '../../api/exports';
import { formatSaudiPhone } from '../../api/fields/phone';
import { endOfRiyadhDay, startOfRiyadhDay, todayInRiyadh } from '../../api/fields/riyadh-date';
import { enrolmentWorkflow } from '../../api/workflow/enrolments';
import type { DatabaseSchema } from '../../../db/schema';
import { attendanceCountsInProgram, attendanceRate, ruleInWords } from '../attendance/rate';
import { readSession } from '../attendance/service';
import { fullNameOf } from '../beneficiaries/mapping';
import { beneficiaryListQuery } from '../beneficiaries/service';
import { beneficiaryOf, complaintListQuery } from '../complaints/service';
import { shieldFor } from '../complaints/shield';
import type { CallContext } from '../context';
import { programRoster } from '../enrolments/service';
import { letterListQuery } from '../letters/service';
import type {
  ATTENDANCE_COLUMNS,
  BENEFICIARY_COLUMNS,
  COMPLAINT_COLUMNS,
  CONTACT_COLUMNS,
  ENROLMENT_COLUMNS,
  LETTER_COLUMNS,
  PHONE_COLUMNS,
  REQUEST_COLUMNS,
  ListedColumnOf,
} from '../personal-data/tables';
import { listPrograms } from '../programs/service';
import { isOverdue, requestListQuery } from '../requests/read';
import type { Labels } from './labels';
import { satisfactionResponsesList } from './satisfaction-responses';
import type { JobControl } from '../jobs/control';
import type { CellValue, TableColumn } from './table-file';

/**
 * The lists an export reads: each with the filters of its own screen (the same query builder as the
 * screen's page), an optional period on its own date, and the columns of its file. Rows are read a
 * page at a time in order of that date, each page starting after the last row of the one before
 * (by date and sequence number, through the date's index), so that a long list costs the same per
 * row from its first page to its last, and other calls are answered between pages. The programs'
 * lists (the catalog, a program's roster, a session's attendance sheet) are short, and are read whole
 * through their screens' own services before their first page.
 */

type Db = Kysely<DatabaseSchema>;
export type ListSubject = Exclude<ExportSubject, { kind: 'report' }>;
/** The lists read by a period of their own date, a page at a time. */
type PeriodListSubject = Extract<ListSubject, { kind: ExportList }>;
/** The days a list covers on its own date. */
export type ListPeriod = PeriodListSubject['period'];

/** Where the previous page ended: the last row's date and sequence number. */
interface Cursor {
  at: string;
  seq: number;
}

export interface ListSource {
  /** The sheet's title. */
  title: string;
  columns: readonly TableColumn[];
  /** The days the list covers on its own date, when a period was asked for. */
  period: ListPeriod | null;
  /** What a reader needs to know of the list beyond its rows (a session's time and place, the rule a rate was read by); printed under the title. */
  notes?: readonly string[];
  total: number;
  /** The next rows, as cells in the columns' order; an empty page when the list is done. */
  nextPage(limit: number): Promise<CellValue[][]>;
}

interface Column<Row> extends TableColumn {
  value: (row: Row) => CellValue;
}

interface ListDefinition<Row> {
  title: string;
  columns: ReadonlyArray<Column<Row>>;
  count(): Promise<number>;
  page(after: Cursor | null, limit: number): Promise<Row[]>;
  cursorOf(row: Row): Cursor;
}

function source<Row>(definition: ListDefinition<Row>, period: ListPeriod | null, total: number): ListSource {
  let after: Cursor | null = null;
  let finished = false;
  return {
    title: definition.title,
    columns: definition.columns.map(({ header, kind, width }) => ({ header, kind, width })),
    period,
    total,
    async nextPage(limit) {
      if (finished) return [];
      const rows = await definition.page(after, limit);
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) finished = true;
      if (last !== undefined) after = definition.cursorOf(last);
      return rows.map((row) => definition.columns.map((column) => column.value(row)));
    },
  };
}

/**
 * A list read whole before its first page: the programs' lists are a catalog of tens of programs, or
 * the people of one program or one session (at most its capacity).
 */
interface WholeList<Row> {
  title: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  period?: ListPeriod;
  notes?: readonly string[];
}

function wholeSource<Row>(list: WholeList<Row>): ListSource {
  let next = 0;
  return {
    title: list.title,
    columns: list.columns.map(({ header, kind, width }) => ({ header, kind, width })),
    period: list.period ?? null,
    notes: list.notes ?? [],
    total: list.rows.length,
    async nextPage(limit) {
      const page = list.rows.slice(next, next + limit);
      next += page.length;
      return page.map((row) => list.columns.map((column) => column.value(row)));
    },
  };
}

export async function openList(db: Db, subject: ListSubject, context: CallContext, labels: Labels): Promise<ListSource> {
  switch (subject.kind) {
    case 'programs':
      return wholeSource(await programsList(db, subject, labels));
    case 'roster':
      return wholeSource(await rosterList(db, subject, context, labels));
    case 'attendanceSheet':
      return wholeSource(await attendanceSheetList(db, subject, context, labels));
    case 'satisfactionResponses':
      return satisfactionResponsesList(db, subject, await shieldFor(db, context.actorId), labels);
  }
  const definition = await listDefinition(db, subject, context, labels);
  return source(definition as ListDefinition<unknown>, subject.period ?? null, await definition.count());
}

function listDefinition(db: Db, subject: PeriodListSubject, context: CallContext, labels: Labels) {
  switch (subject.kind) {
    case 'beneficiaries':
      return beneficiariesList(db, subject, labels);
    case 'contacts':
      return contactsList(db, subject, context, labels);
    case 'requests':
      return requestsList(db, subject, context, labels);
    case 'complaints':
      return complaintsList(db, subject, context, labels);
    case 'letters':
      return lettersList(db, subject, labels);
  }
}

/**
 * A column of a list's file: its header from the list's own messages (exports.columns.<list>.<key>).
 * A list of a described table takes only the keys its description names (../personal-data/tables.ts),
 * and tests/integration/personal-data-tables.test.ts holds it to naming them all.
 */
const columnOf =
  <Row, Key extends string = string>(labels: Labels, list: ListSubject['kind']) =>
  (key: Key, kind: TableColumn['kind'], width: number, value: (row: Row) => CellValue): Column<Row> => ({
    header: labels.text('exports', `columns.${list}.${key}`),
    kind,
    width,
    value,
  });
const yesNo = (labels: Labels, value: boolean) => labels.text('exports', value ? 'yes' : 'no');
/** The name of the person a record is linked to (through a left join), or null when it is linked to nobody. */
const nameOfLinked = (row: { first_name: string | null; father_name: string | null; grandfather_name: string | null; family_name: string | null }) =>
  row.first_name === null
    ? null
    : fullNameOf({ first_name: row.first_name, father_name: row.father_name ?? '', grandfather_name: row.grandfather_name ?? '', family_name: row.family_name ?? '' });
/** The instants a period of Riyadh days covers, for lists dated by an instant. */
const instantsOf = (period: ListPeriod) => ({
  from: period?.from ? startOfRiyadhDay(period.from) : null,
  to: period?.to ? endOfRiyadhDay(period.to) : null,
});
/** A program's name in the file's language: the Arabic name when it has no English one. */
const programNameIn = (labels: Labels, program: { nameAr: string; nameEn: string | null }) =>
  labels.language === 'en' ? (program.nameEn ?? program.nameAr) : program.nameAr;
/** "After the cursor" in the list's order (date, then sequence number), as one row-value comparison. */
const afterCursor = (at: string, seq: string, cursor: Cursor) => sql<boolean>`(${sql.ref(at)}, ${sql.ref(seq)}) > (${cursor.at}, ${cursor.seq})`;

// --- The registry --------------------------------------------------------------------------------

function beneficiariesList(db: Db, subject: Extract<ListSubject, { kind: 'beneficiaries' }>, labels: Labels) {
  const period = instantsOf(subject.period);
  let filtered = beneficiaryListQuery(db, subject.filters);
  if (period.from !== null) filtered = filtered.where('b.created_at', '>=', period.from);
  if (period.to !== null) filtered = filtered.where('b.created_at', '<', period.to);
  const { idNumbers, phoneNumbers } = subject.sensitiveColumns;
  const read = (after: Cursor | null, limit: number) => {
    let query = filtered
      .leftJoin('districts as d', 'd.id', 'b.district_id')
      .select([
        'b.seq', 'b.created_at', 'b.file_number', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name',
        'b.latin_name', 'b.category', 'b.eligibility', 'b.status', 'b.erased_at', 'd.name_ar as district_ar', 'd.name_en as district_en',
        'b.id_type', 'b.id_number',
      ])
      // The person's phones in their order, read only when asked for: what is not exported is not read.
      .select(
        sql<string | null>`${phoneNumbers ? sql`(select group_concat(phone, ' ') from (select p.phone from beneficiary_phones p where p.beneficiary_id = b.id group by p.phone order by min(p.position)))` : sql`null`}`.as(
          'phones',
        ),
      );
    if (after !== null) query = query.where(afterCursor('b.created_at', 'b.seq', after));
    return query.orderBy('b.created_at').orderBy('b.seq').limit(limit).execute();
  };
  type Row = Awaited<ReturnType<typeof read>>[number];
  // The person's phones are rows of beneficiary_phones, not a column of theirs: PHONE_COLUMNS names their column.
  const column = columnOf<Row, ListedColumnOf<typeof BENEFICIARY_COLUMNS> | ListedColumnOf<typeof PHONE_COLUMNS>>(labels, 'beneficiaries');
  // An erased person's ID column holds a placeholder, not a number, and their phones are gone.
  const kept = (row: Row) => row.erased_at === null;
  const sensitive: Array<Column<Row>> = [
    ...(idNumbers
      ? [
          column('idType', 'text', 14, (row) => (kept(row) ? labels.code('beneficiaries', 'idType', row.id_type) : null)),
          column('idNumber', 'text', 14, (row) => (kept(row) ? row.id_number : null)),
        ]
      : []),
    ...(phoneNumbers ? [column('phones', 'text', 26, (row) => (kept(row) && row.phones ? row.phones.split(' ').map(formatSaudiPhone).join(' / ') : null))] : []),
  ];
  const definition: ListDefinition<Row> = {
    title: labels.text('exports', 'lists.beneficiaries'),
    columns: [
      column('fileNumber', 'text', 14, (row) => row.file_number),
      column('name', 'text', 34, (row) => fullNameOf(row)),
      column('latinName', 'text', 28, (row) => row.latin_name),
      ...sensitive,
      column('category', 'text', 18, (row) => labels.code('beneficiaries', 'category', row.category)),
      column('district', 'text', 18, (row) => (labels.language === 'ar' ? row.district_ar : row.district_en)),
      column('eligibility', 'text', 14, (row) => labels.code('beneficiaries', 'eligibility', row.eligibility)),
      column('status', 'text', 12, (row) => labels.code('beneficiaries', 'status', row.status)),
      column('erased', 'text', 10, (row) => yesNo(labels, row.erased_at !== null)),
      column('registeredAt', 'instant', 18, (row) => row.created_at),
    ],
    count: async () => Number((await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    page: read,
    cursorOf: (row) => ({ at: row.created_at, seq: row.seq }),
  };
  return definition;
}

// --- Contacts ------------------------------------------------------------------------------------

async function contactsList(db: Db, subject: Extract<ListSubject, { kind: 'contacts' }>, context: CallContext, labels: Labels) {
  const { filters } = subject;
  const period = instantsOf(subject.period);
  // Contacts that carry a complaint about the reader are hidden from them, as on every screen.
  const shield = await shieldFor(db, context.actorId);
  let filtered = db.selectFrom('contacts as c').where(shield.excludes('c.id', 'contact'));
  if (filters.channel) filtered = filtered.where('c.channel', '=', filters.channel);
  if (filters.purpose) filtered = filtered.where('c.purpose', '=', filters.purpose);
  if (filters.officerId) filtered = filtered.where('c.officer_id', '=', filters.officerId);
  if (filters.beneficiaryId) filtered = filtered.where('c.beneficiary_id', '=', filters.beneficiaryId);
  if (period.from !== null) filtered = filtered.where('c.occurred_at', '>=', period.from);
  if (period.to !== null) filtered = filtered.where('c.occurred_at', '<', period.to);
  const read = (after: Cursor | null, limit: number) => {
    let query = filtered
      .innerJoin('users as o', 'o.id', 'c.officer_id')
      .leftJoin('beneficiaries as b', 'b.id', 'c.beneficiary_id')
      .select([
        'c.seq', 'c.occurred_at', 'c.channel', 'c.direction', 'c.purpose', 'c.summary', 'c.duration_minutes', 'c.person_name',
        'b.file_number', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name', 'o.display_name as officer_name',
      ]);
    if (after !== null) query = query.where(afterCursor('c.occurred_at', 'c.seq', after));
    return query.orderBy('c.occurred_at').orderBy('c.seq').limit(limit).execute();
  };
  type Row = Awaited<ReturnType<typeof read>>[number];
  const column = columnOf<Row, ListedColumnOf<typeof CONTACT_COLUMNS>>(labels, 'contacts');
  const definition: ListDefinition<Row> = {
    title: labels.text('exports', 'lists.contacts'),
    columns: [
      column('occurredAt', 'instant', 18, (row) => row.occurred_at),
      column('channel', 'text', 16, (row) => labels.code('contacts', 'channel', row.channel)),
      column('direction', 'text', 10, (row) => labels.code('contacts', 'direction', row.direction)),
      column('purpose', 'text', 14, (row) => labels.code('contacts', 'purpose', row.purpose)),
      column('person', 'text', 32, (row) => nameOfLinked(row) ?? row.person_name),
      column('fileNumber', 'text', 14, (row) => row.file_number),
      column('officer', 'text', 22, (row) => row.officer_name),
      column('minutes', 'number', 10, (row) => row.duration_minutes),
      column('summary', 'text', 60, (row) => row.summary),
    ],
    count: async () => Number((await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    page: read,
    cursorOf: (row) => ({ at: row.occurred_at, seq: row.seq }),
  };
  return definition;
}

// --- Requests ------------------------------------------------------------------------------------

function requestsList(db: Db, subject: Extract<ListSubject, { kind: 'requests' }>, context: CallContext, labels: Labels) {
  const today = todayInRiyadh(context.now);
  const period = instantsOf(subject.period);
  let filtered = requestListQuery(db, subject.filters, today).clearOrderBy();
  if (period.from !== null) filtered = filtered.where('r.received_at', '>=', period.from);
  if (period.to !== null) filtered = filtered.where('r.received_at', '<', period.to);
  const read = (after: Cursor | null, limit: number) => {
    let query = filtered.select(['r.seq', 'r.outcome', 'r.decided_at', 'r.notified_at', 'r.closed_at']);
    if (after !== null) query = query.where(afterCursor('r.received_at', 'r.seq', after));
    return query.orderBy('r.received_at').orderBy('r.seq').limit(limit).execute();
  };
  type Row = Awaited<ReturnType<typeof read>>[number];
  const column = columnOf<Row, ListedColumnOf<typeof REQUEST_COLUMNS>>(labels, 'requests');
  const definition: ListDefinition<Row> = {
    title: labels.text('exports', 'lists.requests'),
    columns: [
      column('number', 'text', 14, (row) => row.number),
      column('person', 'text', 32, (row) => fullNameOf(row)),
      column('fileNumber', 'text', 14, (row) => row.file_number),
      column('type', 'text', 26, (row) => (labels.language === 'ar' ? row.type_name_ar : row.type_name_en)),
      column('stage', 'text', 16, (row) => labels.code('requests', 'stage', row.stage)),
      column('owner', 'text', 22, (row) => row.owner_name),
      column('receivedAt', 'instant', 18, (row) => row.received_at),
      column('dueDate', 'date', 12, (row) => row.due_date),
      column('overdue', 'text', 10, (row) => yesNo(labels, isOverdue(row.stage, row.due_date, today))),
      column('outcome', 'text', 12, (row) => labels.code('requests', 'outcome', row.outcome)),
      column('decidedAt', 'instant', 18, (row) => row.decided_at),
      column('notifiedAt', 'instant', 18, (row) => row.notified_at),
      column('closedAt', 'instant', 18, (row) => row.closed_at),
    ],
    count: async () =>
      Number((await filtered.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    page: read,
    cursorOf: (row) => ({ at: row.received_at, seq: row.seq }),
  };
  return definition;
}

// --- Complaints, notes and suggestions -----------------------------------------------------------

async function complaintsList(db: Db, subject: Extract<ListSubject, { kind: 'complaints' }>, context: CallContext, labels: Labels) {
  const period = instantsOf(subject.period);
  // The screen's own query: complaints about the reader are not in it.
  let filtered = complaintListQuery(db, subject.filters, context, await shieldFor(db, context.actorId));
  if (period.from !== null) filtered = filtered.where('c.received_at', '>=', period.from);
  if (period.to !== null) filtered = filtered.where('c.received_at', '<', period.to);
  const read = (after: Cursor | null, limit: number) => {
    let query = filtered;
    if (after !== null) query = query.where(afterCursor('c.received_at', 'c.seq', after));
    return query.orderBy('c.received_at').orderBy('c.seq').limit(limit).execute();
  };
  type Row = Awaited<ReturnType<typeof read>>[number];
  const column = columnOf<Row, ListedColumnOf<typeof COMPLAINT_COLUMNS>>(labels, 'complaints');
  const definition: ListDefinition<Row> = {
    title: labels.text('exports', 'lists.complaints'),
    columns: [
      column('number', 'text', 14, (row) => row.number),
      column('kind', 'text', 12, (row) => labels.code('complaints', 'kind', row.kind)),
      column('person', 'text', 32, (row) => beneficiaryOf(row)?.fullName ?? row.person_name),
      column('fileNumber', 'text', 14, (row) => row.file_number),
      column('about', 'text', 14, (row) => labels.code('complaints', 'about', row.about)),
      column('aboutStaff', 'text', 22, (row) => row.staff_name),
      column('subject', 'text', 48, (row) => row.subject),
      column('stage', 'text', 14, (row) => labels.code('complaints', 'stage', row.stage)),
      column('owner', 'text', 22, (row) => row.owner_name),
      column('receivedAt', 'instant', 18, (row) => row.received_at),
      column('dueDate', 'date', 12, (row) => row.due_date),
      column('answeredAt', 'instant', 18, (row) => row.answered_at),
      column('decision', 'text', 14, (row) => labels.code('complaints', 'decision', row.decision)),
    ],
    count: async () =>
      Number((await filtered.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    page: read,
    cursorOf: (row) => ({ at: row.received_at, seq: row.seq }),
  };
  return definition;
}

// --- Letters -------------------------------------------------------------------------------------

function lettersList(db: Db, subject: Extract<ListSubject, { kind: 'letters' }>, labels: Labels) {
  let filtered = letterListQuery(db, subject.filters);
  // Letters are dated by the letter's own (calendar) date, as the register's filters are.
  if (subject.period?.from) filtered = filtered.where('l.letter_date', '>=', subject.period.from);
  if (subject.period?.to) filtered = filtered.where('l.letter_date', '<=', subject.period.to);
  const read = (after: Cursor | null, limit: number) => {
    let query = filtered
      .leftJoin('authorities as a', 'a.id', 'l.authority_id')
      .leftJoin('beneficiaries as b', 'b.id', 'l.beneficiary_id')
      .leftJoin('requests as r', 'r.id', 'l.request_id')
      .select([
        'l.seq', 'l.number', 'l.direction', 'l.letter_date', 'l.subject', 'l.registered_at', 'a.name_ar as authority_ar',
        'a.name_en as authority_en', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name', 'b.file_number',
        'r.number as request_number',
      ]);
    if (after !== null) query = query.where(afterCursor('l.letter_date', 'l.seq', after));
    return query.orderBy('l.letter_date').orderBy('l.seq').limit(limit).execute();
  };
  type Row = Awaited<ReturnType<typeof read>>[number];
  const column = columnOf<Row, ListedColumnOf<typeof LETTER_COLUMNS>>(labels, 'letters');
  const definition: ListDefinition<Row> = {
    title: labels.text('exports', 'lists.letters'),
    columns: [
      column('number', 'text', 16, (row) => row.number),
      column('direction', 'text', 10, (row) => labels.code('letters', 'direction', row.direction)),
      column('letterDate', 'date', 12, (row) => row.letter_date),
      column('authority', 'text', 28, (row) => (labels.language === 'ar' ? row.authority_ar : (row.authority_en ?? row.authority_ar))),
      column('subject', 'text', 48, (row) => row.subject),
      column('person', 'text', 32, nameOfLinked),
      column('fileNumber', 'text', 14, (row) => row.file_number),
      column('request', 'text', 14, (row) => row.request_number),
      column('registeredAt', 'instant', 18, (row) => row.registered_at),
    ],
    count: async () => Number((await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    page: read,
    cursorOf: (row) => ({ at: row.letter_date, seq: row.seq }),
  };
  return definition;
}

// --- Programs ------------------------------------------------------------------------------------

/** The catalog as the programs screen filters it, the soonest first, with each program's places taken and waitlist. */
async function programsList(db: Db, subject: Extract<ListSubject, { kind: 'programs' }>, labels: Labels) {
  const { rows } = await listPrograms(db, { ...subject.filters, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const places = new Map<string, { enrolled: number; waitlist: number }>();
  if (rows.length > 0) {
    const counts = await db
      .selectFrom('program_enrolments')
      .select((eb) => ['program_id', 'stage', eb.fn.countAll<number>().as('count')])
      .where('program_id', 'in', rows.map((row) => row.id))
      .groupBy(['program_id', 'stage'])
      .execute();
    const holdingPlace: readonly string[] = enrolmentWorkflow.groups.holdingPlace;
    for (const { program_id: programId, stage, count } of counts) {
      const program = places.get(programId) ?? { enrolled: 0, waitlist: 0 };
      if (holdingPlace.includes(stage)) program.enrolled += Number(count);
      if (stage === 'waitlisted') program.waitlist += Number(count);
      places.set(programId, program);
    }
  }
  type Row = (typeof rows)[number];
  // The catalog is no one's data: its columns are its own messages' keys.
  const column = columnOf<Row>(labels, 'programs');
  const list: WholeList<Row> = {
    title: labels.text('exports', 'lists.programs'),
    columns: [
      column('name', 'text', 36, (row) => programNameIn(labels, row)),
      column('kind', 'text', 16, (row) => labels.code('programs', 'kinds', row.kind)),
      column('status', 'text', 14, (row) => labels.code('programs', 'statuses', row.status)),
      column('capacity', 'number', 10, (row) => row.capacity),
      column('enrolled', 'number', 10, (row) => places.get(row.id)?.enrolled ?? 0),
      column('waitlist', 'number', 10, (row) => places.get(row.id)?.waitlist ?? 0),
      // Riyals, from the halalas stored; empty while no fee is published.
      column('fee', 'riyals', 12, (row) => (row.currentFee === null ? null : row.currentFee.amount / 100)),
      column('startsOn', 'date', 12, (row) => row.startsOn),
      column('endsOn', 'date', 12, (row) => row.endsOn),
    ],
    rows,
  };
  return list;
}

/**
 * A program's roster as its screen shows it: its enrolments in order of application, then its
 * waitlist in order, each with the attendance rate by the program's rule (printed under the title).
 */
async function rosterList(db: Db, subject: Extract<ListSubject, { kind: 'roster' }>, context: CallContext, labels: Labels) {
  const roster = await programRoster(db, subject.programId, context);
  const program = await db
    .selectFrom('programs')
    .select(['min_attendance_percent', 'max_unexcused_absences'])
    .where('id', '=', subject.programId)
    .executeTakeFirstOrThrow();
  const rule = { minAttendancePercent: program.min_attendance_percent, maxUnexcusedAbsences: program.max_unexcused_absences };
  const counts = await attendanceCountsInProgram(db, subject.programId);
  const rows = [...roster.enrolments, ...roster.waitlist];
  type Row = (typeof rows)[number];
  const column = columnOf<Row, ListedColumnOf<typeof ENROLMENT_COLUMNS>>(labels, 'roster');
  const rateOf = (row: Row) => {
    const own = counts.get(row.id);
    return own === undefined ? null : attendanceRate(own, rule).ratePercent;
  };
  const list: WholeList<Row> = {
    title: labels.text('exports', 'lists.roster', { program: programNameIn(labels, roster.program) }),
    columns: [
      column('person', 'text', 34, (row) => row.beneficiary.fullName),
      column('fileNumber', 'text', 14, (row) => row.beneficiary.fileNumber),
      column('stage', 'text', 16, (row) => labels.code('enrolments', 'stage', row.stage)),
      // The Riyadh calendar day of the application's instant.
      column('appliedOn', 'date', 12, (row) => todayInRiyadh(new Date(row.appliedAt))),
      column('waitlistPlace', 'number', 12, (row) => row.waitlistOrder),
      column('attendanceRate', 'number', 12, rateOf),
    ],
    rows,
    notes: [ruleInWords(rule)[labels.language]],
  };
  return list;
}

/** A session's attendance sheet: its roster in the order of their names, each with their mark and its note. */
async function attendanceSheetList(db: Db, subject: Extract<ListSubject, { kind: 'attendanceSheet' }>, context: CallContext, labels: Labels) {
  const { program, session, taken, lines } = await readSession(db, subject.sessionId, context);
  type Row = (typeof lines)[number];
  const column = columnOf<Row, ListedColumnOf<typeof ATTENDANCE_COLUMNS>>(labels, 'attendanceSheet');
  const place = session.place ?? program.place;
  const list: WholeList<Row> = {
    title: labels.text('exports', 'lists.attendanceSheet', { program: programNameIn(labels, program), date: session.date }),
    columns: [
      column('person', 'text', 34, (row) => row.beneficiary.fullName),
      column('fileNumber', 'text', 14, (row) => row.beneficiary.fileNumber),
      column('status', 'text', 16, (row) => labels.code('attendance', 'status', row.status)),
      column('note', 'text', 48, (row) => row.note),
    ],
    rows: lines,
    // The session's one day, which the PDF prints in both calendars.
    period: { from: session.date, to: session.date },
    notes: [
      labels.text('exports', 'pdf.session', { startsAt: session.startsAt, endsAt: session.endsAt }),
      ...(place === null ? [] : [labels.text('exports', 'pdf.place', { place })]),
      ...(taken ? [] : [labels.text('exports', 'pdf.notTaken')]),
    ],
  };
  return list;
}

/** Rows read per page: large enough that paging costs little, small enough to hear a cancel within a few milliseconds. */
const PAGE_ROWS = 2000;

/** Reads a list to its end, a page at a time, pausing before each page; answers how many rows were read. */
export async function eachPage(list: ListSource, control: JobControl, take: (page: CellValue[][]) => void): Promise<number> {
  let count = 0;
  for (;;) {
    await control.pause();
    const page = await list.nextPage(PAGE_ROWS);
    if (page.length === 0) return count;
    take(page);
    count += page.length;
    control.advance(page.length);
  }
}

