// The kiosk through the real call path: the screen handed to the person answering a questionnaire is
// a stage of the session, so every call but the kiosk's own is refused whoever makes it; the person
// sees the questions and nothing of the case; the answers are kept as taken on the screen, without a
// name unless the person left it; and only the officer's password takes the screen back, a wrong one
// counted as a failed unlock is. Answers by phone are kept as taken by phone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callNames, type CallName } from '../../electron/api/contract';
import type { ContactView } from '../../electron/api/contacts';
import type { KioskForm } from '../../electron/api/kiosk';
import type { OfferView, ResponseSaved } from '../../electron/api/satisfaction';
import type { SessionState } from '../../electron/api/session';
import { readKeyring } from '../../electron/services/accounts/keyring';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import { ASSOCIATION, auditEntries, expectError, expectOk, movableClock, openTestWaslWithStaff, readRows, validFields, type StaffedTestWasl } from '../support/database';

let app: StaffedTestWasl<'officer'>;
const time = movableClock();

beforeEach(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer' }, { clock: time.clock });
  await app.signIn('officer');
});
afterEach(async () => {
  await app.cleanup();
});

const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));

async function interviewOffer(mode: 'kiosk' | 'phone' = 'kiosk'): Promise<{ contact: ContactView; offer: OfferView }> {
  const beneficiary = await call<{ id: string }>('beneficiaries.register', { fields: validFields() });
  const contact = await call<ContactView>('contacts.log', {
    beneficiaryId: beneficiary.id,
    channel: 'in_person',
    direction: 'incoming',
    purpose: 'inquiry',
    summary: 'استفسار عن برنامج التأهيل',
  });
  const offer = await call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode, contactId: contact.id });
  return { contact, offer };
}

const failedAttempts = () => readKeyring(app.wasl.keyringPath).accounts.find((account) => account.userId === app.accounts.officer.id)?.failedAttempts;

describe('the kiosk', () => {
  it('refuses every call but its own while the screen is handed over, whoever sends it', async () => {
    const { offer } = await interviewOffer();
    const state = await call<SessionState>('session.enterKiosk', { offerId: offer.id });
    expect(state).toMatchObject({ stage: 'kiosk', kiosk: { offerId: offer.id, secondScreen: false }, permissions: [] });

    const own = new Set<CallName>(['session.state', 'session.leaveKiosk', 'kiosk.form', 'kiosk.submit']);
    for (const name of callNames.filter((one) => !own.has(one))) {
      const refused = expectError(await app.dispatch(name, {}));
      expect({ name, code: refused.code, messageKey: refused.messageKey }).toEqual({ name, code: 'kiosk', messageKey: 'session.kiosk' });
    }
    // Nothing refused moved the session: still the kiosk, still the officer signed in.
    expect(await call<SessionState>('session.state', {})).toMatchObject({ stage: 'kiosk', user: { id: app.accounts.officer.id } });
  });

  it('does not lock for idleness while the person answers', async () => {
    const { offer } = await interviewOffer();
    await call('session.enterKiosk', { offerId: offer.id });
    time.advanceMinutes(60);
    expect((await call<KioskForm>('kiosk.form', {})).answered).toBe(false);
    expect((await call<SessionState>('session.state', {})).stage).toBe('kiosk');
  });

  it('shows the questions and nothing of the case, keeps the answers as taken on the screen and anonymous by default', async () => {
    const { offer } = await interviewOffer();
    await call('session.enterKiosk', { offerId: offer.id });
    const form = await call<KioskForm>('kiosk.form', {});
    expect(Object.keys(form).sort()).toEqual(['answered', 'associationName', 'content']);
    expect(form.associationName).toBe(ASSOCIATION);
    expect(Object.keys(form.content).sort()).toEqual(['introAr', 'introEn', 'questions', 'titleAr', 'titleEn']);
    expect(JSON.stringify(form)).not.toContain(offer.id);
    expect(JSON.stringify(form)).not.toContain(offer.code);

    const refused = expectError(await app.dispatch('kiosk.submit', { answers: { recommend: '١٢' } }));
    expect(refused.details?.fields).toEqual(
      expect.arrayContaining([
        { path: 'answers.overall', messageKey: 'validation.required' },
        { path: 'answers.recommend', messageKey: 'validation.outOfRange' },
      ]),
    );
    expect(readRows(app, 'SELECT id FROM questionnaire_responses')).toEqual([]);

    await call('kiosk.submit', { answers: { overall: 5, recommend: '٩', comment: 'خدمة ممتازة' } });
    expect(readRows(app, 'SELECT mode, beneficiary_id, answers FROM questionnaire_responses')).toEqual([
      { mode: 'kiosk', beneficiary_id: null, answers: JSON.stringify({ overall: 5, recommend: 9, comment: 'خدمة ممتازة' }) },
    ]);
    // Answered: the screen thanks the person until the officer takes it back, and a second submit is refused.
    expect((await call<KioskForm>('kiosk.form', {})).answered).toBe(true);
    expect(expectError(await app.dispatch('kiosk.submit', { answers: { overall: 1 } })).messageKey).toBe('satisfaction.alreadyAnswered');
    expect((await call<SessionState>('session.state', {})).stage).toBe('kiosk');
  });

  it('keeps the person’s name only when they chose to leave it', async () => {
    const { offer } = await interviewOffer();
    await call('session.enterKiosk', { offerId: offer.id });
    await call('kiosk.submit', { answers: { overall: 4 }, named: true });
    const [row] = readRows(app, 'SELECT r.beneficiary_id AS named, o.beneficiary_id AS person FROM questionnaire_responses r JOIN questionnaire_offers o ON o.id = r.offer_id');
    expect(row?.named).not.toBeNull();
    expect(row?.named).toBe(row?.person);
  });

  it('gives the screen back only with the officer’s password, counting a wrong one as a failed unlock', async () => {
    const { offer } = await interviewOffer();
    await call('session.enterKiosk', { offerId: offer.id, secondScreen: true });
    const wrong = expectError(await app.dispatch('session.leaveKiosk', { password: 'not the officer password' }));
    expect(wrong).toMatchObject({ code: 'sign_in_failed', messageKey: 'session.wrongPassword' });
    expect(failedAttempts()).toBe(1);
    expect(await call<SessionState>('session.state', {})).toMatchObject({ stage: 'kiosk', kiosk: { secondScreen: true } });

    const back = await call<SessionState>('session.leaveKiosk', { password: app.accounts.officer.password });
    expect(back).toMatchObject({ stage: 'active', kiosk: null });
    expect(back.permissions).toContain('satisfaction.collect');
    expect(failedAttempts()).toBe(0);
    expect(expectError(await app.dispatch('kiosk.form', {})).messageKey).toBe('satisfaction.notInKiosk');
    await app.signIn('administrator');
    const actions = (await auditEntries(app.dispatch)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['session.kioskEntered', 'session.kioskLeft']));
  });

  it('ends the session when the wrong passwords reach the lockout', async () => {
    const { offer } = await interviewOffer();
    await call('session.enterKiosk', { offerId: offer.id });
    for (let attempt = 1; attempt <= 4; attempt += 1) expect(expectError(await app.dispatch('session.leaveKiosk', { password: `wrong guess ${attempt}` })).code).toBe('sign_in_failed');
    expect(expectError(await app.dispatch('session.leaveKiosk', { password: 'wrong guess 5' })).code).toBe('account_locked');
    expect(await call<SessionState>('session.state', {})).toMatchObject({ stage: 'signedOut', kiosk: null });
  });

  it('hands over only an offer waiting for answers', async () => {
    const { offer } = await interviewOffer();
    await call('satisfaction.decline', { offerId: offer.id });
    expect(expectError(await app.dispatch('session.enterKiosk', { offerId: offer.id })).messageKey).toBe('satisfaction.notWaiting');
    expect((await call<SessionState>('session.state', {})).stage).toBe('active');
    await call('satisfaction.recordByPhone', { offerId: (await interviewOffer('phone')).offer.id, answers: { overall: 3 } });
  });
});

describe('answers by phone', () => {
  it('are kept as taken by phone, the digits read in either form', async () => {
    const { contact, offer } = await interviewOffer('phone');
    const saved = await call<ResponseSaved>('satisfaction.recordByPhone', { offerId: offer.id, answers: { overall: '٥', access: 4, recommend: '10' }, named: false });
    expect(saved.answers).toEqual({ overall: 5, access: 4, recommend: 10 });
    expect(saved.offer).toMatchObject({ status: 'responded', response: { mode: 'phone' } });
    expect(readRows(app, 'SELECT mode, recorded_by, beneficiary_id FROM questionnaire_responses')).toEqual([{ mode: 'phone', recorded_by: app.accounts.officer.id, beneficiary_id: null }]);
    const [listed] = await call<OfferView[]>('satisfaction.offersOf', { contactId: contact.id });
    expect(listed).toMatchObject({ status: 'responded', response: { mode: 'phone' } });
  });
});
