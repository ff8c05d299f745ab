import type { Kysely } from 'kysely';
import type { ServiceCallName, ValidInput } from '../../api/contract';
import type { DatabaseSchema } from '../../../db/schema';
import type { CallContext } from '../context';
import { notFound } from '../errors';
import type { Handler } from '../handlers';
import { unknownCode } from '../paper-forms/entry';
import { shieldFor, type ShieldedKind } from './shield';

/**
 * What a field of a call's input names that the shield may withhold: a record of a kind by its id,
 * or a questionnaire offer by the code printed on its paper form.
 */
type NamedBy = ShieldedKind | 'offerCode';

/** The fields of a call's input that name a record the shield may withhold, and what they name. */
type RecordFields<Name extends ServiceCallName> = { readonly [Field in keyof ValidInput<Name> & string]?: NamedBy };

/**
 * Every call of the contract, with the fields of its input that name a complaint, a contact, an
 * inquiry or a questionnaire offer. Every call is listed, those that name none with `{}`: a call added to the contract does
 * not compile until someone has said here whether it takes such a record, and a field named here
 * must exist in the call's input. The lists, which take no such id, leave shielded records out in
 * their own queries (see shield.ts).
 */
export const SHIELDED_INPUTS: { readonly [Name in ServiceCallName]: RecordFields<Name> } = {
  'app.info': {},
  'preferences.get': {},
  'preferences.setLanguage': {},
  'lookups.districts': {},
  'users.list': {},
  'users.create': {},
  'users.update': {},
  'users.resetPassword': {},
  'users.replaceRecoveryKey': {},
  'users.rotateDatabaseKey': {},
  'users.keyRotationStatus': {},
  'audit.list': {},
  'audit.verify': {},
  'audit.export': {},
  'audit.actors': {},
  'audit.breaks': {},
  'audit.acknowledgeBreaks': {},
  'settings.security': {},
  'settings.setSecurity': {},
  'beneficiaries.register': {},
  'beneficiaries.update': {},
  'beneficiaries.get': {},
  'beneficiaries.list': {},
  'beneficiaries.checkDuplicates': {},
  'beneficiaries.stats': {},
  'beneficiaries.exportPersonalData': {},
  'beneficiaries.erase': {},
  'eligibility.record': {},
  'search.beneficiaries': {},
  'contacts.log': {},
  'contacts.link': { id: 'contact' },
  'contacts.unlinked': {},
  'contacts.closeUnlinked': { id: 'contact' },
  'beneficiaries.timeline': {},
  'authorities.list': {},
  'authorities.save': {},
  'letters.register': {},
  'letters.list': {},
  'letters.get': {},
  'letters.scan': {},
  'letters.document': {},
  'letters.pdf': {},
  'letters.link': {},
  'requests.types': {},
  'requests.saveType': {},
  'holidays.list': {},
  'holidays.save': {},
  'holidays.remove': {},
  'requests.open': { sourceContactId: 'contact' },
  'requests.startReview': {},
  'requests.refer': {},
  'requests.recordAuthorityAnswer': {},
  'requests.decide': {},
  'requests.notify': {},
  'requests.close': {},
  'requests.withdraw': {},
  'requests.reassign': {},
  'requests.get': {},
  'requests.list': {},
  'requests.referralAuthorities': {},
  'requests.assignees': {},
  'complaints.targets': {},
  'complaints.setTargets': {},
  'complaints.receive': { sourceContactId: 'contact' },
  'complaints.link': { id: 'complaint' },
  'complaints.acknowledge': { id: 'complaint' },
  'complaints.investigate': { id: 'complaint' },
  'complaints.resolve': { id: 'complaint' },
  'complaints.answer': { id: 'complaint' },
  'complaints.close': { id: 'complaint' },
  'complaints.decide': { id: 'complaint' },
  'complaints.reassign': { id: 'complaint' },
  'complaints.get': { id: 'complaint' },
  'complaints.list': {},
  'complaints.suggestionsRegister': {},
  'complaints.staffOptions': {},
  'library.search': {},
  'library.get': {},
  'library.save': {},
  'inquiries.ask': {},
  'inquiries.answer': { id: 'inquiry' },
  'inquiries.pending': {},
  'inquiries.answered': {},
  'inquiries.get': { id: 'inquiry' },
  'queues.mine': {},
  'queues.office': {},
  'reports.figures': {},
  'reports.trend': {},
  'reports.records': {},
  'exports.start': {},
  'exports.status': {},
  'exports.cancel': {},
  'exports.take': {},
  'office.status': {},
  'office.inspect': {},
  'office.pair': {},
  'office.newPairingCode': {},
  'office.syncNow': {},
  'office.desks': {},
  'office.revokeDesk': {},
  'conflicts.list': {},
  'conflicts.held': {},
  'conflicts.settle': {},
  'conflicts.merge': {},
  'conflicts.renumber': {},
  'enrolments.apply': {},
  'enrolments.scheduleInterview': {},
  'enrolments.recordInterview': {},
  'enrolments.accept': {},
  'enrolments.waitlist': {},
  'enrolments.decline': {},
  'enrolments.start': {},
  'enrolments.complete': {},
  'enrolments.withdraw': {},
  'enrolments.dismiss': {},
  'enrolments.reorder': {},
  'enrolments.passExpiredOffers': {},
  'enrolments.get': {},
  'enrolments.ofPerson': {},
  'enrolments.openFor': {},
  'enrolments.roster': {},
  'enrolments.interviewForm': {},
  'enrolments.certificate': {},
  'enrolments.verifyCertificate': {},
  'attendance.sessions': {},
  'attendance.session': {},
  'attendance.record': {},
  'attendance.ofEnrolment': {},
  'attendance.addDisciplineNote': {},
  'attendance.signInSheet': {},
  'programFees.ofEnrolment': {},
  'programFees.requestWaiver': {},
  'programFees.decideWaiver': {},
  'programFees.recordPayment': {},
  'programFees.voidPayment': {},
  'programFees.receipt': {},
  'questionnaires.list': {},
  'questionnaires.get': {},
  'questionnaires.version': {},
  'questionnaires.save': {},
  'questionnaires.setStatus': {},
  // An offer's case may be a complaint or a contact the shield withholds: offering on it, asking what
  // was offered on it, or reaching the offer itself by its id or its form's code, is refused as if
  // it did not exist.
  'satisfaction.offer': { complaintId: 'complaint', contactId: 'contact' },
  'satisfaction.offersOf': { complaintId: 'complaint', contactId: 'contact' },
  'satisfaction.decline': { offerId: 'offer' },
  'satisfaction.recordByPhone': { offerId: 'offer' },
  'satisfaction.offerForm': { offerId: 'offer' },
  'satisfactionFigures.figures': {},
  'kiosk.form': {},
  'kiosk.submit': {},
  'paperForms.form': { offerId: 'offer' },
  'paperForms.find': { code: 'offerCode' },
  'paperForms.enter': { code: 'offerCode' },
  'paperForms.mismatches': { code: 'offerCode' },
  'paperForms.settle': { code: 'offerCode' },
  'documents.list': {},
  'documents.get': {},
  'documents.readIssue': {},
  'documents.reviewsDue': {},
  'documents.create': {},
  'documents.saveDraft': {},
  'documents.approve': {},
  'documents.recordReview': {},
  'programs.list': {},
  'programs.get': {},
  'programs.save': {},
  'programs.addSessions': {},
  'programs.removeSession': {},
  'programs.publishFee': {},
  'programs.setStatus': {},
  'programs.printSheet': {},
  'backups.status': {},
  'backups.settings': {},
  'backups.configure': {},
  'backups.list': {},
  'backups.run': {},
  'backups.restore': {},
};

/**
 * Puts the shield in front of every call that names a complaint, a contact or an inquiry, reads and
 * writes alike: a shielded id is refused before the service runs, with the very answer the service
 * gives an id that exists nowhere. It is applied here, where the services are assembled, rather than
 * in each service (one of which, linking a contact, once forgot) or in the dispatcher (which
 * knows nothing of the database): every host goes through these handlers, and the compiler makes
 * each call declare what it names.
 */
export function shieldCalls<Handlers extends { [Name in ServiceCallName]: Handler<Name> }>(db: Kysely<DatabaseSchema>, handlers: Handlers): Handlers {
  const guarded: Record<string, Handler<ServiceCallName>> = { ...handlers };
  for (const name of Object.keys(SHIELDED_INPUTS) as ServiceCallName[]) {
    const fields = Object.entries(SHIELDED_INPUTS[name]) as Array<[string, NamedBy]>;
    if (fields.length === 0) continue;
    const handler = handlers[name] as Handler<ServiceCallName>;
    guarded[name] = async (input: ValidInput<ServiceCallName>, context: CallContext) => {
      const shield = await shieldFor(db, context.actorId);
      for (const [field, kind] of fields) {
        const value = (input as Record<string, unknown>)[field];
        if (typeof value !== 'string') continue;
        if (kind === 'offerCode' && shield.hidesOfferCode(value)) throw unknownCode();
        if (kind !== 'offerCode' && shield.hides(kind, value)) throw notFound(kind);
      }
      return handler(input, context);
    };
  }
  return guarded as Handlers;
}
