/**
 * Two years of casework behind 100,000 people, written straight into the tables for the bench:
 * requests with their events, complaints, letters and inquiries, owned by a team of officers. Most of
 * it is closed, as in a real office; what is open is recent, and some of it is late.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import type { Rng } from '../../electron/tools/seed/names';

export interface CaseworkCounts {
  requests: number;
  complaints: number;
  letters: number;
  inquiries: number;
}

/** The bench office's casework, behind its 100,000 people, and the officers who own it. */
export const BENCH_CASEWORK: CaseworkCounts = { requests: 50_000, complaints: 10_000, letters: 20_000, inquiries: 30_000 };
export const BENCH_OFFICERS = 10;

/** The bench office's casework in proportion to an office of `people`. */
export function caseworkFor(people: number): CaseworkCounts {
  const share = (count: number) => Math.round((count * people) / 100_000);
  return { requests: share(BENCH_CASEWORK.requests), complaints: share(BENCH_CASEWORK.complaints), letters: share(BENCH_CASEWORK.letters), inquiries: share(BENCH_CASEWORK.inquiries) };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const OPEN_WINDOW_DAYS = 60;
/** The latest inquiries, of which some are still waiting for their answer. */
const RECENT_INQUIRIES = 1_500;
const REQUEST_PATH = ['received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed'] as const;
const REQUEST_ACTION: Record<(typeof REQUEST_PATH)[number], string> = {
  received: 'received',
  under_review: 'review_started',
  referred: 'referred',
  authority_answered: 'authority_answered',
  decided: 'decided',
  notified: 'notified',
  closed: 'closed',
};
const COMPLAINT_PATH = ['received', 'acknowledged', 'investigating', 'resolved', 'answered', 'closed'] as const;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const instant = (ms: number) => new Date(ms).toISOString();

/** Adds `count` officers besides the bench's own account; answers every owner's id. */
export function seedOfficers(sqlite: Database.Database, creatorId: string, count: number): string[] {
  const insert = sqlite.prepare(
    `INSERT INTO users (id, username, display_name, role, active, language, must_change_password, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, 'officer', 1, 'ar', 0, ?, ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  const ids: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const id = uuidv7();
    insert.run(id, `officer${index}`, `موظف ${index}`, at, at, creatorId, creatorId);
    ids.push(id);
  }
  return ids;
}

export function seedCasework(
  sqlite: Database.Database,
  options: { people: readonly string[]; owners: readonly string[]; now: number; counts: CaseworkCounts; rng: Rng },
): void {
  const { people, owners, now, counts, rng } = options;
  const span = 2 * 365 * DAY_MS;
  const types = sqlite.prepare('SELECT id, needs_authority, target_working_days FROM request_types').all() as Array<{
    id: string;
    needs_authority: number;
    target_working_days: number;
  }>;
  const authorities = sqlite.prepare('SELECT id FROM authorities').pluck().all() as string[];
  const stamp = (at: string, by: string) => [at, at, by, by];

  const insertRequest = sqlite.prepare(
    `INSERT INTO requests (id, number, beneficiary_id, type_id, summary, stage, stage_since, owner_id, received_at, due_date,
       authority_id, referred_at, outcome, decision_reason, decided_at, decided_by, notified_at, closed_at,
       created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, 'طلب مساعدة', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRequestEvent = sqlite.prepare(
    `INSERT INTO request_events (id, request_id, beneficiary_id, action, from_stage, to_stage, at, actor_id, authority_id, outcome,
       created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const requests = sqlite.transaction(() => {
    for (let index = 0; index < counts.requests; index += 1) {
      const received = now - rng.next() * span;
      const recent = now - received < OPEN_WINDOW_DAYS * DAY_MS;
      const type = rng.pick(types);
      const viaAuthority = type.needs_authority === 1;
      const path = REQUEST_PATH.filter((stage) => viaAuthority || (stage !== 'referred' && stage !== 'authority_answered'));
      // Old work is finished; recent work stops anywhere along its path.
      const reached = recent ? rng.int(0, path.length - 1) : path.length - 1;
      const withdrawn = !recent && rng.next() < 0.05;
      const owner = rng.pick(owners);
      const person = rng.pick(people);
      const id = uuidv7();
      const step = (n: number) => received + n * (recent ? 2 : 4) * DAY_MS * (0.5 + rng.next());
      const times = path.slice(0, reached + 1).map((_, n) => step(n));
      const stage = withdrawn ? 'withdrawn' : path[reached]!;
      const at = (name: (typeof REQUEST_PATH)[number]) => {
        const n = path.indexOf(name);
        return n >= 0 && n <= reached && !withdrawn ? instant(times[n]!) : null;
      };
      const authority = viaAuthority ? rng.pick(authorities) : null;
      const outcome = at('decided') ? (rng.next() < 0.8 ? 'approved' : 'rejected') : null;
      insertRequest.run(
        id,
        `R-${String(index + 1).padStart(6, '0')}`,
        person,
        type.id,
        stage,
        instant(withdrawn ? times[0]! + DAY_MS : times[reached]!),
        owner,
        instant(received),
        isoDate(received + type.target_working_days * 1.4 * DAY_MS),
        at('referred') ? authority : null,
        at('referred'),
        outcome,
        outcome ? 'حسب اللائحة' : null,
        at('decided'),
        at('decided') ? owner : null,
        at('notified'),
        at('closed'),
        ...stamp(instant(received), owner),
      );
      let from: string | null = null;
      for (let n = 0; n <= (withdrawn ? 0 : reached); n += 1) {
        const to = path[n]!;
        insertRequestEvent.run(uuidv7(), id, person, REQUEST_ACTION[to], from, to, instant(times[n]!), owner, to === 'referred' ? authority : null, to === 'decided' ? outcome : null, ...stamp(instant(times[n]!), owner));
        from = to;
      }
      if (withdrawn) insertRequestEvent.run(uuidv7(), id, person, 'withdrawn', from, 'withdrawn', instant(times[0]! + DAY_MS), owner, null, null, ...stamp(instant(times[0]! + DAY_MS), owner));
    }
  });
  requests();

  const insertComplaint = sqlite.prepare(
    `INSERT INTO complaints (id, number, kind, beneficiary_id, about, subject, stage, stage_since, owner_id, received_at, due_date,
       resolution, answered_at, decision, closed_at, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, 'service', 'ملاحظة على الخدمة', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertComplaintEvent = sqlite.prepare(
    `INSERT INTO complaint_events (id, complaint_id, beneficiary_id, action, from_stage, to_stage, at, actor_id, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const complaints = sqlite.transaction(() => {
    for (let index = 0; index < counts.complaints; index += 1) {
      const received = now - rng.next() * span;
      const recent = now - received < OPEN_WINDOW_DAYS * DAY_MS;
      const reached = recent ? rng.int(0, COMPLAINT_PATH.length - 1) : COMPLAINT_PATH.length - 1;
      const kind = rng.next() < 0.7 ? 'complaint' : rng.next() < 0.5 ? 'note' : 'suggestion';
      const owner = rng.pick(owners);
      const person = rng.pick(people);
      const id = uuidv7();
      const times = COMPLAINT_PATH.slice(0, reached + 1).map((_, n) => received + n * DAY_MS * (0.5 + rng.next()));
      const done = (stage: (typeof COMPLAINT_PATH)[number]) => (COMPLAINT_PATH.indexOf(stage) <= reached ? instant(times[COMPLAINT_PATH.indexOf(stage)]!) : null);
      insertComplaint.run(
        id,
        `C-${String(index + 1).padStart(6, '0')}`,
        kind,
        person,
        COMPLAINT_PATH[reached]!,
        instant(times[reached]!),
        owner,
        instant(received),
        isoDate(received + 7 * DAY_MS),
        done('resolved') ? 'عولجت' : null,
        done('answered'),
        kind === 'suggestion' && done('resolved') ? 'adopted' : null,
        done('closed'),
        ...stamp(instant(received), owner),
      );
      let from: string | null = null;
      for (let n = 0; n <= reached; n += 1) {
        const to = COMPLAINT_PATH[n]!;
        insertComplaintEvent.run(uuidv7(), id, person, to, from, to, instant(times[n]!), owner, ...stamp(instant(times[n]!), owner));
        from = to;
      }
    }
  });
  complaints();

  const insertLetter = sqlite.prepare(
    `INSERT INTO letters (id, direction, number, letter_date, authority_id, subject, beneficiary_id, registered_at, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, ?, 'بشأن المستفيد', ?, ?, ?, ?, ?, ?)`,
  );
  const letters = sqlite.transaction(() => {
    for (let index = 0; index < counts.letters; index += 1) {
      const at = now - rng.next() * span;
      const outgoing = rng.next() < 0.5;
      const owner = rng.pick(owners);
      insertLetter.run(uuidv7(), outgoing ? 'outgoing' : 'incoming', outgoing ? `B/${index + 1}` : `${rng.int(1000, 99999)}`, isoDate(at), rng.pick(authorities), rng.pick(people), instant(at), ...stamp(instant(at), owner));
    }
  });
  letters();

  // Inquiries are the contacts logged as inquiries; the recent ones are partly still waiting.
  const asked = sqlite
    .prepare(`SELECT id, beneficiary_id, occurred_at, officer_id FROM contacts WHERE purpose = 'inquiry' ORDER BY occurred_at DESC LIMIT ?`)
    .all(counts.inquiries) as Array<{ id: string; beneficiary_id: string; occurred_at: string }>;
  const insertInquiry = sqlite.prepare(
    `INSERT INTO inquiries (id, contact_id, beneficiary_id, question, status, asked_at, owner_id, answer, answered_at, answered_by,
       created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, 'استفسار عن موعد الصرف', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const inquiries = sqlite.transaction(() => {
    for (const [index, contact] of asked.entries()) {
      const askedAt = Date.parse(contact.occurred_at);
      const pending = index < RECENT_INQUIRIES && rng.next() < 0.3;
      const owner = rng.pick(owners);
      const answeredAt = pending ? null : instant(Math.min(now, askedAt + rng.next() * 2 * DAY_MS));
      insertInquiry.run(uuidv7(), contact.id, contact.beneficiary_id, pending ? 'pending' : 'answered', contact.occurred_at, owner, pending ? null : 'أجيب', answeredAt, pending ? null : owner, ...stamp(contact.occurred_at, owner));
    }
  });
  inquiries();
}
