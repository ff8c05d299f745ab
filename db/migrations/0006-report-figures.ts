import type { Migration } from './index';

/** Riyadh's calendar day of a stored UTC instant: Riyadh keeps UTC+3 all year, with no daylight time. */
const riyadhDay = (instant: string) => `date(${instant}, '+3 hours')`;

/**
 * What the report's figures read (issue 5): every figure reads its period's range of one date
 * column through an index, most of them the index alone, never the rows; and the contacts, by far
 * the largest table, are counted per Riyadh day as they are written.
 */
export const reportFigures: Migration = {
  version: 6,
  name: 'report-figures',
  statements: [
    // Contacts per Riyadh day, channel, purpose and officer, kept by the triggers below: a year's
    // report sums a few thousand of these rows instead of counting a million contacts. Counted
    // through indexes, two million contacts cost about a second of page reads and decryption for a
    // year and the year before (contacts_by_officer alone holds 40,000 pages). Derived data, not a
    // record, hence no id or stamps: the statement after this one rebuilds it from the contacts.
    `CREATE TABLE contact_counts (
      day TEXT NOT NULL,
      channel TEXT NOT NULL,
      purpose TEXT NOT NULL,
      officer_id TEXT NOT NULL,
      contacts INTEGER NOT NULL CHECK (contacts >= 0),
      PRIMARY KEY (day, channel, purpose, officer_id)
    ) STRICT, WITHOUT ROWID`,
    `INSERT INTO contact_counts (day, channel, purpose, officer_id, contacts)
     SELECT ${riyadhDay('occurred_at')}, channel, purpose, officer_id, count(*) FROM contacts GROUP BY 1, 2, 3, 4`,
    `CREATE TRIGGER contact_counts_insert AFTER INSERT ON contacts BEGIN
       INSERT INTO contact_counts (day, channel, purpose, officer_id, contacts)
       VALUES (${riyadhDay('NEW.occurred_at')}, NEW.channel, NEW.purpose, NEW.officer_id, 1)
       ON CONFLICT (day, channel, purpose, officer_id) DO UPDATE SET contacts = contacts + 1;
     END`,
    // Contacts are never deleted nor moved today (linking and erasure change other columns); should
    // they be, the counts follow.
    `CREATE TRIGGER contact_counts_delete AFTER DELETE ON contacts BEGIN
       UPDATE contact_counts SET contacts = contacts - 1
       WHERE day = ${riyadhDay('OLD.occurred_at')} AND channel = OLD.channel AND purpose = OLD.purpose AND officer_id = OLD.officer_id;
     END`,
    `CREATE TRIGGER contact_counts_update AFTER UPDATE OF occurred_at, channel, purpose, officer_id ON contacts BEGIN
       UPDATE contact_counts SET contacts = contacts - 1
       WHERE day = ${riyadhDay('OLD.occurred_at')} AND channel = OLD.channel AND purpose = OLD.purpose AND officer_id = OLD.officer_id;
       INSERT INTO contact_counts (day, channel, purpose, officer_id, contacts)
       VALUES (${riyadhDay('NEW.occurred_at')}, NEW.channel, NEW.purpose, NEW.officer_id, 1)
       ON CONFLICT (day, channel, purpose, officer_id) DO UPDATE SET contacts = contacts + 1;
     END`,
    // New files and eligibility decisions in a period.
    `CREATE INDEX beneficiaries_by_created ON beneficiaries (created_at)`,
    `CREATE INDEX eligibility_decisions_by_time ON eligibility_decisions (decided_at, outcome)`,
    // Inquiries answered in a period, their time to answer and who answered them; and those answered
    // after a period's end, which were still pending at its end.
    `CREATE INDEX inquiries_by_answered ON inquiries (answered_at, asked_at, answered_by)`,
    // Requests received, decided, notified, and finished (closed or withdrawn) in a period, by type;
    // the times to decision and to notification; who decided. A finished request never moves again,
    // so its stage_since is when it was finished, and those finished after a period's end but
    // received before it were open at its end. requests_by_received_type supersedes
    // requests_by_received, which it begins with.
    `CREATE INDEX requests_by_received_type ON requests (received_at, type_id)`,
    `DROP INDEX requests_by_received`,
    `CREATE INDEX requests_by_decided ON requests (decided_at, type_id, outcome, decided_by, received_at)`,
    `CREATE INDEX requests_by_notified ON requests (notified_at, type_id, received_at)`,
    `CREATE INDEX requests_finished ON requests (stage, stage_since, received_at, type_id) WHERE stage IN ('closed', 'withdrawn')`,
    // A request's stage and owner at any moment, from its events, read from the index alone. It
    // supersedes request_events_by_request, which it begins with.
    `CREATE INDEX request_events_by_request_stage ON request_events (request_id, at, to_stage, owner_id)`,
    `DROP INDEX request_events_by_request`,
    // Complaints answered in a period (by kind and by who held them) or after its end (still
    // unanswered at its end, and perhaps overdue); resolutions recorded in a period.
    `CREATE INDEX complaints_by_answered ON complaints (answered_at, kind, owner_id, received_at, due_date)`,
    `CREATE INDEX complaint_events_by_action ON complaint_events (action, at, complaint_id)`,
  ],
};
