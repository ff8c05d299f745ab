// Satisfaction questionnaires through the real call path: dispatch(name, input) → validation →
// service → encrypted SQLite. The shipped questionnaire, a questionnaire's versions (edited in place
// until it is first offered, the next version after), offers on a case and the answers checked
// against the offer's version, Arabic-Indic digits taken as typed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactView } from '../../electron/api/contacts';
import type { QuestionnaireSummary, QuestionnaireView } from '../../electron/api/questionnaires';
import type { OfferView, ResponseSaved } from '../../electron/api/satisfaction';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import { auditEntries, expectError, expectOk, openTestWaslWithStaff, readRows, refusedUnchanged, type StaffedTestWasl } from '../support/database';

let app: StaffedTestWasl<'officer'>;

beforeEach(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer' });
});
afterEach(async () => {
  await app.cleanup();
});

const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));

async function interview(): Promise<ContactView> {
  return call<ContactView>('contacts.log', {
    channel: 'in_person',
    direction: 'incoming',
    purpose: 'inquiry',
    summary: 'استفسار عن برنامج التأهيل',
    personName: 'زائر',
  });
}

describe('the shipped questionnaire', () => {
  it('is in use on a new desk, with the overall and the recommend questions', async () => {
    await app.signIn('officer');
    const list = await call<QuestionnaireSummary[]>('questionnaires.list', {});
    expect(list.map((one) => one.id)).toEqual([SHIPPED_QUESTIONNAIRE_ID]);
    const shipped = await call<QuestionnaireView>('questionnaires.get', { id: SHIPPED_QUESTIONNAIRE_ID });
    expect(shipped).toMatchObject({ status: 'active', shipped: true, currentVersion: 1 });
    expect(shipped.current.content.questions.filter((one) => one.overall).map((one) => one.key)).toEqual(['overall']);
    expect(shipped.current.content.questions.filter((one) => one.kind === 'recommend')).toHaveLength(1);
  });
});

describe('offering and answering', () => {
  it('keeps a phone response checked against the offer’s version, in Arabic-Indic digits too, and asks a case once', async () => {
    await app.signIn('officer');
    const contact = await interview();
    const offer = await call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'phone', contactId: contact.id });
    expect(offer).toMatchObject({ status: 'offered', occasion: 'interview', version: 1, response: null });
    expect(offer.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);

    await refusedUnchanged(app, 'satisfaction.recordByPhone', { offerId: offer.id, answers: { overall: 7 } });
    const refused = expectError(await app.dispatch('satisfaction.recordByPhone', { offerId: offer.id, answers: { access: 'x', nope: 1 } }));
    expect(refused.details?.fields).toEqual(
      expect.arrayContaining([
        { path: 'answers.nope', messageKey: 'satisfaction.validation.unknownQuestion' },
        { path: 'answers.access', messageKey: 'validation.invalid' },
      ]),
    );
    // By phone the person may leave a required question unanswered: what they said is the response.
    expect(refused.details?.fields?.map((field) => field.path)).not.toContain('answers.overall');

    const saved = await call<ResponseSaved>('satisfaction.recordByPhone', { offerId: offer.id, answers: { overall: '٤', recommend: '١٠', comment: '  شكرًا  ' } });
    expect(saved.answers).toEqual({ overall: 4, recommend: 10, comment: 'شكرًا' });
    expect(saved.offer).toMatchObject({ status: 'responded', response: { mode: 'phone' } });
    expect(readRows(app, 'SELECT beneficiary_id, mode FROM questionnaire_responses')).toEqual([{ beneficiary_id: null, mode: 'phone' }]);

    const again = expectError(await app.dispatch('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'kiosk', contactId: contact.id }));
    expect(again.messageKey).toBe('satisfaction.alreadyAnswered');
  });

  it('makes the next version once a version has been offered, and edits a draft in place before', async () => {
    await app.signIn('administrator');
    const shipped = await call<QuestionnaireView>('questionnaires.get', { id: SHIPPED_QUESTIONNAIRE_ID });
    const edited = await call<QuestionnaireView>('questionnaires.save', { id: shipped.id, content: { ...shipped.current.content, titleAr: 'استبانة الرضا' }, doubleEntry: true });
    expect(edited).toMatchObject({ currentVersion: 1, titleAr: 'استبانة الرضا', doubleEntry: true });

    const contact = await interview();
    await call<OfferView>('satisfaction.offer', { questionnaireId: shipped.id, mode: 'paper', contactId: contact.id });
    const next = await call<QuestionnaireView>('questionnaires.save', { id: shipped.id, content: { ...shipped.current.content, titleAr: 'استبانة الرضا ٢' }, doubleEntry: true });
    expect(next.currentVersion).toBe(2);
    expect(next.versions.map((one) => one.version)).toEqual([2, 1]);
    const [offered] = await call<OfferView[]>('satisfaction.offersOf', { contactId: contact.id });
    expect(offered).toMatchObject({ version: 1, titleAr: 'استبانة الرضا' });
  });
});

/** A small questionnaire as an administrator builds it: two questions, keys given by the builder. */
const SMALL = {
  titleAr: 'استبانة ورشة العمل',
  titleEn: 'Workshop questionnaire',
  introAr: 'رأيك يهمنا.',
  introEn: null,
  questions: [
    { key: 'q1', kind: 'satisfaction', textAr: 'ما مدى رضاك عن الورشة؟', textEn: 'How satisfied are you with the workshop?', required: true, overall: true },
    {
      key: 'q2',
      kind: 'one_of',
      textAr: 'كيف عرفت عن الورشة؟',
      textEn: null,
      required: false,
      options: [
        { key: 'o1', labelAr: 'من الجمعية', labelEn: 'From the association' },
        { key: 'o2', labelAr: 'من صديق', labelEn: null },
      ],
    },
  ],
};

async function built(): Promise<QuestionnaireView> {
  await app.signIn('administrator');
  return call<QuestionnaireView>('questionnaires.save', { content: SMALL, doubleEntry: false });
}

describe('a questionnaire an administrator builds', () => {
  it('starts as a draft at version 1, is corrected in place until it is offered, and is not offered while a draft', async () => {
    const draft = await built();
    expect(draft).toMatchObject({ status: 'draft', shipped: false, currentVersion: 1, responses: 0, editMakesNewVersion: false });
    expect(draft.current.content.questions.map((one) => [one.key, one.options.length, one.min, one.max])).toEqual([
      ['q1', 0, null, null],
      ['q2', 2, null, null],
    ]);
    const corrected = await call<QuestionnaireView>('questionnaires.save', {
      id: draft.id,
      content: { ...SMALL, titleAr: 'استبانة الورشة', questions: [...SMALL.questions, { key: 'q3', kind: 'number', textAr: 'كم ساعة حضرت؟', textEn: null, required: false, min: 0, max: 40 }] },
      doubleEntry: true,
    });
    expect(corrected).toMatchObject({ currentVersion: 1, titleAr: 'استبانة الورشة', doubleEntry: true });
    expect(corrected.versions).toHaveLength(1);
    expect(corrected.current.id).toBe(draft.current.id);
    expect(corrected.usedKeys).toEqual({ q1: [], q2: ['o1', 'o2'], q3: [] });

    const contact = await interview();
    const notYet = expectError(await app.dispatch('satisfaction.offer', { questionnaireId: draft.id, mode: 'kiosk', contactId: contact.id }));
    expect(notYet.messageKey).toBe('satisfaction.notInUse');
    const listed = await call<QuestionnaireSummary[]>('questionnaires.list', {});
    expect(listed.map((one) => [one.titleAr, one.status])).toEqual([
      ['استبانة رضا المستفيدين', 'active'],
      ['استبانة الورشة', 'draft'],
    ]);
  });

  it('makes version 2 from an edit after its first offer; the answers given keep version 1 and its questions', async () => {
    const draft = await built();
    await call('questionnaires.setStatus', { id: draft.id, status: 'active' });
    const first = await interview();
    const offer = await call<OfferView>('satisfaction.offer', { questionnaireId: draft.id, mode: 'phone', contactId: first.id });
    await call('satisfaction.recordByPhone', { offerId: offer.id, answers: { q1: '٥', q2: 'o2' } });
    const before = await call<QuestionnaireView>('questionnaires.get', { id: draft.id });
    expect(before).toMatchObject({ currentVersion: 1, responses: 1, editMakesNewVersion: true });

    // Saved again as it stands: nothing new is asked, so no version is made.
    const same = await call<QuestionnaireView>('questionnaires.save', { id: draft.id, content: SMALL, doubleEntry: true });
    expect(same).toMatchObject({ currentVersion: 1, doubleEntry: true });

    // The second question goes and a new one comes: it takes a key no version used.
    const changed = {
      ...SMALL,
      questions: [SMALL.questions[0]!, { key: 'q3', kind: 'yes_no', textAr: 'هل ستحضر ورشة أخرى؟', textEn: null, required: false }],
    };
    const next = await call<QuestionnaireView>('questionnaires.save', { id: draft.id, content: changed, doubleEntry: true });
    expect(next).toMatchObject({ currentVersion: 2, responses: 1, editMakesNewVersion: false });
    expect(next.versions.map((one) => [one.version, one.responses])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(next.usedKeys).toEqual({ q1: [], q2: ['o1', 'o2'], q3: [] });

    const old = await call<{ content: { questions: Array<{ key: string }> }; responses: number; version: number }>('questionnaires.version', { id: before.current.id });
    expect(old).toMatchObject({ version: 1, responses: 1 });
    expect(old.content.questions.map((one) => one.key)).toEqual(['q1', 'q2']);
    expect(readRows(app, 'SELECT version_id, answers FROM questionnaire_responses')).toEqual([{ version_id: before.current.id, answers: JSON.stringify({ q1: 5, q2: 'o2' }) }]);

    // A case offered now is asked version 2.
    const second = await interview();
    const offered = await call<OfferView>('satisfaction.offer', { questionnaireId: draft.id, mode: 'kiosk', contactId: second.id });
    expect(offered).toMatchObject({ version: 2, versionId: next.current.id });

    const saved = (await auditEntries(app.dispatch)).filter((entry) => entry.action === 'questionnaire.saved' && entry.entityId === draft.id);
    expect(saved.map((entry) => [entry.summary.version, entry.summary.newVersion ?? false])).toEqual([
      [2, true],
      [1, false],
      [1, false],
    ]);
  });

  it('is put in use, retired (no longer offered nor listed, its answers kept) and put back in use', async () => {
    const draft = await built();
    expect(await call<QuestionnaireView>('questionnaires.setStatus', { id: draft.id, status: 'active' })).toMatchObject({ status: 'active' });
    expect(expectError(await refusedUnchanged(app, 'questionnaires.setStatus', { id: draft.id, status: 'active' })).messageKey).toBe('questionnaires.already.active');
    await call('questionnaires.setStatus', { id: draft.id, status: 'retired' });
    expect((await call<QuestionnaireSummary[]>('questionnaires.list', {})).map((one) => one.id)).not.toContain(draft.id);
    expect((await call<QuestionnaireSummary[]>('questionnaires.list', { includeRetired: true })).find((one) => one.id === draft.id)).toMatchObject({ status: 'retired' });
    const contact = await interview();
    expect(expectError(await app.dispatch('satisfaction.offer', { questionnaireId: draft.id, mode: 'kiosk', contactId: contact.id })).messageKey).toBe('satisfaction.notInUse');
    expect(await call<QuestionnaireView>('questionnaires.setStatus', { id: draft.id, status: 'active' })).toMatchObject({ status: 'active' });
    const changes = (await auditEntries(app.dispatch)).filter((entry) => entry.action === 'questionnaire.statusChanged' && entry.entityId === draft.id);
    expect(changes.map((entry) => [entry.summary.from, entry.summary.to])).toEqual([
      ['retired', 'active'],
      ['active', 'retired'],
      ['draft', 'active'],
    ]);
  });

  it('refuses a questionnaire that cannot be asked, at the field, and changes nothing', async () => {
    const draft = await built();
    const question = SMALL.questions[0]!;
    const cases: Array<[unknown, string, string]> = [
      [{ ...SMALL, titleAr: '  ' }, 'content.titleAr', 'validation.required'],
      [{ ...SMALL, questions: [] }, 'content.questions', 'questionnaires.validation.noQuestions'],
      [{ ...SMALL, questions: [question, { ...question, textAr: 'سؤال آخر' }] }, 'content.questions', 'questionnaires.validation.sameQuestionKey'],
      [{ ...SMALL, questions: [question, { ...question, key: 'q2' }] }, 'content.questions', 'questionnaires.validation.oneOverall'],
      [{ ...SMALL, questions: [{ ...question, textAr: '' }] }, 'content.questions.0.textAr', 'validation.required'],
      [{ ...SMALL, questions: [{ ...question, kind: 'yes_no' }] }, 'content.questions.0.overall', 'questionnaires.validation.overallKind'],
      [{ ...SMALL, questions: [{ key: 'q1', kind: 'many_of', textAr: 'اختر', required: false, options: [{ key: 'o1', labelAr: 'واحد' }] }] }, 'content.questions.0.options', 'questionnaires.validation.fewOptions'],
      [{ ...SMALL, questions: [{ key: 'q1', kind: 'number', textAr: 'كم؟', required: false, min: 10, max: 2 }] }, 'content.questions.0.max', 'questionnaires.validation.range'],
      [{ ...SMALL, questions: [{ key: 'Q 1', kind: 'text', textAr: 'تعليق', required: false }] }, 'content.questions.0.key', 'questionnaires.validation.key'],
    ];
    for (const [content, path, messageKey] of cases) {
      const refused = expectError(await refusedUnchanged(app, 'questionnaires.save', { id: draft.id, content, doubleEntry: false }));
      expect(refused.details?.fields, path).toContainEqual({ path, messageKey });
    }
    const missing = expectError(await refusedUnchanged(app, 'questionnaires.save', { id: SHIPPED_QUESTIONNAIRE_ID.replace(/.$/, '9'), content: SMALL, doubleEntry: false }));
    expect(missing.messageKey).toBe('notFound.questionnaire');
  });

  it('is built and changed by an administrator only; an officer reads it', async () => {
    const draft = await built();
    await app.signIn('officer');
    expect(expectError(await refusedUnchanged(app, 'questionnaires.save', { content: SMALL, doubleEntry: false })).code).toBe('forbidden');
    expect(expectError(await refusedUnchanged(app, 'questionnaires.save', { id: draft.id, content: SMALL, doubleEntry: true })).code).toBe('forbidden');
    expect(expectError(await refusedUnchanged(app, 'questionnaires.setStatus', { id: draft.id, status: 'active' })).code).toBe('forbidden');
    expect(await call<QuestionnaireView>('questionnaires.get', { id: draft.id })).toMatchObject({ status: 'draft' });
    expect(await call<{ version: number }>('questionnaires.version', { id: draft.current.id })).toMatchObject({ version: 1 });
  });
});
