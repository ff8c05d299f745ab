// Questionnaires between the desks of one office, through a real office server: the shipped
// questionnaire is one record at every desk; a questionnaire built at one desk, an offer made on a
// case there and its response reach the other; an edit there after the offer is the next version at
// both; and a person's erasure makes their named responses anonymous at every desk, one the other
// desk recorded before the erasure reached it included, while the offers stay for the response rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ConflictList } from '../../electron/api/conflicts';
import type { ContactView } from '../../electron/api/contacts';
import type { QuestionnaireSummary, QuestionnaireView } from '../../electron/api/questionnaires';
import type { OfferView } from '../../electron/api/satisfaction';
import { validFields, type TestWasl } from '../support/database';
import { callOn, openTwoDesks, sqliteOf, type TwoDesks } from '../support/two-desks';

let office: TwoDesks;
let deskA: TestWasl;
let deskB: TestWasl;
const call = callOn;
const syncBoth = () => office.syncBoth();

beforeAll(async () => {
  office = await openTwoDesks();
  ({ deskA, deskB } = office);
}, 120_000);

afterAll(async () => {
  await office?.close();
});

const WORKSHOP = {
  titleAr: 'استبانة ورشة العمل',
  titleEn: null,
  introAr: 'رأيك يهمنا.',
  introEn: null,
  questions: [
    { key: 'q1', kind: 'satisfaction', textAr: 'ما مدى رضاك عن الورشة؟', textEn: null, required: true, overall: true },
    { key: 'q2', kind: 'text', textAr: 'ملاحظاتك', textEn: null, required: false },
  ],
};

/** An interview at a desk with a registered person: the case a questionnaire is offered on. */
const interview = (desk: TestWasl, beneficiaryId: string) =>
  call<ContactView>(desk, 'contacts.log', { beneficiaryId, channel: 'in_person', direction: 'incoming', purpose: 'follow_up', summary: 'مقابلة متابعة' });

const responsesOf = (desk: TestWasl, offerId: string) =>
  sqliteOf(desk).prepare('SELECT version_id, answers, beneficiary_id FROM questionnaire_responses WHERE offer_id = ?').all(offerId) as Array<{ version_id: string; answers: string; beneficiary_id: string | null }>;

describe('questionnaires at two desks of one office', () => {
  it('hold the shipped questionnaire as one record, with nothing held and no conflict', async () => {
    for (const desk of [deskA, deskB]) {
      const list = await call<QuestionnaireSummary[]>(desk, 'questionnaires.list', {});
      expect(list.map((one) => [one.id, one.currentVersion])).toEqual([[SHIPPED_QUESTIONNAIRE_ID, 1]]);
      expect(sqliteOf(desk).prepare("SELECT count(*) FROM sync_inbox WHERE entity LIKE 'questionnaire%'").pluck().get()).toBe(0);
      expect((await call<ConflictList>(desk, 'conflicts.list', {})).conflicts).toEqual([]);
    }
  });

  let person: BeneficiaryDetail;
  let workshop: QuestionnaireView;
  let offer: OfferView;

  it('take a questionnaire built at one desk, its offer and its named response to the other', async () => {
    workshop = await call<QuestionnaireView>(deskA, 'questionnaires.save', { content: WORKSHOP, doubleEntry: false });
    await call(deskA, 'questionnaires.setStatus', { id: workshop.id, status: 'active' });
    person = await call<BeneficiaryDetail>(deskA, 'beneficiaries.register', { fields: validFields({ firstName: 'ناصر' }) });
    const contact = await interview(deskA, person.id);
    offer = await call<OfferView>(deskA, 'satisfaction.offer', { questionnaireId: workshop.id, mode: 'phone', contactId: contact.id });
    await call(deskA, 'satisfaction.recordByPhone', { offerId: offer.id, answers: { q1: 4, q2: 'تنظيم جيد' }, named: true });
    await syncBoth();

    const there = await call<QuestionnaireView>(deskB, 'questionnaires.get', { id: workshop.id });
    expect(there).toMatchObject({ status: 'active', currentVersion: 1, responses: 1, editMakesNewVersion: true });
    expect(await call<OfferView[]>(deskB, 'satisfaction.offersOf', { contactId: contact.id })).toEqual([expect.objectContaining({ id: offer.id, code: offer.code, status: 'responded', version: 1 })]);
    expect(responsesOf(deskB, offer.id)).toEqual([{ version_id: workshop.current.id, answers: JSON.stringify({ q1: 4, q2: 'تنظيم جيد' }), beneficiary_id: person.id }]);
  });

  it('make the next version at both desks from an edit at the other after the offer; the response keeps its version', async () => {
    const edited = await call<QuestionnaireView>(deskB, 'questionnaires.save', { id: workshop.id, content: { ...WORKSHOP, titleAr: 'استبانة الورشة' }, doubleEntry: true });
    expect(edited.currentVersion).toBe(2);
    await syncBoth();
    for (const desk of [deskA, deskB]) {
      const view = await call<QuestionnaireView>(desk, 'questionnaires.get', { id: workshop.id });
      expect(view).toMatchObject({ currentVersion: 2, titleAr: 'استبانة الورشة', doubleEntry: true });
      expect(view.versions.map((one) => [one.version, one.responses])).toEqual([
        [2, 0],
        [1, 1],
      ]);
      expect(responsesOf(desk, offer.id).map((row) => row.version_id)).toEqual([workshop.current.id]);
    }
  });

  it('make the person’s named responses anonymous at every desk when they are erased, and keep the offers', async () => {
    // Desk B takes a second named response from the person before the erasure reaches it.
    const later = await interview(deskB, person.id);
    const laterOffer = await call<OfferView>(deskB, 'satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'phone', contactId: later.id });
    await call(deskB, 'satisfaction.recordByPhone', { offerId: laterOffer.id, answers: { overall: 5 }, named: true });
    await call(deskA, 'beneficiaries.erase', { id: person.id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: person.fileNumber });
    await syncBoth();

    for (const desk of [deskA, deskB]) {
      for (const offerId of [offer.id, laterOffer.id]) {
        const [response] = responsesOf(desk, offerId);
        expect(response, offerId).toMatchObject({ beneficiary_id: null });
        expect(sqliteOf(desk).prepare('SELECT status FROM questionnaire_offers WHERE id = ?').pluck().get(offerId)).toBe('responded');
      }
      expect(sqliteOf(desk).prepare('SELECT count(*) FROM questionnaire_responses WHERE beneficiary_id = ?').pluck().get(person.id)).toBe(0);
      // The answers stay, for the figures: they name no one now.
      expect(responsesOf(desk, offer.id)[0]?.answers).toBe(JSON.stringify({ q1: 4, q2: 'تنظيم جيد' }));
    }
  });
});
