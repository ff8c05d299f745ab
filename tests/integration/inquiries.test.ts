// Inquiries and the reference library through the real call path: dispatch(name, input) →
// validation → service → encrypted SQLite. An inquiry answered on the spot or left in the queue and
// answered later (with the contact that carried the answer), the queue's order, age and owner, the
// library's Arabic-aware search and its editing by the administrator alone, and the helpers that
// link and erase a person's inquiries. Every refusal is checked to write nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ContactView } from '../../electron/api/contacts';
import type {
  ArticleInput,
  ArticleView,
  AskedInquiry,
  AskInquiryInput,
  InquirySummary,
  InquiryView,
  LibraryResults,
  PendingInquiries,
} from '../../electron/api/inquiries';
import type { Result } from '../../electron/api/result';
import type { CallContext } from '../../electron/services/context';
import {
  eraseInquiriesOf,
  inquiriesOf,
  linkInquiriesOfContact,
  pendingQueueQuery,
} from '../../electron/services/inquiries/service';
import {
  auditEntries,
  createUser,
  expectError,
  expectOk,
  movableClock,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  validFields,
  ADMIN,
  type TestWasl,
} from '../support/database';

let app: TestWasl;
let time: ReturnType<typeof movableClock>;

beforeEach(async () => {
  time = movableClock();
  app = await openTestWasl({ clock: time.clock });
});

afterEach(async () => {
  await app.cleanup();
});

/** Moves the clock on with the officer at the desk (a quiet desk locks the screen after five minutes). */
async function later(minutes: number) {
  for (let left = minutes; left > 0; left -= 4) {
    time.advanceMinutes(Math.min(4, left));
    expectOk(await app.dispatch('session.stillHere', {}));
  }
}
const minutesAgo = (minutes: number) => new Date(time.clock().getTime() - minutes * 60_000).toISOString();
const toArabicIndic = (latin: string) => latin.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

async function registered(): Promise<BeneficiaryDetail> {
  return expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
}

/** An inquiry at the desk from a registered person; the overrides say the rest. */
const question = (beneficiaryId: string | null, overrides: Partial<AskInquiryInput['contact']> = {}): AskInquiryInput['contact'] => ({
  beneficiaryId,
  channel: 'in_person',
  direction: 'incoming',
  summary: 'يسأل عن شروط برنامج دعم الأسرة',
  ...overrides,
});

const askedWithContact = async (input: AskInquiryInput) => expectOk<AskedInquiry>(await app.dispatch('inquiries.ask', input));
const ask = async (input: AskInquiryInput) => (await askedWithContact(input)).inquiry;
const answer = (input: Record<string, unknown>) => app.dispatch('inquiries.answer', input);
const getInquiry = async (id: string) => expectOk<InquiryView>(await app.dispatch('inquiries.get', { id }));
const pending = async (input: Record<string, unknown> = {}) => expectOk<PendingInquiries>(await app.dispatch('inquiries.pending', input));
const answered = async (input: Record<string, unknown> = {}) => expectOk<InquirySummary[]>(await app.dispatch('inquiries.answered', input));
const saveArticle = async (input: ArticleInput) => expectOk<ArticleView>(await app.dispatch('library.save', input));
const search = async (input: Record<string, unknown>) => expectOk<LibraryResults>(await app.dispatch('library.search', input));
const foundTitles = async (query: string, extra: Record<string, unknown> = {}) => (await search({ query, ...extra })).hits.map((hit) => hit.title);

const snapshot = () => snapshotDatabase(app.databasePath, app.key);

/** Runs a call that must be refused, and checks that the database is exactly as it was. */
async function refusedWithoutWriting(call: () => Promise<Result<unknown>>) {
  const before = snapshot();
  const error = expectError(await call());
  expect(snapshot()).toEqual(before);
  return error;
}

/** A second connection to the same encrypted file: to read rows as stored, and to run the helpers other areas call. */
async function withDatabase<T>(use: (opened: OpenedDatabase) => Promise<T> | T): Promise<T> {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return await use(opened);
  } finally {
    opened.sqlite.close();
  }
}

const contactRow = (id: string) =>
  withDatabase((opened) => opened.sqlite.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as Record<string, unknown>);
const inquiryRow = (id: string) =>
  withDatabase((opened) => opened.sqlite.prepare('SELECT * FROM inquiries WHERE id = ?').get(id) as Record<string, unknown>);

const FAMILY_SUPPORT: ArticleInput = {
  id: null,
  category: 'programs',
  title: 'برنامج دعم الأسرة',
  body: 'يقدّم البرنامج إعانة شهرية لأسرة السجين مدة 12 شهراً، بعد دراسة حالتها والتحقق من استحقاقها وفق لائحة الجمعية.',
};

async function signInAsNew(role: 'officer' | 'supervisor') {
  const account = await createUser(app.dispatch, role);
  expectOk(await app.dispatch('session.signOut', {}));
  const state = await signInAs(app.dispatch, account.username, account.password);
  return { ...account, id: state.user!.id };
}

async function signInAsAdmin() {
  expectOk(await app.dispatch('session.signOut', {}));
  expectOk(await app.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
}

describe('inquiries.ask', () => {
  it('records an inquiry answered on the spot with its contact, the article used, and no time to answer', async () => {
    const person = await registered();
    const article = await saveArticle(FAMILY_SUPPORT);
    await later(5);

    const { inquiry, contact } = await askedWithContact({ contact: question(person.id), answer: 'أوضحت له شروط البرنامج ومدته.', articleId: article.id });
    // the contact as contacts.log answers it, for the screen that logged it
    expect(contact).toMatchObject({ id: inquiry.contactId, beneficiaryId: person.id, purpose: 'inquiry', occurredAt: inquiry.askedAt });

    expect(inquiry).toMatchObject({
      status: 'answered',
      question: 'يسأل عن شروط برنامج دعم الأسرة',
      answer: 'أوضحت له شروط البرنامج ومدته.',
      channel: 'in_person',
      owner: { id: app.adminId },
      answeredBy: { id: app.adminId },
      answerContactId: null,
      article: { id: article.id, title: 'برنامج دعم الأسرة' },
      minutesToAnswer: 0,
      ageMinutes: 0,
      person: { beneficiaryId: person.id, fileNumber: person.fileNumber, name: 'محمد عبدالله سعد الحربي' },
    });
    expect(inquiry.answeredAt).toBe(inquiry.askedAt);
    // asked at the clock's now, not the real time
    expect(Math.abs(Date.parse(inquiry.askedAt) - time.clock().getTime())).toBeLessThan(5_000);

    expect(await contactRow(inquiry.contactId)).toMatchObject({
      beneficiary_id: person.id,
      purpose: 'inquiry',
      direction: 'incoming',
      summary: 'يسأل عن شروط برنامج دعم الأسرة',
      occurred_at: inquiry.askedAt,
      officer_id: app.adminId,
    });
    expect(await inquiryRow(inquiry.id)).toMatchObject({
      contact_id: inquiry.contactId,
      beneficiary_id: person.id,
      status: 'answered',
      asked_at: inquiry.askedAt,
      answered_at: inquiry.askedAt,
      answered_by: app.adminId,
      owner_id: app.adminId,
      article_id: article.id,
      answer_contact_id: null,
    });
    expect(await getInquiry(inquiry.id)).toEqual(inquiry);
    expect((await pending()).total).toBe(0);

    // Filed under the person, naming the inquiry: it is on their trail with the contact that carried it.
    const [asked] = await auditEntries(app.dispatch, { action: 'inquiry.asked' });
    expect(asked).toMatchObject({ entityType: 'beneficiary', entityId: person.id, actor: { id: app.adminId }, summary: { inquiryId: inquiry.id, contactId: inquiry.contactId } });
    expect((await auditEntries(app.dispatch, { beneficiaryId: person.id })).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['contact.logged', 'inquiry.asked']),
    );
  });

  it('answers on the spot at the time the contact happened, when it is logged afterwards', async () => {
    const person = await registered();
    const at = minutesAgo(45);
    const inquiry = await ask({ contact: question(person.id, { occurredAt: at }), answer: 'نعم، يشمل البرنامج الأبناء.', articleId: null });
    expect(inquiry).toMatchObject({ askedAt: at, answeredAt: at, minutesToAnswer: 0, ageMinutes: 45, article: null });
  });

  it('forces the contact’s purpose to inquiry, whatever was sent or left out', async () => {
    const person = await registered();
    const asComplaint = await ask({ contact: { ...question(person.id), purpose: 'complaint' }, answer: null, articleId: null });
    const withoutPurpose = await ask({ contact: question(person.id), answer: null, articleId: null });
    for (const inquiry of [asComplaint, withoutPurpose]) {
      expect(inquiry.status).toBe('pending');
      expect((await contactRow(inquiry.contactId)).purpose).toBe('inquiry');
    }
    const purposes = await withDatabase((opened) => opened.sqlite.prepare('SELECT purpose FROM contacts WHERE beneficiary_id = ?').pluck().all(person.id));
    expect(purposes).toEqual(['inquiry', 'inquiry']);
  });

  it('takes an inquiry from someone not registered yet, by name and phone', async () => {
    const inquiry = await ask({
      contact: question(null, { personName: 'أم خالد', personPhone: '0551234567', channel: 'phone' }),
      answer: null,
      articleId: null,
    });
    expect(inquiry.person).toEqual({ beneficiaryId: null, name: 'أم خالد', fileNumber: null, phone: '+966551234567' });
    expect(await inquiryRow(inquiry.id)).toMatchObject({ beneficiary_id: null, status: 'pending', answered_at: null, answer: null });
  });

  it('refuses bad input and writes nothing: no summary, an article without the answer, an unknown article', async () => {
    const person = await registered();
    expect(await refusedWithoutWriting(() => app.dispatch('inquiries.ask', { contact: question(person.id, { summary: '  ' }), answer: 'x' }))).toEqual({
      code: 'validation',
      messageKey: 'validation.failed',
      details: { fields: [{ path: 'contact.summary', messageKey: 'validation.required' }] },
    });
    const article = await saveArticle(FAMILY_SUPPORT);
    expect(await refusedWithoutWriting(() => app.dispatch('inquiries.ask', { contact: question(person.id), articleId: article.id }))).toEqual({
      code: 'validation',
      messageKey: 'validation.failed',
      details: { fields: [{ path: 'answer', messageKey: 'validation.inquiries.answerWithArticle' }] },
    });
    const unknown = '019ab9a0-0000-7000-8000-00000000ffff';
    expect(await refusedWithoutWriting(() => app.dispatch('inquiries.ask', { contact: question(person.id), answer: 'نعم', articleId: unknown }))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.article',
    });
  });
});

describe('inquiries.answer', () => {
  it('answers a pending inquiry later, logs the call back as an outgoing contact, and measures the time to answer with the clock', async () => {
    const person = await registered();
    const article = await saveArticle(FAMILY_SUPPORT);
    const asked = await ask({ contact: question(person.id, { channel: 'phone', phoneNumber: '0559876543' }), answer: null, articleId: null });
    expect(asked).toMatchObject({ status: 'pending', answeredAt: null, minutesToAnswer: null, answer: null, answeredBy: null });

    await later(150);
    const done = expectOk<InquiryView>(await answer({ id: asked.id, answer: 'اتصلت به وأبلغته بشروط البرنامج.', articleId: article.id, channel: 'phone' }));

    expect(done).toMatchObject({ status: 'answered', minutesToAnswer: 150, answeredBy: { id: app.adminId }, article: { id: article.id } });
    expect(Math.abs(Date.parse(done.answeredAt!) - time.clock().getTime())).toBeLessThan(5_000);
    expect(done.answerContactId).not.toBeNull();
    expect(await contactRow(done.answerContactId!)).toMatchObject({
      beneficiary_id: person.id,
      channel: 'phone',
      direction: 'outgoing',
      purpose: 'inquiry',
      summary: 'اتصلت به وأبلغته بشروط البرنامج.',
      // called back on the number the question came from
      phone_number: '+966559876543',
      occurred_at: done.answeredAt,
    });
    expect(await inquiryRow(asked.id)).toMatchObject({ status: 'answered', answered_at: done.answeredAt, answer_contact_id: done.answerContactId });
    expect((await pending()).inquiries).toEqual([]);

    const [entry] = await auditEntries(app.dispatch, { action: 'inquiry.answered' });
    expect(entry).toMatchObject({ entityType: 'beneficiary', entityId: person.id, summary: { inquiryId: asked.id, minutesToAnswer: 150, channel: 'phone' } });
    expect((await auditEntries(app.dispatch, { beneficiaryId: person.id })).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['inquiry.asked', 'inquiry.answered']),
    );

    const recent = await answered();
    expect(recent.map((inquiry) => [inquiry.id, inquiry.minutesToAnswer])).toEqual([[asked.id, 150]]);
  });

  it('answers without logging a contact when no channel is given; a walk-in is called back by name and phone', async () => {
    const walkIn = await ask({ contact: question(null, { personName: 'سعد', personPhone: '0551112222' }), answer: null, articleId: null });
    const plain = await ask({ contact: question(null, { personName: 'نورة' }), answer: null, articleId: null });
    await later(10);

    const quiet = expectOk<InquiryView>(await answer({ id: plain.id, answer: 'أُجيبت حضورياً.' }));
    expect(quiet).toMatchObject({ status: 'answered', answerContactId: null, minutesToAnswer: 10 });

    const called = expectOk<InquiryView>(await answer({ id: walkIn.id, answer: 'اتصلنا بها.', channel: 'phone' }));
    expect(await contactRow(called.answerContactId!)).toMatchObject({
      beneficiary_id: null,
      person_name: 'سعد',
      person_phone: '+966551112222',
      phone_number: '+966551112222',
      direction: 'outgoing',
    });
  });

  it('refuses to answer twice, and writes nothing', async () => {
    const person = await registered();
    const inquiry = await ask({ contact: question(person.id), answer: null, articleId: null });
    expectOk(await answer({ id: inquiry.id, answer: 'الإجابة الأولى', channel: 'phone', phoneNumber: '0551234567' }));

    expect(await refusedWithoutWriting(() => answer({ id: inquiry.id, answer: 'إجابة ثانية', channel: 'phone', phoneNumber: '0551234567' }))).toEqual({
      code: 'rule',
      messageKey: 'inquiries.alreadyAnswered',
    });
    const onTheSpot = await ask({ contact: question(person.id), answer: 'أُجيب فوراً', articleId: null });
    expect(await refusedWithoutWriting(() => answer({ id: onTheSpot.id, answer: 'مرة أخرى' }))).toEqual({ code: 'rule', messageKey: 'inquiries.alreadyAnswered' });
    expect((await getInquiry(inquiry.id)).answer).toBe('الإجابة الأولى');
  });

  it('records the answer in the inquiry’s own row and in one audit entry, as it always has', async () => {
    const walkIn = await ask({
      contact: question(null, { personName: 'زائرة', channel: 'social_media', platform: 'whatsapp', handle: 'zaera' }),
      answer: null,
      articleId: null,
    });
    await later(7);
    const done = expectOk<InquiryView>(await answer({ id: walkIn.id, answer: 'اتصلنا بها وأجبناها.', articleId: null, channel: 'phone', phoneNumber: '0553334444' }));

    expect(await inquiryRow(walkIn.id)).toMatchObject({
      status: 'answered',
      answer: 'اتصلنا بها وأجبناها.',
      answered_at: done.answeredAt,
      answered_by: app.adminId,
      answer_contact_id: done.answerContactId,
      article_id: null,
      updated_at: done.answeredAt,
      updated_by: app.adminId,
    });
    // Through another channel than the question's, the question's channel details stay behind.
    expect(await contactRow(done.answerContactId!)).toMatchObject({ channel: 'phone', person_name: 'زائرة', phone_number: '+966553334444', platform: null, handle: null });
    const stored = await withDatabase(
      (opened) => opened.sqlite.prepare(`SELECT entity_type, entity_id, summary FROM audit_log WHERE action = 'inquiry.answered'`).all() as Array<Record<string, unknown>>,
    );
    expect(stored).toEqual([
      {
        entity_type: 'inquiry',
        entity_id: walkIn.id,
        summary: JSON.stringify({ inquiryId: walkIn.id, answerContactId: done.answerContactId, channel: 'phone', articleId: null, minutesToAnswer: 7 }),
      },
    ]);
  });

  it('refuses an empty answer, an unknown inquiry and a bad phone number, and writes nothing', async () => {
    const inquiry = await ask({ contact: question(null, { personName: 'زائر' }), answer: null, articleId: null });
    expect(await refusedWithoutWriting(() => answer({ id: inquiry.id, answer: ' ' }))).toMatchObject({
      details: { fields: [{ path: 'answer', messageKey: 'validation.required' }] },
    });
    expect(await refusedWithoutWriting(() => answer({ id: inquiry.id, answer: 'نعم', channel: 'phone', phoneNumber: '12' }))).toMatchObject({
      details: { fields: [{ path: 'phoneNumber', messageKey: 'validation.phone' }] },
    });
    expect(await refusedWithoutWriting(() => answer({ id: '019ab9a0-0000-7000-8000-00000000ffff', answer: 'نعم' }))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.inquiry',
    });
  });
});

describe('inquiries.pending', () => {
  it('lists the queue oldest first with each inquiry’s age and owner; mine keeps the caller’s own', async () => {
    const person = await registered();
    const dayOld = await ask({ contact: question(person.id, { occurredAt: minutesAgo(26 * 60) }), answer: null, articleId: null });
    const hourOld = await ask({ contact: question(null, { personName: 'أبو فهد', occurredAt: minutesAgo(90) }), answer: null, articleId: null });
    await ask({ contact: question(person.id), answer: 'أُجيب', articleId: null });

    const officer = await signInAsNew('officer');
    const officers = await ask({ contact: question(person.id, { occurredAt: minutesAgo(30) }), answer: null, articleId: null });
    const newest = await ask({ contact: question(null, { personName: 'أم علي' }), answer: null, articleId: null });

    const everyone = await pending();
    expect(everyone.total).toBe(4);
    expect(everyone.inquiries.map((inquiry) => inquiry.id)).toEqual([dayOld.id, hourOld.id, officers.id, newest.id]);
    expect(everyone.inquiries.map((inquiry) => inquiry.ageMinutes)).toEqual([26 * 60, 90, 30, 0]);
    expect(everyone.inquiries.map((inquiry) => inquiry.owner.id)).toEqual([app.adminId, app.adminId, officer.id, officer.id]);
    expect(everyone.inquiries[0]!.person).toMatchObject({ beneficiaryId: person.id, fileNumber: person.fileNumber });
    expect(everyone.inquiries[1]!.person).toMatchObject({ beneficiaryId: null, name: 'أبو فهد' });

    const mine = await pending({ mine: true });
    expect(mine).toMatchObject({ total: 2 });
    expect(mine.inquiries.map((inquiry) => inquiry.id)).toEqual([officers.id, newest.id]);

    const secondPage = await pending({ limit: 2, offset: 2 });
    expect(secondPage.inquiries.map((inquiry) => inquiry.id)).toEqual([officers.id, newest.id]);
    expect(secondPage.total).toBe(4);

    // Ages move with the clock.
    await later(60);
    expect((await pending()).inquiries.map((inquiry) => inquiry.ageMinutes)).toEqual([27 * 60, 150, 90, 60]);

    // Answered by anyone, it leaves everyone's queue; "answered recently" mine means answered by me.
    expectOk(await answer({ id: dayOld.id, answer: 'أُجيب بعد يوم' }));
    expect((await pending()).total).toBe(3);
    expect((await answered({ mine: true })).map((inquiry) => inquiry.id)).toEqual([dayOld.id]);
    await signInAsAdmin();
    expect((await answered({ mine: true })).map((inquiry) => inquiry.id)).not.toContain(dayOld.id);
    expect((await pending({ mine: true })).inquiries.map((inquiry) => inquiry.id)).toEqual([hourOld.id]);
  });

  it('reads the queue through the partial indexes of pending inquiries, already in order', async () => {
    const person = await registered();
    for (let n = 0; n < 3; n += 1) await ask({ contact: question(person.id), answer: null, articleId: null });
    await withDatabase((opened) => {
      for (const [index, ownerId] of [['inquiries_pending', null], ['inquiries_pending_by_owner', app.adminId]] as const) {
        const compiled = pendingQueueQuery(opened.db, ownerId).limit(50).offset(0).compile();
        const plan = opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as Array<{ detail: string }>;
        const details = plan.map((row) => row.detail).join('\n');
        expect(details, index).toMatch(new RegExp(`(SCAN|SEARCH) i USING INDEX ${index}\\b`));
        expect(details, index).not.toContain('TEMP B-TREE');
      }
    });
  });
});

describe('the reference library', () => {
  // These search a library holding only their own articles: the starter articles a desk is set up with
  // (tests/integration/starter-library.test.ts) are taken out first, with the controlled documents that name the policy's.
  beforeEach(() =>
    withDatabase((opened) => {
      for (const table of ['controlled_document_versions', 'controlled_documents', 'articles']) opened.sqlite.prepare(`DELETE FROM ${table}`).run();
    }),
  );

  const articles: ArticleInput[] = [
    FAMILY_SUPPORT,
    {
      id: null,
      category: 'services',
      title: 'الإعانة الطارئة',
      body: 'تُصرف إعانة عاجلة للأسر المحتاجة خلال ٣ أيام عمل من اكتمال الطلب.',
    },
    {
      id: null,
      category: 'bylaws',
      title: 'المادة الرابعة من اللائحة',
      body: 'تُعنى الجمعية برعاية السجناء والمفرج عنهم وأُسَرِهِم، وتقدم لهم البرامج والخدمات.',
    },
    {
      id: null,
      category: 'answers',
      title: 'مواعيد الاستقبال',
      body: 'يستقبل مكتب الجمعية المراجعين من الأحد إلى الخميس، من الساعة 8 صباحاً حتى 2 ظهراً.',
    },
  ];

  it('finds articles in any common spelling: hamza and alef forms, taa marbuta, harakat, tatweel, Arabic-Indic digits', async () => {
    for (const article of articles) await saveArticle(article);

    // الأسرة typed as الاسره finds it in the title, and inside other words (لأسرة, وأُسَرِهِم)
    expect(await foundTitles('الاسره')).toEqual(['برنامج دعم الأسرة', 'المادة الرابعة من اللائحة']);
    expect(await foundTitles('للأسرة')).toEqual(['برنامج دعم الأسرة', 'المادة الرابعة من اللائحة']);
    expect(await foundTitles('بالإعانة')).toEqual(['الإعانة الطارئة', 'برنامج دعم الأسرة']);
    expect(await foundTitles('اعانه')).toEqual(['الإعانة الطارئة', 'برنامج دعم الأسرة']);
    expect(await foundTitles('إعَانَـــة')).toEqual(['الإعانة الطارئة', 'برنامج دعم الأسرة']);
    expect(await foundTitles('أُسَرِهِم')).toEqual(['المادة الرابعة من اللائحة']);
    // every word must match
    expect(await foundTitles('اعانه شهريه')).toEqual(['برنامج دعم الأسرة']);
    expect(await foundTitles('اعانه سنويه')).toEqual([]);
    // digits typed in either form find digits written in the other
    expect(await foundTitles(toArabicIndic('12 شهرا'))).toEqual(['برنامج دعم الأسرة']);
    expect(await foundTitles('3 ايام')).toEqual(['الإعانة الطارئة']);
    expect(await foundTitles('الخميس', { category: 'bylaws' })).toEqual([]);
    expect(await foundTitles('الخميس', { category: 'answers' })).toEqual(['مواعيد الاستقبال']);
    // an empty query lists the category
    expect(await foundTitles('', { category: 'services' })).toEqual(['الإعانة الطارئة']);
    // a question as typed suggests the articles sharing most of its words (short words left out)
    expect(await foundTitles('يسأل عن مدة الإعانة الشهرية للأسرة', { anyWord: true })).toEqual([
      'برنامج دعم الأسرة',
      'الإعانة الطارئة',
      'المادة الرابعة من اللائحة',
    ]);
    expect(await foundTitles('يسأل عن مدة الإعانة الشهرية للأسرة')).toEqual([]);
    expect(await foundTitles('عن في', { anyWord: true })).toEqual([]);
  });

  it('ranks title matches first and answers a short excerpt around the first match, as written', async () => {
    const longBody = `${'مقدمة عامة عن الجمعية وأهدافها. '.repeat(20)}ويُشترط لصرف الإعانة إحضار صك الحكم. ${'خاتمة. '.repeat(40)}`;
    await saveArticle({ id: null, category: 'bylaws', title: 'شروط عامة', body: longBody });
    await saveArticle({ id: null, category: 'services', title: 'إعانة الإيجار', body: 'تدفع الجمعية جزءاً من الإيجار.' });

    const results = await search({ query: 'الاعانه' });
    expect(results.hits.map((hit) => [hit.title, hit.matchedInTitle])).toEqual([
      ['إعانة الإيجار', true],
      ['شروط عامة', false],
    ]);
    const excerpt = results.hits[1]!.excerpt;
    expect(excerpt).toContain('لصرف الإعانة إحضار صك الحكم');
    expect(excerpt.startsWith('… ')).toBe(true);
    expect(excerpt.endsWith(' …')).toBe(true);
    expect(excerpt.length).toBeLessThan(300);
    expect(results.hits[0]!.excerpt).toBe('تدفع الجمعية جزءاً من الإيجار.');

    const limited = await search({ query: 'الجمعيه', limit: 1 });
    expect(limited).toMatchObject({ more: true });
    expect(limited.hits).toHaveLength(1);
  });

  it('lets the administrator alone add and change articles, audited, and keeps withdrawn articles out of the officer’s search', async () => {
    const created = await saveArticle(FAMILY_SUPPORT);
    expect(created).toMatchObject({ ...FAMILY_SUPPORT, id: created.id, active: true, updatedBy: { id: app.adminId } });
    expect(expectOk<ArticleView>(await app.dispatch('library.get', { id: created.id }))).toEqual(created);

    const changed = await saveArticle({ ...FAMILY_SUPPORT, id: created.id, title: 'برنامج كفالة الأسرة', active: false });
    expect(changed).toMatchObject({ title: 'برنامج كفالة الأسرة', active: false });
    expect(await foundTitles('كفاله')).toEqual([]);
    expect(await foundTitles('كفاله', { includeInactive: true })).toEqual(['برنامج كفالة الأسرة']);
    // the old title no longer finds it
    expect(await foundTitles('دعم', { includeInactive: true })).toEqual([]);

    const entries = await auditEntries(app.dispatch, { action: 'catalog.changed' });
    expect(entries.map((entry) => [entry.entityType, entry.entityId, entry.summary])).toEqual([
      ['catalog', created.id, { catalog: 'articles', change: 'updated', fields: ['title', 'active'] }],
      ['catalog', created.id, { catalog: 'articles', change: 'created', fields: ['category', 'title', 'body', 'active'] }],
    ]);
    // saving it unchanged writes nothing
    const before = snapshot();
    await saveArticle({ ...FAMILY_SUPPORT, id: created.id, title: 'برنامج كفالة الأسرة', active: false });
    expect(snapshot()).toEqual(before);

    expect(await refusedWithoutWriting(() => app.dispatch('library.save', { ...FAMILY_SUPPORT, title: '' }))).toMatchObject({
      details: { fields: [{ path: 'title', messageKey: 'validation.required' }] },
    });
    expect(await refusedWithoutWriting(() => app.dispatch('library.save', { ...FAMILY_SUPPORT, category: 'rumours' }))).toMatchObject({
      details: { fields: [{ path: 'category', messageKey: 'validation.choice' }] },
    });
    expect(await refusedWithoutWriting(() => app.dispatch('library.save', { ...FAMILY_SUPPORT, id: '019ab9a0-0000-7000-8000-00000000ffff' }))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.article',
    });

    for (const role of ['officer', 'supervisor'] as const) {
      await signInAsNew(role);
      expect(await refusedWithoutWriting(() => app.dispatch('library.save', FAMILY_SUPPORT))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
      expect(await refusedWithoutWriting(() => app.dispatch('library.save', { ...FAMILY_SUPPORT, id: created.id }))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
      // but reads the library and answers from it
      expectOk(await app.dispatch('library.get', { id: created.id }));
      expect(await foundTitles('كفاله', { includeInactive: true })).toEqual(['برنامج كفالة الأسرة']);
      await signInAsAdmin();
    }
  });
});

describe('the helpers other areas call', () => {
  const contextNow = (): CallContext => ({ actorId: app.adminId, now: time.clock() });

  it('links a walk-in’s inquiry to the person once the contact is linked, and lists a person’s inquiries', async () => {
    const walkIn = await ask({ contact: question(null, { personName: 'أبو سالم', personPhone: '0553334444' }), answer: null, articleId: null });
    const person = await registered();
    expectOk<ContactView>(await app.dispatch('contacts.link', { id: walkIn.contactId, beneficiaryId: person.id }));
    // the queue names the person through the linked contact already
    expect((await getInquiry(walkIn.id)).person).toMatchObject({ beneficiaryId: person.id, fileNumber: person.fileNumber });

    await withDatabase(async (opened) => {
      await opened.db.transaction().execute((trx) => linkInquiriesOfContact(trx, walkIn.contactId, person.id, contextNow()));
      expect(opened.sqlite.prepare('SELECT beneficiary_id FROM inquiries WHERE id = ?').get(walkIn.id)).toEqual({ beneficiary_id: person.id });
      const own = await inquiriesOf(opened.db, person.id, time.clock());
      expect(own.map((inquiry) => inquiry.id)).toEqual([walkIn.id]);
      // a contact already linked to someone keeps its inquiry's person
      const other = await registered();
      await opened.db.transaction().execute((trx) => linkInquiriesOfContact(trx, walkIn.contactId, other.id, contextNow()));
      expect(await inquiriesOf(opened.db, other.id, time.clock())).toEqual([]);
    });
  });

  it('erases what a person asked and was told, keeping the rows, their times and who answered', async () => {
    const person = await registered();
    const other = await registered();
    const onTheSpot = await ask({ contact: question(person.id), answer: 'أُجيب فوراً', articleId: null });
    const waiting = await ask({ contact: question(person.id, { summary: 'سؤال لم يُجب بعد' }), answer: null, articleId: null });
    const someoneElse = await ask({ contact: question(other.id), answer: 'إجابة لغيره', articleId: null });

    const blanked = await withDatabase((opened) => opened.db.transaction().execute((trx) => eraseInquiriesOf(trx, person.id, contextNow())));
    expect(blanked).toBe(2);

    expect(await getInquiry(onTheSpot.id)).toMatchObject({
      question: '',
      answer: '',
      status: 'answered',
      askedAt: onTheSpot.askedAt,
      answeredAt: onTheSpot.answeredAt,
      minutesToAnswer: 0,
      answeredBy: { id: app.adminId },
    });
    expect(await getInquiry(waiting.id)).toMatchObject({ question: '', answer: null, status: 'pending', askedAt: waiting.askedAt });
    expect(await getInquiry(someoneElse.id)).toMatchObject({ question: someoneElse.question, answer: 'إجابة لغيره' });
  });
});
