// The report's figures through the real call path, over a small office whose every record was made
// by the real calls at a known instant (a clock the test sets): two weeks of registrations,
// eligibility decisions, contacts, inquiries, requests walked through their life, complaints and a
// suggestion. Every figure of the week and of the week before is asserted, the edges of Riyadh's
// calendar days (23:30 on Thursday counts, 00:10 on Friday does not), who may read the figures, the
// period's validation, the agreement with the work queues, and the indexes every aggregate reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { indexesIn, queryPlan, recordingDatabase } from '../support/query-log';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations/index';
import { BENEFICIARY_STATUSES, type BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { COMPLAINT_STAGES, SUGGESTION_DECISIONS, type ComplaintDetail } from '../../electron/api/complaints';
import { CHANNELS } from '../../electron/api/contacts';
import type { AskedInquiry } from '../../electron/api/inquiries';
import type { OfficeQueues } from '../../electron/api/queues';
import {
  KEYED_RECORD_FIGURES,
  REPORT_RECORD_FIGURES,
  type PeriodFigures,
  type ReportFigures,
  type ReportRecord,
  type ReportRecordFigure,
  type ReportRecords,
  type ReportStaff,
  type ReportTrend,
  type ReportTrendCharts,
  type RequestCounts,
  type TrendBucket,
} from '../../electron/api/reports';
import { REQUEST_STAGES, type RequestDetail } from '../../electron/api/requests';
import type { Result } from '../../electron/api/result';
import { reportFigures } from '../../electron/services/reports/figures';
import { reportRecords } from '../../electron/services/reports/records';
import { reportTrend, reportTrendCharts } from '../../electron/services/reports/trend';
import { AUTHORITY_IDS, REQUEST_TYPE_IDS } from '../support/casework';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, createUser, expectError, expectOk, openTestWasl, signInAs, snapshotDatabase, tempDir, validFields, type TestWasl } from '../support/database';

const LEGAL_CONSULTATION = '019ab9a0-0000-7000-8000-00000000b007';

/** A clock the test sets: every record is made at a known instant. */
function settableClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => new Date(now),
    set: (instant: string) => {
      now = new Date(instant);
    },
  };
}

interface Actor {
  id: string;
  username: string;
  password: string;
  displayName: string;
}

/** Riyadh wall-clock time, as the desk lives it. */
const riyadh = (dateTime: string) => `${dateTime}:00+03:00`;

// The week reported on: Sunday 8 to Thursday 12 June 2025; the week before: 1 to 5 June. The report
// is read on Sunday 15 June.
const WEEK = { from: '2025-06-08', to: '2025-06-12' };
const NOW = riyadh('2025-06-15T10:00');

describe('the weekly report’s figures', () => {
  const time = settableClock(riyadh('2025-05-01T08:00'));
  let app: TestWasl;
  let admin: Actor;
  let officerA: Actor;
  let officerB: Actor;
  let supervisor: Actor;
  let signedIn: string | null = null;
  let person: BeneficiaryDetail;
  let figures: ReportFigures;

  /** Makes a call as someone at an instant: signs them in when someone else is, unlocks a desk left idle. */
  async function as<T>(who: Actor, instant: string, name: string, input: unknown): Promise<T> {
    time.set(instant);
    if (signedIn !== who.username) {
      expectOk(await app.dispatch('session.signIn', { username: who.username, password: who.password }));
      signedIn = who.username;
    }
    let result: Result<unknown> = await app.dispatch(name, input);
    if (!result.ok && result.error.code === 'locked') {
      expectOk(await app.dispatch('session.unlock', { password: who.password }));
      result = await app.dispatch(name, input);
    }
    return expectOk<T>(result);
  }

  async function account(role: 'officer' | 'supervisor', displayName: string): Promise<Actor> {
    const created = await createUser(app.dispatch, role);
    expectOk(await app.dispatch('users.update', { id: created.id, displayName, role, active: true }));
    await signInAs(app.dispatch, created.username, created.password);
    expectOk(await app.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    return { id: created.id, username: created.username, password: `${created.password}-chosen`, displayName };
  }

  const register = (at: string) => as<BeneficiaryDetail>(admin, at, 'beneficiaries.register', { fields: validFields() });
  const decideEligibility = (at: string, beneficiaryId: string, outcome: 'eligible' | 'not_eligible') =>
    as(admin, at, 'eligibility.record', {
      beneficiaryId,
      inScope: true,
      legalResident: true,
      receivesServices: outcome === 'eligible',
      outcome,
      reason: outcome === 'eligible' ? null : 'لا يستفيد من برامج الجمعية',
    });
  const contact = (who: Actor, at: string, channel: string, purpose: string) =>
    as(who, at, 'contacts.log', {
      beneficiaryId: person.id,
      channel,
      direction: 'incoming',
      purpose,
      summary: 'متابعة للاختبار',
      ...(channel === 'social_media' ? { platform: 'whatsapp' } : {}),
    });
  const ask = async (who: Actor, at: string, channel: string, answer: string | null = null) =>
    (
      await as<AskedInquiry>(who, at, 'inquiries.ask', {
        contact: { beneficiaryId: person.id, channel, direction: 'incoming', summary: 'متى تصرف المساعدة؟' },
        answer,
        articleId: null,
      })
    ).inquiry.id;
  const answerInquiry = (who: Actor, at: string, id: string) => as(who, at, 'inquiries.answer', { id, answer: 'في الأسبوع الأول من الشهر', articleId: null });
  const open = async (who: Actor, at: string, typeId: string) =>
    (await as<RequestDetail>(who, at, 'requests.open', { beneficiaryId: person.id, typeId, summary: 'طلب للاختبار', sourceContactId: null })).id;
  const move = (who: Actor, at: string, name: string, input: Record<string, unknown>) => as<RequestDetail>(who, at, name, input);
  const refer = (who: Actor, at: string, id: string, authorityId: string) =>
    move(who, at, 'requests.refer', { id, authorityId, letter: { subject: 'طلب تصريح زيارة سجين', body: null } });
  const receive = async (who: Actor, at: string, kind: 'complaint' | 'note' | 'suggestion') =>
    (await as<ComplaintDetail>(who, at, 'complaints.receive', { kind, beneficiaryId: person.id, about: 'service', subject: 'تأخر الرد' })).id;
  const step = (who: Actor, at: string, name: string, input: Record<string, unknown>) => as<ComplaintDetail>(who, at, name, input);

  beforeAll(async () => {
    app = await openTestWasl({ clock: time.clock });
    signedIn = ADMIN.username;
    officerA = await account('officer', 'أحمد الموظف');
    officerB = await account('officer', 'بدر الموظف');
    supervisor = await account('supervisor', 'سارة المشرفة');
    signedIn = ADMIN.username;
    admin = { id: app.adminId, username: ADMIN.username, password: ADMIN.password, displayName: ADMIN.displayName };
    const [A, B, S] = [officerA, officerB, supervisor];

    // Before both weeks: the person the casework is about, a complaint left unanswered (due 11 May),
    // a consultation never reviewed (due 18 May) and a referral to the prosecution (due 8 June).
    person = await register(riyadh('2025-05-01T08:00'));
    await decideEligibility(riyadh('2025-05-01T08:30'), person.id, 'eligible');
    const k3 = await receive(A, riyadh('2025-05-04T09:00'), 'complaint');
    await step(A, riyadh('2025-05-04T10:00'), 'complaints.acknowledge', { id: k3 });
    const r4 = await open(B, riyadh('2025-05-11T09:00'), LEGAL_CONSULTATION);
    const r3 = await open(A, riyadh('2025-05-18T09:00'), REQUEST_TYPE_IDS.visitPermit);
    await move(A, riyadh('2025-05-18T10:00'), 'requests.startReview', { id: r3 });
    await refer(A, riyadh('2025-05-19T09:00'), r3, AUTHORITY_IDS.prosecution);

    // The week before: 1 to 5 June.
    await contact(A, riyadh('2025-06-01T08:00'), 'phone', 'follow_up');
    const r6 = await open(B, riyadh('2025-06-01T09:00'), REQUEST_TYPE_IDS.financialAid);
    await move(B, riyadh('2025-06-01T10:00'), 'requests.startReview', { id: r6 });
    const r9 = await open(A, riyadh('2025-06-01T10:30'), REQUEST_TYPE_IDS.visitPermit);
    await move(A, riyadh('2025-06-01T10:45'), 'requests.startReview', { id: r9 });
    const i6 = await ask(A, riyadh('2025-06-02T09:00'), 'phone');
    await answerInquiry(A, riyadh('2025-06-02T09:45'), i6);
    const k2 = await receive(B, riyadh('2025-06-02T09:10'), 'suggestion');
    await step(B, riyadh('2025-06-02T10:00'), 'complaints.acknowledge', { id: k2 });
    const r2 = await open(B, riyadh('2025-06-02T09:20'), REQUEST_TYPE_IDS.visitPermit);
    await move(B, riyadh('2025-06-02T10:20'), 'requests.startReview', { id: r2 });
    await refer(A, riyadh('2025-06-02T10:30'), r9, AUTHORITY_IDS.prosecution);
    await refer(B, riyadh('2025-06-03T08:30'), r2, AUTHORITY_IDS.prisons);
    await move(S, riyadh('2025-06-03T09:00'), 'requests.decide', { id: r6, outcome: 'approved', reason: 'مستوفٍ للشروط' });
    await step(B, riyadh('2025-06-03T09:30'), 'complaints.investigate', { id: k2 });
    const p1 = await register(riyadh('2025-06-03T10:00'));
    const r5 = await open(A, riyadh('2025-06-04T09:00'), REQUEST_TYPE_IDS.financialAid);
    await step(S, riyadh('2025-06-04T09:30'), 'complaints.resolve', {
      id: k2,
      resolution: 'دُرس المقترح',
      decision: 'adopted',
      improvement: 'تمديد ساعات الاستقبال',
    });
    const i4 = await ask(A, riyadh('2025-06-04T10:00'), 'in_person');
    await decideEligibility(riyadh('2025-06-04T11:00'), p1.id, 'eligible');
    await move(B, riyadh('2025-06-05T09:00'), 'requests.notify', { id: r6, channel: 'in_person' });
    await contact(B, riyadh('2025-06-05T23:30'), 'in_person', 'note');
    // Saturday: in neither week.
    await contact(A, riyadh('2025-06-07T12:00'), 'phone', 'note');

    // The week: 8 to 12 June.
    await register(riyadh('2025-06-08T00:10'));
    await contact(A, riyadh('2025-06-08T09:00'), 'in_person', 'follow_up');
    const k1 = await receive(A, riyadh('2025-06-08T09:05'), 'complaint');
    const r1 = await open(A, riyadh('2025-06-08T10:00'), REQUEST_TYPE_IDS.financialAid);
    await step(A, riyadh('2025-06-08T10:05'), 'complaints.acknowledge', { id: k1 });
    await move(A, riyadh('2025-06-08T11:00'), 'requests.startReview', { id: r1 });
    await step(A, riyadh('2025-06-09T08:50'), 'complaints.investigate', { id: k1 });
    const p2 = await register(riyadh('2025-06-09T09:00'));
    await move(B, riyadh('2025-06-09T09:00'), 'requests.recordAuthorityAnswer', {
      id: r2,
      letter: { number: '4471/ص', letterDate: '2025-06-09', subject: 'الموافقة على الزيارة' },
    });
    await move(S, riyadh('2025-06-09T09:10'), 'requests.reassign', { id: r4, ownerId: A.id });
    await move(A, riyadh('2025-06-09T09:20'), 'requests.withdraw', { id: r5, reason: 'لم يعد بحاجة إليه' });
    await step(B, riyadh('2025-06-09T09:30'), 'complaints.answer', { id: k2, channel: 'phone', summary: 'أُبلغ باعتماد مقترحه' });
    await decideEligibility(riyadh('2025-06-09T10:00'), p2.id, 'eligible');
    await answerInquiry(A, riyadh('2025-06-09T10:00'), i4);
    const i1 = await ask(A, riyadh('2025-06-09T10:01'), 'in_person');
    await answerInquiry(A, riyadh('2025-06-09T10:31'), i1);
    const i2 = await ask(B, riyadh('2025-06-10T09:00'), 'phone');
    await step(A, riyadh('2025-06-10T09:05'), 'complaints.resolve', { id: k1, resolution: 'عولج التأخير' });
    await move(B, riyadh('2025-06-10T09:10'), 'requests.close', { id: r6 });
    await move(S, riyadh('2025-06-10T10:00'), 'requests.decide', { id: r1, outcome: 'approved', reason: 'مستوفٍ للشروط' });
    await answerInquiry(B, riyadh('2025-06-10T11:00'), i2);
    await contact(A, riyadh('2025-06-10T11:05'), 'phone', 'note');
    await ask(A, riyadh('2025-06-11T09:00'), 'in_person', 'أجيب في الحال');
    await step(A, riyadh('2025-06-11T09:10'), 'complaints.answer', { id: k1, channel: 'phone', summary: 'أُبلغ بمعالجة التأخير' });
    await move(S, riyadh('2025-06-11T09:20'), 'requests.decide', { id: r2, outcome: 'rejected', reason: 'لم تتوفر الشروط' });
    await move(A, riyadh('2025-06-11T10:00'), 'requests.notify', { id: r1, channel: 'phone' });
    await move(A, riyadh('2025-06-11T12:00'), 'requests.close', { id: r1 });
    await contact(A, riyadh('2025-06-11T12:05'), 'social_media', 'request');
    await ask(B, riyadh('2025-06-12T15:00'), 'phone');
    const i7 = await ask(B, riyadh('2025-06-12T22:00'), 'website');
    // The last half hour of Thursday counts in the week.
    await open(A, riyadh('2025-06-12T23:30'), LEGAL_CONSULTATION);
    await contact(B, riyadh('2025-06-12T23:30'), 'phone', 'follow_up');
    const p3 = await register(riyadh('2025-06-12T23:30'));
    await receive(B, riyadh('2025-06-12T23:30'), 'note');
    await decideEligibility(riyadh('2025-06-12T23:40'), p3.id, 'not_eligible');
    // Ten past midnight on Friday does not.
    await register(riyadh('2025-06-13T00:10'));
    await contact(B, riyadh('2025-06-13T00:10'), 'website', 'note');
    await answerInquiry(B, riyadh('2025-06-13T08:00'), i7);

    figures = await as<ReportFigures>(supervisor, NOW, 'reports.figures', WEEK);
  });

  afterAll(async () => {
    await app?.cleanup();
  });

  const staff = (who: Actor, role: ReportStaff['role']): ReportStaff => ({ id: who.id, displayName: who.displayName, role, active: true });
  const counts = (overrides: Partial<RequestCounts>): RequestCounts => ({
    received: 0,
    decided: 0,
    approved: 0,
    rejected: 0,
    notified: 0,
    closed: 0,
    withdrawn: 0,
    openAtEnd: 0,
    overdueAtEnd: 0,
    ...overrides,
  });
  const byType = (period: PeriodFigures) => new Map(period.requests.byType.map(({ type, ...rest }) => [type.id, rest]));

  it('names the week and the week before, in Riyadh days, with their ends as the desk lived them', () => {
    expect(figures.current.period).toEqual({
      from: '2025-06-08',
      to: '2025-06-12',
      days: 5,
      startsAt: '2025-06-07T21:00:00.000Z',
      endsAt: '2025-06-12T21:00:00.000Z',
      asOf: '2025-06-12T21:00:00.000Z',
      asOfDay: '2025-06-12',
    });
    // Sunday to Thursday before, not the five days (a weekend among them) just before.
    expect(figures.previous.period).toEqual({
      from: '2025-06-01',
      to: '2025-06-05',
      days: 5,
      startsAt: '2025-05-31T21:00:00.000Z',
      endsAt: '2025-06-05T21:00:00.000Z',
      asOf: '2025-06-05T21:00:00.000Z',
      asOfDay: '2025-06-05',
    });
  });

  it('counts new files and eligibility decisions, from 00:10 on Sunday to 23:30 on Thursday but not 00:10 on Friday', () => {
    expect(figures.current.beneficiaries).toEqual({ registered: 3 });
    expect(figures.previous.beneficiaries).toEqual({ registered: 1 });
    expect(figures.current.eligibility).toEqual({ decided: 2, eligible: 1, notEligible: 1 });
    expect(figures.previous.eligibility).toEqual({ decided: 1, eligible: 1, notEligible: 0 });
  });

  it('counts contacts by channel, purpose and officer, those logged by casework included, none from the weekend', () => {
    // Logged, asked, answered (a complaint and a suggestion) and notified, through every channel.
    expect(figures.current.contacts).toEqual({
      total: 12,
      byChannel: { in_person: 3, phone: 7, social_media: 1, letter: 0, website: 1 },
      byPurpose: { inquiry: 5, note: 1, complaint: 1, request: 1, suggestion: 1, follow_up: 2, notification: 1 },
      byOfficer: [
        { user: staff(officerA, 'officer'), count: 7 },
        { user: staff(officerB, 'officer'), count: 5 },
      ],
    });
    expect(figures.previous.contacts).toEqual({
      total: 5,
      byChannel: { in_person: 3, phone: 2, social_media: 0, letter: 0, website: 0 },
      byPurpose: { inquiry: 2, note: 1, complaint: 0, request: 0, suggestion: 0, follow_up: 1, notification: 1 },
      byOfficer: [
        { user: staff(officerA, 'officer'), count: 3 },
        { user: staff(officerB, 'officer'), count: 2 },
      ],
    });
  });

  it('counts inquiries asked, answered and pending at the end, with the median and 90th percentile minutes to answer', () => {
    // Answered in the week: on the spot (0), after 30 and 120 minutes, and one asked the week before
    // (five days, 7,200 minutes). Median of four: the mean of 30 and 120; nearest-rank p90: the 4th.
    expect(figures.current.inquiries).toEqual({
      asked: 5,
      answered: 4,
      pendingAtEnd: 2,
      minutesToAnswer: { count: 4, median: 75, p90: 7200 },
    });
    expect(figures.previous.inquiries).toEqual({
      asked: 2,
      answered: 1,
      pendingAtEnd: 1,
      minutesToAnswer: { count: 1, median: 45, p90: 45 },
    });
  });

  it('counts requests received, decided, notified, closed and withdrawn, where they stood at the end, and the days to decision and notification', () => {
    const { byType: _current, ...current } = figures.current.requests;
    expect(current).toEqual({
      ...counts({ received: 2, decided: 2, approved: 1, rejected: 1, notified: 1, closed: 2, withdrawn: 1, openAtEnd: 5, overdueAtEnd: 2 }),
      stagesAtEnd: { received: 2, under_review: 0, referred: 2, authority_answered: 0, decided: 1, notified: 0 },
      daysToDecision: { count: 2, median: 5.5, p90: 9 },
      daysToNotification: { count: 1, median: 3, p90: 3 },
    });
    const { byType: _previous, ...previous } = figures.previous.requests;
    expect(previous).toEqual({
      ...counts({ received: 4, decided: 1, approved: 1, notified: 1, openAtEnd: 6, overdueAtEnd: 1 }),
      stagesAtEnd: { received: 2, under_review: 0, referred: 3, authority_answered: 0, decided: 0, notified: 1 },
      daysToDecision: { count: 1, median: 2, p90: 2 },
      daysToNotification: { count: 1, median: 4, p90: 4 },
    });
  });

  it('counts requests by type, every active type listed in catalog order in both weeks', () => {
    const ids = figures.current.requests.byType.map((row) => row.type.id);
    expect(ids).toHaveLength(7);
    expect(figures.previous.requests.byType.map((row) => row.type.id)).toEqual(ids);
    expect(figures.current.requests.byType[0]?.type).toEqual({ id: REQUEST_TYPE_IDS.financialAid, nameAr: 'مساعدة مالية', nameEn: 'Financial aid', active: true });

    const current = byType(figures.current);
    expect(current.get(REQUEST_TYPE_IDS.financialAid)).toEqual(counts({ received: 1, decided: 1, approved: 1, notified: 1, closed: 2, withdrawn: 1 }));
    expect(current.get(REQUEST_TYPE_IDS.visitPermit)).toEqual(counts({ decided: 1, rejected: 1, openAtEnd: 3, overdueAtEnd: 1 }));
    expect(current.get(LEGAL_CONSULTATION)).toEqual(counts({ received: 1, openAtEnd: 2, overdueAtEnd: 1 }));
    const previous = byType(figures.previous);
    expect(previous.get(REQUEST_TYPE_IDS.financialAid)).toEqual(counts({ received: 2, decided: 1, approved: 1, notified: 1, openAtEnd: 2 }));
    expect(previous.get(REQUEST_TYPE_IDS.visitPermit)).toEqual(counts({ received: 2, openAtEnd: 3 }));
    expect(previous.get(LEGAL_CONSULTATION)).toEqual(counts({ openAtEnd: 1, overdueAtEnd: 1 }));
    for (const period of [current, previous]) {
      for (const [id, figuresOfType] of period) {
        if (![REQUEST_TYPE_IDS.financialAid, REQUEST_TYPE_IDS.visitPermit, LEGAL_CONSULTATION].includes(id)) expect(figuresOfType, id).toEqual(counts({}));
      }
    }
  });

  it('lists the referrals still waiting on each authority at the end, with the oldest and average days', () => {
    const prosecution = { id: AUTHORITY_IDS.prosecution, nameAr: 'النيابة العامة', nameEn: 'Public Prosecution' };
    const prisons = { id: AUTHORITY_IDS.prisons, nameAr: 'المديرية العامة للسجون', nameEn: 'General Directorate of Prisons' };
    // Referred on 19 May and 2 June: 24 and 10 days on 12 June; 17 and 3 days on 5 June.
    expect(figures.current.referrals).toEqual([
      { authority: prosecution, waiting: 2, oldestDays: 24, averageDays: 17, oldestReferredOn: '2025-05-19' },
      { authority: prisons, waiting: 0, oldestDays: null, averageDays: null, oldestReferredOn: null },
    ]);
    expect(figures.previous.referrals).toEqual([
      { authority: prosecution, waiting: 2, oldestDays: 17, averageDays: 10, oldestReferredOn: '2025-05-19' },
      { authority: prisons, waiting: 1, oldestDays: 2, averageDays: 2, oldestReferredOn: '2025-06-03' },
    ]);
  });

  it('counts complaints, notes and suggestions opened, resolved, answered and overdue at the end, by kind', () => {
    expect(figures.current.complaints).toEqual({
      total: { opened: 2, resolved: 1, answered: 2, overdueAtEnd: 1 },
      byKind: {
        complaint: { opened: 1, resolved: 1, answered: 1, overdueAtEnd: 1 },
        note: { opened: 1, resolved: 0, answered: 0, overdueAtEnd: 0 },
        suggestion: { opened: 0, resolved: 0, answered: 1, overdueAtEnd: 0 },
      },
      suggestionsDecided: { total: 0, byDecision: { adopted: 0, declined: 0, under_study: 0 } },
    });
    expect(figures.previous.complaints).toEqual({
      total: { opened: 1, resolved: 1, answered: 0, overdueAtEnd: 1 },
      byKind: {
        complaint: { opened: 0, resolved: 0, answered: 0, overdueAtEnd: 1 },
        note: { opened: 0, resolved: 0, answered: 0, overdueAtEnd: 0 },
        suggestion: { opened: 1, resolved: 1, answered: 0, overdueAtEnd: 0 },
      },
      // Adopted when it was resolved, on 4 June.
      suggestionsDecided: { total: 1, byDecision: { adopted: 1, declined: 0, under_study: 0 } },
    });
  });

  it('gives each staff member’s workload, the same people in the same order in both weeks', () => {
    const work = (who: Actor, role: ReportStaff['role'], figures: Partial<Omit<PeriodFigures['workload'][number], 'user'>>) => ({
      user: staff(who, role),
      contactsLogged: 0,
      inquiriesAnswered: 0,
      requestsHeld: 0,
      requestsOverdue: 0,
      requestsDecided: 0,
      complaintsAnswered: 0,
      ...figures,
    });
    // Held at the end: r4 was given from B to A on 9 June.
    expect(figures.current.workload).toEqual([
      work(officerA, 'officer', { contactsLogged: 7, inquiriesAnswered: 3, requestsHeld: 4, requestsOverdue: 2, complaintsAnswered: 1 }),
      work(officerB, 'officer', { contactsLogged: 5, inquiriesAnswered: 1, requestsHeld: 1, complaintsAnswered: 1 }),
      work(supervisor, 'supervisor', { requestsDecided: 2 }),
      work(admin, 'administrator', {}),
    ]);
    expect(figures.previous.workload).toEqual([
      work(officerA, 'officer', { contactsLogged: 3, inquiriesAnswered: 1, requestsHeld: 3 }),
      work(officerB, 'officer', { contactsLogged: 2, requestsHeld: 3, requestsOverdue: 1 }),
      work(supervisor, 'supervisor', { requestsDecided: 1 }),
      work(admin, 'administrator', {}),
    ]);
  });

  it('reads a week not yet over as of now, agreeing with the work queues', async () => {
    const ongoing = await as<ReportFigures>(supervisor, NOW, 'reports.figures', { from: '2025-06-15', to: '2025-06-19' });
    expect(ongoing.current.period).toMatchObject({ asOf: new Date(NOW).toISOString(), asOfDay: '2025-06-15' });
    const queues = await as<OfficeQueues>(supervisor, NOW, 'queues.office', {});
    expect(ongoing.current.requests.openAtEnd).toBe(queues.openRequests?.total);
    expect(ongoing.current.requests.overdueAtEnd).toBe(queues.overdue?.total);
    expect(ongoing.current.requests.stagesAtEnd.referred).toBe(queues.awaitingAuthority?.total);
    expect(ongoing.current.requests.stagesAtEnd.decided).toBe(queues.decidedNotNotified?.total);
    expect(ongoing.current.inquiries.pendingAtEnd).toBe(queues.pendingInquiries?.total);
    expect(ongoing.current.requests).toMatchObject({ openAtEnd: 5, overdueAtEnd: 2, received: 0 });
    for (const load of queues.load) {
      const work = ongoing.current.workload.find((row) => row.user.id === load.user.id);
      expect(work?.requestsHeld ?? 0, load.user.displayName).toBe(load.openRequests);
      expect(work?.requestsOverdue ?? 0, load.user.displayName).toBe(load.overdueRequests);
    }
  });

  it('is read by supervisors and administrators, writing nothing (not even to the audit log); officers are refused', async () => {
    time.set(NOW);
    expectOk(await app.dispatch('session.signIn', { username: admin.username, password: admin.password }));
    signedIn = admin.username;
    const before = snapshotDatabase(app.databasePath, app.key);
    expect(expectOk<ReportFigures>(await app.dispatch('reports.figures', WEEK))).toEqual(figures);
    expect(snapshotDatabase(app.databasePath, app.key)).toEqual(before);

    for (const officer of [officerA, officerB]) {
      time.set(NOW);
      expectOk(await app.dispatch('session.signIn', { username: officer.username, password: officer.password }));
      signedIn = officer.username;
      expect(expectError(await app.dispatch('reports.figures', WEEK))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    }
  });

  it('refuses a period that ends before it starts, spans more than five years, or names an impossible or far date', async () => {
    const refusal = async (input: unknown) => {
      time.set(NOW);
      if (signedIn !== supervisor.username) {
        expectOk(await app.dispatch('session.signIn', { username: supervisor.username, password: supervisor.password }));
        signedIn = supervisor.username;
      }
      return expectError(await app.dispatch('reports.figures', input));
    };
    const field = (path: string, messageKey: string) => ({ code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path, messageKey }] } });
    expect(await refusal({ from: '2025-06-12', to: '2025-06-08' })).toEqual(field('to', 'validation.reports.endBeforeStart'));
    expect(await refusal({ from: '2020-01-01', to: '2025-01-01' })).toEqual(field('to', 'validation.reports.tooLong'));
    expect(await refusal({ from: '1999-12-31', to: '2000-01-06' })).toEqual(field('from', 'validation.reports.dateOutOfRange'));
    expect(await refusal({ from: '2025-02-29', to: '2025-03-06' })).toEqual(field('from', 'validation.date'));
    expect(await refusal({ from: '2025-06-08' })).toEqual(field('to', 'validation.date'));
    // Five years exactly, and a single day, are fine; Arabic-Indic digits are read as dates.
    expectOk(await app.dispatch('reports.figures', { from: '2020-01-01', to: '2024-12-31' }));
    const oneDay = expectOk<ReportFigures>(await app.dispatch('reports.figures', { from: '٢٠٢٥-٠٦-١٢', to: '2025-06-12' }));
    expect(oneDay.current.period).toMatchObject({ from: '2025-06-12', to: '2025-06-12', days: 1 });
    expect(oneDay.previous.period).toMatchObject({ from: '2025-06-11', to: '2025-06-11' });
    // Thursday 12 June: two inquiries and a call at 23:30; not the website message at 00:10 on Friday.
    expect(oneDay.current.contacts.total).toBe(3);
  });

  it('keeps the contacts’ counts per Riyadh day equal to the contacts themselves', () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      expect(countsOf(opened.sqlite)).toEqual(countedFromContacts(opened.sqlite));
      // Thursday 23:30 in Riyadh is Thursday; Friday 00:10 is Friday, though both are Thursday in UTC.
      const days = opened.sqlite.prepare(`SELECT day, sum(contacts) AS n FROM contact_counts WHERE day IN ('2025-06-12', '2025-06-13') GROUP BY day`).all();
      expect(days).toEqual([
        { day: '2025-06-12', n: 3 },
        { day: '2025-06-13', n: 1 },
      ]);
    } finally {
      opened.sqlite.close();
    }
  });

  it("counts a year's figures and draws its charts in the jobs' thread, exactly as the desk's own connection does", async () => {
    const year = { from: '2024-06-16', to: '2025-06-15' };
    const fromTheThread = await as<ReportFigures>(supervisor, NOW, 'reports.figures', year);
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      expect(fromTheThread).toEqual(await reportFigures(opened.db, year, { actorId: supervisor.id, now: new Date(NOW) }));
      expect(fromTheThread.current.contacts.total).toBeGreaterThan(0);
      const chartsFromTheThread = await as<ReportTrendCharts>(supervisor, NOW, 'reports.trend', year);
      expect(chartsFromTheThread).toEqual(await reportTrendCharts(opened.db, year, { actorId: supervisor.id, now: new Date(NOW) }));
      expect(chartsFromTheThread.unit).toBe('month');
    } finally {
      opened.sqlite.close();
    }
  });

  it('reads every figure through an index over its period: no full scan of a records table', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    const { db, queries } = recordingDatabase(opened.sqlite);
    try {
      const read = await reportFigures(db, WEEK, { actorId: supervisor.id, now: new Date(NOW) });
      expect(read).toEqual(figures);
      const statements = queries.filter((query) => /^\s*(SELECT|WITH|select)/.test(query.sql));
      expect(statements.length).toBeGreaterThan(20);
      const used = new Set<string>();
      for (const query of statements) {
        const details = queryPlan(opened.sqlite, query);
        for (const detail of details) {
          // A records table is only ever searched through an index, or scanned through a partial
          // index of open work; the small catalogs (users, request types, authorities) may be scanned.
          const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
          if (scanned && RECORD_TABLES.has(scanned)) expect(detail, query.sql).toMatch(/USING INDEX (requests_open_by_stage|complaints_open_by_stage)$/);
        }
        for (const index of indexesIn(details)) used.add(index);
        // Contacts are summed from their counts per day, never read one by one.
        expect(query.sql, 'contacts read').not.toMatch(/FROM contacts\b/);
        if (/FROM contact_counts\b/.test(query.sql)) {
          expect(details.join('\n'), query.sql).toMatch(/SEARCH contact_counts USING PRIMARY KEY \(day>\? AND day<\?\)/);
          used.add('contact_counts');
        }
      }
      for (const index of [
        'contact_counts',
        'beneficiaries_by_created',
        'eligibility_decisions_by_time',
        'inquiries_by_asked',
        'inquiries_by_answered',
        'inquiries_pending',
        'requests_by_received_type',
        'requests_by_decided',
        'requests_by_notified',
        'requests_finished',
        'requests_open_by_stage',
        'request_events_by_request_stage',
        'complaints_by_received',
        'complaints_by_answered',
        'complaints_open_by_stage',
        'complaint_events_by_action',
        'complaints_by_decided',
      ]) {
        expect([...used], index).toContain(index);
      }
    } finally {
      opened.sqlite.close();
    }
  });

  // --- The trend the charts draw -------------------------------------------------------------

  const read = (period: { from: string; to: string }) => as<ReportFigures>(supervisor, NOW, 'reports.figures', period);

  it('charts a week as the eight Sunday-to-Saturday weeks ending with it, each agreeing with that week’s figures', async () => {
    const trend = await as<ReportTrend>(supervisor, NOW, 'reports.trend', WEEK);
    expect(trend.unit).toBe('week');
    expect(trend.buckets.map((bucket) => [bucket.from, bucket.to])).toEqual(
      ['04-20', '04-27', '05-04', '05-11', '05-18', '05-25', '06-01', '06-08'].map((start) => {
        const from = `2025-${start}`;
        return [from, new Date(Date.parse(`${from}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10)];
      }),
    );
    const [before, last] = trend.buckets.slice(-2) as [TrendBucket, TrendBucket];
    // The week's twelve contacts and Friday's website message; the week before's five and Saturday's call.
    expect(last.contactsByChannel).toEqual({ in_person: 3, phone: 7, social_media: 1, letter: 0, website: 2 });
    expect(before.contactsByChannel).toEqual({ in_person: 3, phone: 3, social_media: 0, letter: 0, website: 0 });
    for (const bucket of trend.buckets) {
      const same = await read({ from: bucket.from, to: bucket.to });
      expect(bucket.contactsByChannel, bucket.from).toEqual(same.current.contacts.byChannel);
      expect(bucket.requestsOverdue, bucket.from).toBe(same.current.requests.overdueAtEnd);
      expect(bucket.complaintsOverdue, bucket.from).toBe(same.current.complaints.total.overdueAtEnd);
    }
    // Saturday 14 June: the same overdue work as at the end of Thursday's week, and some of it there.
    expect(last.requestsOverdue).toBe(figures.current.requests.overdueAtEnd);
    expect(last.requestsOverdue + last.complaintsOverdue).toBeGreaterThan(0);
  });

  it('charts a year as its twelve months, each agreeing with that month’s figures (read as of now once it is past)', async () => {
    const trend = await as<ReportTrend>(supervisor, NOW, 'reports.trend', { from: '2025-01-01', to: '2025-12-31' });
    expect(trend.unit).toBe('month');
    expect(trend.buckets).toHaveLength(12);
    expect(trend.buckets[1]).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
    expect(trend.buckets[5]?.contactsByChannel).toEqual({ in_person: 6, phone: 10, social_media: 1, letter: 0, website: 2 });
    for (const bucket of trend.buckets) {
      const same = await read({ from: bucket.from, to: bucket.to });
      expect(bucket.contactsByChannel, bucket.from).toEqual(same.current.contacts.byChannel);
      expect(bucket.requestsOverdue, bucket.from).toBe(same.current.requests.overdueAtEnd);
      expect(bucket.complaintsOverdue, bucket.from).toBe(same.current.complaints.total.overdueAtEnd);
    }
  });

  it('charts up to half a year by week, every week the period touches, and longer periods by month', async () => {
    const quarter = await as<ReportTrend>(supervisor, NOW, 'reports.trend', { from: '2025-04-01', to: '2025-06-30' });
    expect(quarter.unit).toBe('week');
    expect(quarter.buckets[0]).toMatchObject({ from: '2025-03-30', to: '2025-04-05' });
    expect(quarter.buckets.at(-1)).toMatchObject({ from: '2025-06-29', to: '2025-07-05' });
    expect(quarter.buckets).toHaveLength(14);
    const longer = await as<ReportTrend>(supervisor, NOW, 'reports.trend', { from: '2025-01-15', to: '2025-07-31' });
    expect(longer.unit).toBe('month');
    expect(longer.buckets.map((bucket) => bucket.from)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01', '2025-07-01']);
    const day = await as<ReportTrend>(supervisor, NOW, 'reports.trend', { from: '2025-06-10', to: '2025-06-10' });
    expect(day.buckets).toHaveLength(8);
    expect(day.buckets.at(-1)).toMatchObject({ from: '2025-06-08', to: '2025-06-14' });
    time.set(NOW);
    expectOk(await app.dispatch('session.signIn', { username: officerA.username, password: officerA.password }));
    signedIn = officerA.username;
    expect(expectError(await app.dispatch('reports.trend', WEEK))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
  });

  // --- The records behind a figure -------------------------------------------------------------

  const records = (input: Record<string, unknown>) => as<ReportRecords>(supervisor, NOW, 'reports.records', { ...WEEK, ...input });

  it('lists exactly the records each figure counts, newest first, with what opens them', async () => {
    const current = figures.current;
    const cases: Array<[ReportRecordFigure, string | null, number]> = [
      ['beneficiaries.registered', null, current.beneficiaries.registered],
      ['eligibility.decided', null, current.eligibility.decided],
      ['eligibility.decided', 'not_eligible', current.eligibility.notEligible],
      ['contacts.total', null, current.contacts.total],
      ['contacts.byChannel', 'phone', current.contacts.byChannel.phone],
      ['contacts.byPurpose', 'inquiry', current.contacts.byPurpose.inquiry],
      ['contacts.byOfficer', officerA.id, 7],
      ['inquiries.asked', null, current.inquiries.asked],
      ['inquiries.answered', null, current.inquiries.answered],
      ['inquiries.pendingAtEnd', null, current.inquiries.pendingAtEnd],
      ['requests.received', null, current.requests.received],
      ['requests.received', REQUEST_TYPE_IDS.financialAid, 1],
      ['requests.decided', null, current.requests.decided],
      ['requests.rejected', null, current.requests.rejected],
      ['requests.notified', null, current.requests.notified],
      ['requests.closed', null, current.requests.closed],
      ['requests.withdrawn', null, current.requests.withdrawn],
      ['requests.openAtEnd', null, current.requests.openAtEnd],
      ['requests.overdueAtEnd', null, current.requests.overdueAtEnd],
      ['requests.overdueAtEnd', REQUEST_TYPE_IDS.visitPermit, 1],
      ['requests.stageAtEnd', 'referred', current.requests.stagesAtEnd.referred],
      ['requests.stageAtEnd', 'received', current.requests.stagesAtEnd.received],
      ['requests.heldAtEnd', officerA.id, 4],
      ['referrals.waiting', AUTHORITY_IDS.prosecution, 2],
      ['complaints.opened', null, current.complaints.total.opened],
      ['complaints.opened', 'note', current.complaints.byKind.note.opened],
      ['complaints.resolved', null, current.complaints.total.resolved],
      ['complaints.answered', null, current.complaints.total.answered],
      ['complaints.overdueAtEnd', null, current.complaints.total.overdueAtEnd],
      ['complaints.overdueAtEnd', 'complaint', current.complaints.byKind.complaint.overdueAtEnd],
    ];
    for (const [figure, key, expected] of cases) {
      const listed = await records({ figure, key });
      expect(listed.total, `${figure} ${key}`).toBe(expected);
      expect(listed.rows, `${figure} ${key}`).toHaveLength(expected);
      const instants = listed.rows.map((row) => row.at);
      expect(instants, figure).toEqual([...instants].sort().reverse());
    }
    const previous = await as<ReportRecords>(supervisor, NOW, 'reports.records', { from: '2025-06-01', to: '2025-06-05', figure: 'complaints.suggestionsDecided', key: 'adopted' });
    expect(previous.total).toBe(figures.previous.complaints.suggestionsDecided.byDecision.adopted);

    const waiting = await records({ figure: 'referrals.waiting', key: AUTHORITY_IDS.prosecution });
    expect(waiting.rows[0]).toMatchObject({ kind: 'request', stage: 'referred', typeId: REQUEST_TYPE_IDS.visitPermit, beneficiaryId: person.id, personName: person.fullName, staffName: officerA.displayName });
    expect(waiting.rows[0]?.number).toMatch(/\d/);
    const registered = await records({ figure: 'beneficiaries.registered' });
    expect(registered.rows.every((row) => row.kind === 'beneficiary' && row.beneficiaryId === row.id && row.number !== null)).toBe(true);

    // Pages: the total stays, the rows are the next ones.
    const firstPage = await records({ figure: 'contacts.total', limit: 5 });
    const secondPage = await records({ figure: 'contacts.total', limit: 5, offset: 5 });
    expect([firstPage.total, firstPage.rows.length, secondPage.rows.length]).toEqual([12, 5, 5]);
    expect(secondPage.rows.map((row) => row.id)).not.toContain(firstPage.rows[0]?.id);
  });

  it('fills each column of every listing with its own value: a number in the number column, a stage in the stage column', async () => {
    const FILE_NUMBER = /^\d{4}-\d{5}$/;
    // Per kind of record: what its number looks like, and the values its stage may take.
    const columns: Record<ReportRecord['kind'], { number: RegExp; stages: ReadonlyArray<string | null> }> = {
      beneficiary: { number: FILE_NUMBER, stages: BENEFICIARY_STATUSES },
      // A decision, a contact and an inquiry open on their person's file: the file's number names them.
      eligibility: { number: FILE_NUMBER, stages: ['eligible', 'not_eligible'] },
      // A contact has no stage of its own (its channel is not one).
      contact: { number: FILE_NUMBER, stages: [null] },
      inquiry: { number: FILE_NUMBER, stages: ['pending', 'answered'] },
      request: { number: /^R-\d{4}-\d{4,}$/, stages: REQUEST_STAGES },
      complaint: { number: /^[CNS]-\d{4}-\d{5}$/, stages: [...COMPLAINT_STAGES, ...SUGGESTION_DECISIONS] },
    };
    const kindsSeen = new Set<string>();
    for (const figure of REPORT_RECORD_FIGURES.filter((name) => !KEYED_RECORD_FIGURES.includes(name))) {
      for (const period of [WEEK, { from: '2025-06-01', to: '2025-06-05' }]) {
        const listed = await as<ReportRecords>(supervisor, NOW, 'reports.records', { ...period, figure });
        for (const row of listed.rows) {
          kindsSeen.add(row.kind);
          const expected = columns[row.kind];
          if (row.kind === 'contact' && row.beneficiaryId === null) {
            // Someone not registered has no file to number the contact with.
            expect(row.number, `${figure}: number of ${row.kind}`).toBeNull();
          } else {
            expect(row.number ?? 'no number', `${figure}: number of ${row.kind}`).toMatch(expected.number);
          }
          expect(expected.stages, `${figure}: stage of ${row.kind}`).toContain(row.stage);
          expect(row.channel === null || (CHANNELS as readonly string[]).includes(row.channel), `${figure}: channel of ${row.kind}`).toBe(true);
        }
      }
    }
    expect([...kindsSeen].toSorted()).toEqual(Object.keys(columns).toSorted());
  });

  it('writes each listing to the audit log with the figure and the count; refuses officers and a breakdown without its key', async () => {
    await records({ figure: 'requests.overdueAtEnd' });
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const last = opened.sqlite.prepare(`SELECT actor_id, action, summary FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { actor_id: string; action: string; summary: string };
      expect(last.action).toBe('report.recordsViewed');
      expect(last.actor_id).toBe(supervisor.id);
      expect(JSON.parse(last.summary)).toEqual({ figure: 'requests.overdueAtEnd', key: null, from: WEEK.from, to: WEEK.to, total: 2, offset: 0, listed: 2 });
    } finally {
      opened.sqlite.close();
    }
    const refusal = expectError(await app.dispatch('reports.records', { ...WEEK, figure: 'requests.stageAtEnd' }));
    expect(refusal).toMatchObject({ code: 'validation', details: { fields: [{ path: 'key', messageKey: 'validation.reports.keyRequired' }] } });
    time.set(NOW);
    expectOk(await app.dispatch('session.signIn', { username: officerB.username, password: officerB.password }));
    signedIn = officerB.username;
    expect(expectError(await app.dispatch('reports.records', { ...WEEK, figure: 'requests.received' }))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
  });

  it('reads the trend and the records through indexes: no full scan of a records table', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    const { db, queries } = recordingDatabase(opened.sqlite);
    try {
      const context = { actorId: supervisor.id, now: new Date(NOW) };
      await reportTrend(db, { from: '2025-01-01', to: '2025-12-31' }, context);
      await reportTrend(db, WEEK, context);
      for (const figure of REPORT_RECORD_FIGURES) {
        const key = KEYED_RECORD_FIGURES.includes(figure) ? (figure === 'referrals.waiting' ? AUTHORITY_IDS.prosecution : figure.includes('Officer') || figure.includes('held') ? officerA.id : 'referred') : null;
        await reportRecords(db, { ...WEEK, figure, key, offset: 0, limit: 50 }, context);
      }
      const statements = queries.filter((query) => /^\s*(SELECT|WITH|select)/.test(query.sql) && !/audit_log/.test(query.sql));
      for (const query of statements) {
        const details = queryPlan(opened.sqlite, query);
        for (const detail of details) {
          const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
          if (scanned && RECORD_TABLES.has(scanned)) expect(detail, query.sql).toMatch(/USING (COVERING )?INDEX (requests_open_by_stage|complaints_open_by_stage|inquiries_pending)/);
        }
        if (/FROM contact_counts\b/.test(query.sql)) expect(details.join('\n'), query.sql).toMatch(/SEARCH contact_counts USING PRIMARY KEY \(day>\? AND day<\?\)/);
      }
    } finally {
      opened.sqlite.close();
    }
  });

  it('hides a complaint about the reader, and the contacts that carry it, from the records (not from the figures)', async () => {
    const day = { from: '2025-06-22', to: '2025-06-22' };
    const about = await as<ComplaintDetail>(officerA, riyadh('2025-06-22T09:00'), 'complaints.receive', {
      kind: 'complaint',
      beneficiaryId: person.id,
      about: 'staff',
      aboutStaffId: supervisor.id,
      subject: 'سوء معاملة',
    });
    await step(officerA, riyadh('2025-06-22T09:10'), 'complaints.acknowledge', { id: about.id });
    await step(officerA, riyadh('2025-06-22T09:20'), 'complaints.investigate', { id: about.id });
    await step(officerA, riyadh('2025-06-22T09:30'), 'complaints.resolve', { id: about.id, resolution: 'عولجت' });
    await step(officerA, riyadh('2025-06-22T09:40'), 'complaints.answer', { id: about.id, channel: 'phone', summary: 'أُبلغ بالمعالجة' });
    const later = riyadh('2025-06-23T10:00');
    const bySupervisor = await as<ReportFigures>(supervisor, later, 'reports.figures', day);
    expect(bySupervisor.current.complaints.total.opened).toBe(1);
    expect(bySupervisor.current.contacts.total).toBe(1);
    for (const figure of ['complaints.opened', 'complaints.answered', 'contacts.total'] as const) {
      expect((await as<ReportRecords>(supervisor, later, 'reports.records', { ...day, figure })).total, figure).toBe(0);
      expect((await as<ReportRecords>(admin, later, 'reports.records', { ...day, figure })).total, figure).toBe(1);
    }
  });

  it('counts a suggestion left under study in the week of its final decision', async () => {
    const id = await receive(officerB, riyadh('2025-07-06T09:00'), 'suggestion');
    await step(officerB, riyadh('2025-07-06T09:10'), 'complaints.acknowledge', { id });
    await step(officerB, riyadh('2025-07-06T09:20'), 'complaints.investigate', { id });
    await step(officerB, riyadh('2025-07-07T09:30'), 'complaints.resolve', { id, resolution: 'يُدرس', decision: 'under_study' });
    const studied = await as<ReportFigures>(supervisor, riyadh('2025-07-11T10:00'), 'reports.figures', { from: '2025-07-06', to: '2025-07-10' });
    expect(studied.current.complaints.suggestionsDecided).toEqual({ total: 1, byDecision: { adopted: 0, declined: 0, under_study: 1 } });
    await step(supervisor, riyadh('2025-07-14T09:00'), 'complaints.decide', { id, decision: 'declined' });
    const later = riyadh('2025-07-20T10:00');
    const week = await as<ReportFigures>(supervisor, later, 'reports.figures', { from: '2025-07-13', to: '2025-07-17' });
    expect(week.current.complaints.suggestionsDecided).toEqual({ total: 1, byDecision: { adopted: 0, declined: 1, under_study: 0 } });
    expect(week.previous.complaints.suggestionsDecided.total).toBe(0);
    const listed = await as<ReportRecords>(supervisor, later, 'reports.records', { from: '2025-07-13', to: '2025-07-17', figure: 'complaints.suggestionsDecided', key: 'declined' });
    expect(listed.rows.map((row) => [row.id, row.stage])).toEqual([[id, 'declined']]);
  });
});

/** The tables that grow with the office's work, by name and by the aliases the report's SQL gives them. */
const RECORD_TABLES = new Set([
  'beneficiaries',
  'eligibility_decisions',
  'contacts',
  'inquiries',
  'requests',
  'request_events',
  'complaints',
  'complaint_events',
  'r',
  'e',
  'c',
  'k',
  'i',
]);

type Sqlite = ReturnType<typeof openDatabase>['sqlite'];

/** The contact counts as kept, without the days emptied to zero. */
const countsOf = (sqlite: Sqlite) =>
  sqlite
    .prepare('SELECT day, channel, purpose, officer_id, contacts FROM contact_counts WHERE contacts > 0 ORDER BY day, channel, purpose, officer_id')
    .all();

/** The same counts, straight from the contacts. */
const countedFromContacts = (sqlite: Sqlite) =>
  sqlite
    .prepare(
      `SELECT date(occurred_at, '+3 hours') AS day, channel, purpose, officer_id, count(*) AS contacts FROM contacts
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();

describe('the contacts’ counts per day', () => {
  it('are made from the contacts already there when the migration runs, and follow every later change', () => {
    const dir = tempDir();
    const opened = openDatabase(join(dir, 'wasl.db'), { key: randomBytes(32) });
    const { sqlite } = opened;
    try {
      // A database from before the report: contacts logged, no counts yet.
      migrate(sqlite, migrations.slice(0, 5));
      const officer = '00000000-0000-7000-8000-000000000001';
      const insert = sqlite.prepare(
        `INSERT INTO contacts (id, person_name, channel, direction, purpose, summary, occurred_at, officer_id, created_at, updated_at, created_by, updated_by)
         VALUES (?, 'مراجع', ?, 'incoming', ?, 'متابعة', ?, ?, ?, ?, ?, ?)`,
      );
      const contact = (id: string, channel: string, purpose: string, occurredAt: string) => {
        const at = new Date(occurredAt).toISOString();
        insert.run(id, channel, purpose, at, officer, at, at, officer, officer);
      };
      const ids = Array.from({ length: 5 }, (_, index) => `019ab9a0-0000-7000-8000-00000000c00${index}`);
      contact(ids[0]!, 'phone', 'inquiry', '2025-06-12T23:30:00+03:00');
      contact(ids[1]!, 'phone', 'inquiry', '2025-06-12T08:00:00+03:00');
      contact(ids[2]!, 'website', 'note', '2025-06-13T00:10:00+03:00');
      expect(sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'contact_counts'`).pluck().get()).toBe(0);

      migrate(sqlite, migrations);
      expect(countsOf(sqlite)).toEqual([
        { day: '2025-06-12', channel: 'phone', purpose: 'inquiry', officer_id: officer, contacts: 2 },
        { day: '2025-06-13', channel: 'website', purpose: 'note', officer_id: officer, contacts: 1 },
      ]);

      contact(ids[3]!, 'phone', 'inquiry', '2025-06-12T12:00:00+03:00');
      contact(ids[4]!, 'in_person', 'complaint', '2025-06-14T09:00:00+03:00');
      sqlite.prepare(`UPDATE contacts SET occurred_at = ?, channel = 'letter' WHERE id = ?`).run(new Date('2025-06-11T21:30:00Z').toISOString(), ids[1]);
      sqlite.prepare(`UPDATE contacts SET summary = 'أُتلف', handle = NULL WHERE id = ?`).run(ids[0]);
      sqlite.prepare('DELETE FROM contacts WHERE id = ?').run(ids[2]);
      expect(countsOf(sqlite)).toEqual(countedFromContacts(sqlite));
      expect(countsOf(sqlite)).toEqual([
        { day: '2025-06-12', channel: 'letter', purpose: 'inquiry', officer_id: officer, contacts: 1 },
        { day: '2025-06-12', channel: 'phone', purpose: 'inquiry', officer_id: officer, contacts: 2 },
        { day: '2025-06-14', channel: 'in_person', purpose: 'complaint', officer_id: officer, contacts: 1 },
      ]);
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
