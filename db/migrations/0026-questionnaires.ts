import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;
const JSON_ARRAY = (column: string) => `${column} TEXT NOT NULL CHECK (json_valid(${column}) AND json_type(${column}) = 'array')`;
const JSON_OBJECT = (column: string) => `${column} TEXT NOT NULL CHECK (json_valid(${column}) AND json_type(${column}) = 'object')`;
const MODE = (column: string) => `${column} TEXT NOT NULL CHECK (${column} IN ('kiosk', 'paper', 'phone'))`;

/**
 * Beneficiary satisfaction: questionnaires, the cases they are offered on, and the answers.
 *
 * A questionnaire's questions live in its versions, each a whole copy written once: while nobody has
 * answered a version it may still be corrected in place, and from its first answer an edit makes the
 * next version, so that every answer is read against the very questions it answered.
 *
 * An offer is a questionnaire offered on one case (a closed request, an answered complaint, a
 * completed program, an in-person interview) on screen, on paper or by phone: its code is printed on
 * every page of the paper form. It copies from the case what the figures are cut by (the channel,
 * the officer, the program, the request type), as they were when it was offered. The response to it
 * names nobody unless the person chose to leave their name (`beneficiary_id`); the figures never read
 * the offer's person. A paper form typed in twice is two entries, compared before they become the response.
 *
 * Codes are not a unique index: they are random (services/enrolments/verification-number.ts), and a
 * synced row a unique index refused would be held back at every other desk forever (see migration 0013).
 */
export const questionnaires: Migration = {
  version: 26,
  name: 'questionnaires',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS questionnaires (
      id TEXT PRIMARY KEY NOT NULL,
      -- The questionnaire Wasl ships ('satisfaction'), NULL for one an administrator built.
      shipped_as TEXT,
      status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
      -- A paper form of it is typed in twice, by two officers, and the differences settled against the paper.
      double_entry INTEGER NOT NULL CHECK (double_entry IN (0, 1)),
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS}
    ) STRICT`);

    sqlite.exec(`CREATE TABLE IF NOT EXISTS questionnaire_versions (
      id TEXT PRIMARY KEY NOT NULL,
      questionnaire_id TEXT NOT NULL REFERENCES questionnaires(id),
      version INTEGER NOT NULL CHECK (version >= 1),
      title_ar TEXT NOT NULL,
      title_en TEXT,
      intro_ar TEXT NOT NULL,
      intro_en TEXT,
      -- The questions, in order (electron/api/questionnaires.ts, Question).
      ${JSON_ARRAY('questions')},
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_versions_by_questionnaire ON questionnaire_versions (questionnaire_id, version)`);

    sqlite.exec(`CREATE TABLE IF NOT EXISTS questionnaire_offers (
      id TEXT PRIMARY KEY NOT NULL,
      -- Printed on the paper form and typed back from it: 7KQ2-M9XD-R.
      code TEXT NOT NULL,
      questionnaire_id TEXT NOT NULL REFERENCES questionnaires(id),
      version_id TEXT NOT NULL REFERENCES questionnaire_versions(id),
      occasion TEXT NOT NULL CHECK (occasion IN ('request_closed', 'complaint_answered', 'program_completed', 'interview')),
      request_id TEXT REFERENCES requests(id),
      complaint_id TEXT REFERENCES complaints(id),
      enrolment_id TEXT REFERENCES program_enrolments(id),
      contact_id TEXT REFERENCES contacts(id),
      -- The case's person (NULL for a complaint or an interview of someone not registered): never read by the figures.
      beneficiary_id TEXT REFERENCES beneficiaries(id),
      -- What the figures are cut by, as the case stood when it was offered.
      officer_id TEXT REFERENCES users(id),
      channel TEXT CHECK (channel IN ('in_person', 'phone', 'social_media', 'letter', 'website')),
      program_id TEXT REFERENCES programs(id),
      request_type_id TEXT REFERENCES request_types(id),
      ${MODE('mode')},
      offered_at TEXT NOT NULL,
      offered_on TEXT NOT NULL CHECK (offered_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      offered_by TEXT NOT NULL REFERENCES users(id),
      status TEXT NOT NULL CHECK (status IN ('offered', 'responded', 'declined')),
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS},
      CHECK ((occasion = 'request_closed') = (request_id IS NOT NULL)),
      CHECK ((occasion = 'complaint_answered') = (complaint_id IS NOT NULL)),
      CHECK ((occasion = 'program_completed') = (enrolment_id IS NOT NULL)),
      CHECK ((occasion = 'interview') = (contact_id IS NOT NULL))
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_offers_by_code ON questionnaire_offers (code)`);
    // The response rate of a period counts the offers made in it.
    sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_offers_by_day ON questionnaire_offers (offered_on)`);
    for (const column of ['request_id', 'complaint_id', 'enrolment_id', 'contact_id', 'beneficiary_id']) {
      sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_offers_by_${column} ON questionnaire_offers (${column}) WHERE ${column} IS NOT NULL`);
    }

    sqlite.exec(`CREATE TABLE IF NOT EXISTS questionnaire_responses (
      id TEXT PRIMARY KEY NOT NULL,
      offer_id TEXT NOT NULL REFERENCES questionnaire_offers(id),
      version_id TEXT NOT NULL REFERENCES questionnaire_versions(id),
      -- How it was answered: on the kiosk screen, on a paper form typed in, or read out by phone.
      ${MODE('mode')},
      -- {question key: answer}; a question left unanswered is absent.
      ${JSON_OBJECT('answers')},
      answered_at TEXT NOT NULL,
      answered_on TEXT NOT NULL CHECK (answered_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      -- Who handed over the screen, read the questions out, or typed (and settled) the paper in.
      recorded_by TEXT NOT NULL REFERENCES users(id),
      -- Set only when the person chose to leave their name with their answers.
      beneficiary_id TEXT REFERENCES beneficiaries(id),
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_responses_by_day ON questionnaire_responses (answered_on, version_id)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_responses_by_offer ON questionnaire_responses (offer_id)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_responses_by_beneficiary ON questionnaire_responses (beneficiary_id) WHERE beneficiary_id IS NOT NULL`);

    // A paper form as one officer typed it; with double entry, the second is typed blind and compared.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS questionnaire_paper_entries (
      id TEXT PRIMARY KEY NOT NULL,
      offer_id TEXT NOT NULL REFERENCES questionnaire_offers(id),
      ${JSON_OBJECT('answers')},
      -- The person ticked the box leaving their name.
      named INTEGER NOT NULL CHECK (named IN (0, 1)),
      entered_at TEXT NOT NULL,
      entered_by TEXT NOT NULL REFERENCES users(id),
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS questionnaire_paper_entries_by_offer ON questionnaire_paper_entries (offer_id, entered_at)`);

    recreateCaptureTriggers(sqlite);
  },
};
