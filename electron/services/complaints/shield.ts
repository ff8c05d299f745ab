import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { readVerificationNumber } from '../enrolments/verification-number';

type Db = Kysely<DatabaseSchema>;

/** The kinds of record the shield can withhold. */
export type ShieldedKind = 'complaint' | 'contact' | 'inquiry' | 'offer';

/**
 * What one staff member may not see of the complaints about them. A complaint about a staff member
 * is never shown to that person, nor anything that would tell them who brought it or what was said:
 *
 * - the complaints about them;
 * - the contacts that carry those complaints (the one that brought it, the one that answered it,
 *   any logged on its way): a contact's summary, name and phone are the complainant's words;
 * - the inquiries asked or answered through one of those contacts (an inquiry's question and
 *   answer are that contact's words), and the other contact of such an inquiry: one conversation.
 *   Linking that contact to a file would otherwise move the inquiry with it.
 * - the satisfaction questionnaires offered on those complaints or contacts, found by id or by the
 *   code printed on their paper form, and what was answered on them in words (the comments, the
 *   responses' export); the figures, which are counts, stay whole.
 *
 * A shielded record does not exist for its subject: every read leaves it out, every call that names
 * it answers `not_found` as for an id that exists nowhere (never `forbidden`, which would confirm it
 * exists), and audit entries about it are shown without naming it. Another record that merely points
 * at a shielded contact (a request opened in it, a note about the service brought in it) is the
 * subject's to handle like any other, with the pointer withheld.
 *
 * Reading it costs one indexed query (complaints_about_staff) for a reader no complaint is about,
 * and a few more small ones (their events, and the inquiries through their contacts) for its subject.
 */
export interface Shield {
  /** Nothing is withheld from this reader (no complaint is about them). */
  readonly empty: boolean;
  hides(kind: ShieldedKind, id: string): boolean;
  /** The shielded records of one kind (none for a reader from whom nothing is withheld). */
  ids(kind: ShieldedKind): string[];
  /**
   * A condition for a query: the column does not name a shielded record of that kind. Always true
   * for a reader from whom nothing is withheld.
   */
  excludes(column: string, kind: ShieldedKind): RawBuilder<SqlBool>;
  /** Whether a paper form's code, as typed, is the code of a shielded offer. */
  hidesOfferCode(typed: string): boolean;
  /** A pointer to a contact as the reader may see it: the contact's id, or null when it is shielded. */
  contactPointer(id: string | null): string | null;
  /**
   * Whether a value names a shielded record anywhere inside it: an id of any kind, a complaint's
   * number or an offer's code (an audit entry's summary, its entity id).
   */
  names(value: unknown): boolean;
}

/** What the shield withholds, by kind, and the complaints' numbers. */
interface Withheld {
  complaint: ReadonlySet<string>;
  contact: ReadonlySet<string>;
  inquiry: ReadonlySet<string>;
  offer: ReadonlySet<string>;
  /** The complaints' numbers. */
  numbers: ReadonlySet<string>;
  /** The shielded offers' paper-form codes. */
  offerCodes: ReadonlySet<string>;
}

/** For a reader no complaint is about, and for documents that are not anyone's reading (a person's own copy of their data). */
export const NOTHING_SHIELDED: Shield = shieldOf({ complaint: new Set(), contact: new Set(), inquiry: new Set(), offer: new Set(), numbers: new Set(), offerCodes: new Set() });

/** What is withheld from `userId`: see Shield. */
export async function shieldFor(db: Db, userId: string): Promise<Shield> {
  const about = await db
    .selectFrom('complaints')
    .select(['id', 'number', 'source_contact_id', 'answer_contact_id'])
    .where('about_staff_id', '=', userId)
    .execute();
  if (about.length === 0) return NOTHING_SHIELDED;
  const complaintIds = about.map((complaint) => complaint.id);
  const logged = await db
    .selectFrom('complaint_events')
    .select('contact_id')
    .where('complaint_id', 'in', complaintIds)
    .where('contact_id', 'is not', null)
    .execute();
  const contactIds = [
    ...new Set(
      [...about.flatMap((complaint) => [complaint.source_contact_id, complaint.answer_contact_id]), ...logged.map((event) => event.contact_id)].filter(
        (id): id is string => id !== null,
      ),
    ),
  ];
  const inquiries =
    contactIds.length === 0
      ? []
      : await db
          .selectFrom('inquiries')
          .select(['id', 'contact_id', 'answer_contact_id'])
          .where((eb) => eb.or([eb('contact_id', 'in', contactIds), eb('answer_contact_id', 'in', contactIds)]))
          .execute();
  const inquiryContacts = inquiries.flatMap((inquiry) => [inquiry.contact_id, inquiry.answer_contact_id]).filter((id): id is string => id !== null);
  const shieldedContacts = [...new Set([...contactIds, ...inquiryContacts])];
  const offers = await db
    .selectFrom('questionnaire_offers')
    .select(['id', 'code'])
    .where((eb) => eb.or([eb('complaint_id', 'in', complaintIds), ...(shieldedContacts.length === 0 ? [] : [eb('contact_id', 'in', shieldedContacts)])]))
    .execute();
  return shieldOf({
    complaint: new Set(complaintIds),
    contact: new Set(shieldedContacts),
    inquiry: new Set(inquiries.map((inquiry) => inquiry.id)),
    offer: new Set(offers.map((offer) => offer.id)),
    numbers: new Set(about.map((complaint) => complaint.number)),
    offerCodes: new Set(offers.map((offer) => offer.code)),
  });
}

function shieldOf(withheld: Withheld): Shield {
  const empty = withheld.complaint.size === 0;
  const marks = new Set([...withheld.complaint, ...withheld.contact, ...withheld.inquiry, ...withheld.offer, ...withheld.numbers, ...withheld.offerCodes]);
  const names = (value: unknown): boolean => {
    if (typeof value === 'string') return marks.has(value);
    if (Array.isArray(value)) return value.some(names);
    if (typeof value === 'object' && value !== null) return Object.values(value).some(names);
    return false;
  };
  return {
    empty,
    hides: (kind, id) => withheld[kind].has(id),
    ids: (kind) => [...withheld[kind]],
    excludes(column, kind) {
      const ids = [...withheld[kind]];
      return ids.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.ref(column)} NOT IN (${sql.join(ids)})`;
    },
    hidesOfferCode(typed) {
      const code = readVerificationNumber(typed);
      return code !== null && withheld.offerCodes.has(code);
    },
    contactPointer: (id) => (id !== null && withheld.contact.has(id) ? null : id),
    names: (value) => !empty && names(value),
  };
}
