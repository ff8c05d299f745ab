// The satisfaction figures through the real call path, on responses made through the real calls:
// the formulas on hand-made answers (CSAT, NPS, the response rate, a question's average and
// distribution), a figure on too few responses withheld, an officer reading only their own cases
// whatever they ask, the cuts by channel and request type, comments without names, and the
// responses exported to a right-to-left workbook and a CSV file, a column per question, audited.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ContactView } from '../../electron/api/contacts';
import type { ExportFile, ExportJob } from '../../electron/api/exports';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { OfferView } from '../../electron/api/satisfaction';
import type { SatisfactionFigures } from '../../electron/api/satisfaction-figures';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import { openCasework, REQUEST_TYPE_IDS } from '../support/casework';
import { auditEntries, expectError, expectOk, openTestWaslWithStaff, validFields, type StaffedTestWasl } from '../support/database';

let app: StaffedTestWasl<'officer' | 'colleague' | 'supervisor'>;

beforeEach(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer', colleague: 'officer', supervisor: 'supervisor' });
});
afterEach(async () => {
  await app.cleanup();
});

const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));
const today = () => todayInRiyadh(new Date());
const figures = (input: Record<string, unknown> = {}) => call<SatisfactionFigures>('satisfactionFigures.figures', { from: today(), to: today(), ...input });

/** An in-person interview logged by whoever is signed in, offered the shipped questionnaire by phone. */
async function interviewOffer(): Promise<OfferView> {
  const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'مقابلة', personName: 'زائر' });
  return call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'phone', contactId: contact.id });
}

async function answered(answers: Record<string, unknown>, named = false): Promise<void> {
  const offer = await interviewOffer();
  await call('satisfaction.recordByPhone', { offerId: offer.id, answers, named });
}

describe('the formulas', () => {
  it('reads CSAT, NPS, the response rate and each question’s average and distribution exactly', async () => {
    await app.signIn('supervisor');
    const overall = [5, 5, 4, 4, 4, 4, 4, 3, 2, 1];
    const recommend = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0];
    for (const [index, score] of overall.entries()) await answered({ overall: score, recommend: recommend[index], speed: index < 6 ? 5 : 2 });
    // Two more offered and refused: twelve offers, ten answered.
    for (let index = 0; index < 2; index++) await call('satisfaction.decline', { offerId: (await interviewOffer()).id });

    const read = await figures();
    expect(read.total.responses).toBe(10);
    expect(read.total.csat).toEqual({ value: 70, n: 10, tooFew: false, formula: 'csat' });
    expect(read.total.nps).toMatchObject({ value: 20, n: 10, promoters: 5, passives: 2, detractors: 3, tooFew: false });
    expect(read.total.responseRate).toMatchObject({ value: 83.3, offered: 12, answered: 10, n: 12 });
    expect(read.versions).toEqual([1]);

    const overallFigures = read.questions.find((question) => question.key === 'overall')!;
    expect(overallFigures).toMatchObject({ n: 10, average: 3.6, versions: [1], tooFew: false });
    expect(overallFigures.distribution.map((entry) => [entry.key, entry.count])).toEqual([['1', 1], ['2', 1], ['3', 1], ['4', 5], ['5', 2]]);
    const speed = read.questions.find((question) => question.key === 'speed')!;
    expect(speed).toMatchObject({ n: 10, average: 3.8 });
    // Nobody answered ease of access: too few to judge, with its count.
    expect(read.questions.find((question) => question.key === 'access')).toMatchObject({ n: 0, tooFew: true, average: null, distribution: [] });
  });

  it('withholds a figure on fewer than five responses and shows its count', async () => {
    await app.signIn('supervisor');
    for (const score of [5, 5, 5, 5]) await answered({ overall: score, recommend: 10 });
    const read = await figures();
    expect(read.total.csat).toEqual({ value: null, n: 4, tooFew: true, formula: 'csat' });
    expect(read.total.nps).toMatchObject({ value: null, n: 4, tooFew: true });
    expect(read.total.responseRate).toMatchObject({ value: null, n: 4, tooFew: true, answered: 4 });
    expect(read.questions.find((question) => question.key === 'overall')).toMatchObject({ n: 4, tooFew: true, average: null, distribution: [] });
  });

  it('refuses a period that ends before it starts, and an unknown cut', async () => {
    await app.signIn('supervisor');
    const refused = expectError(await app.dispatch('satisfactionFigures.figures', { from: '2026-03-10', to: '2026-03-01' }));
    expect(refused.details?.fields).toEqual([{ path: 'to', messageKey: 'validation.reports.endBeforeStart' }]);
    expect(expectError(await app.dispatch('satisfactionFigures.figures', { from: today(), to: today(), cut: 'person' })).details?.fields).toEqual([
      { path: 'cut', messageKey: 'validation.choice' },
    ]);
    // Arabic-Indic digits in a date are read as typed.
    const [year, month, day] = today().split('-');
    const arabic = (text: string) => text.replace(/[0-9]/g, (digit) => '٠١٢٣٤٥٦٧٨٩'[Number(digit)]!);
    expect((await figures({ from: `${arabic(year!)}-${arabic(month!)}-${arabic(day!)}` })).from).toBe(today());
  });
});

describe('who reads whose figures', () => {
  it('shows an officer only their own cases whatever they ask, and a supervisor everyone’s or one officer’s', async () => {
    await app.signIn('officer');
    for (const score of [5, 5, 5, 5]) await answered({ overall: score, comment: 'خدمة ممتازة' });
    // Among four of her own cases she could tell who wrote which comment: none is listed to her yet.
    expect(await figures()).toMatchObject({ scope: 'own', comments: [], commentsWithheld: true });
    await answered({ overall: 5, comment: 'خدمة ممتازة' });
    await app.signIn('colleague');
    for (const score of [1, 2, 2, 1, 2, 1]) await answered({ overall: score, comment: 'تأخر الرد' });

    await app.signIn('officer');
    const own = await figures({ officerId: app.accounts.colleague.id, cut: 'officer' });
    expect(own).toMatchObject({ scope: 'own', officerId: app.accounts.officer.id, officers: [] });
    expect(own.total.responses).toBe(5);
    expect(own.total.csat.value).toBe(100);
    expect(own.groups.map((group) => group.key)).toEqual([app.accounts.officer.id]);
    expect(new Set(own.comments.map((comment) => comment.text))).toEqual(new Set(['خدمة ممتازة']));
    expect(own.commentsWithheld).toBe(false);

    await app.signIn('supervisor');
    const office = await figures({ cut: 'officer' });
    expect(office).toMatchObject({ scope: 'office', officerId: null });
    expect(office.total.responses).toBe(11);
    expect(office.groups.map((group) => [group.labelAr, group.responses, group.csat.value])).toEqual([
      [app.accounts.colleague.displayName, 6, 0],
      [app.accounts.officer.displayName, 5, 100],
    ]);
    expect(office.officers.map((officer) => officer.id)).toEqual(expect.arrayContaining([app.accounts.officer.id, app.accounts.colleague.id]));
    const picked = await figures({ officerId: app.accounts.colleague.id });
    expect(picked.total.responses).toBe(6);
  });

  it('lists comments as written with their day only, never the person who left their name', async () => {
    await app.signIn('supervisor');
    await answered({ overall: 5, comment: '  شكرًا لكم على حسن التعامل  ' }, true);
    const read = await figures();
    expect(read.comments).toEqual([{ answeredOn: today(), questionKey: 'comment', text: 'شكرًا لكم على حسن التعامل' }]);
    expect(JSON.stringify(read)).not.toMatch(/beneficiar|personName|زائر/);
  });
});

describe('cuts', () => {
  it('cuts by request type and by channel, a case without a channel under “not recorded”', async () => {
    await app.signIn('supervisor');
    const person = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields() });
    const casework = openCasework(app);
    const closed: string[] = [];
    try {
      for (let index = 0; index < 7; index++) {
        closed.push(
          await casework.request({
            beneficiaryId: person.id,
            ownerId: app.accounts.officer.id,
            stage: 'closed',
            dueDate: today(),
            typeId: index < 5 ? REQUEST_TYPE_IDS.financialAid : REQUEST_TYPE_IDS.visitPermit,
          }),
        );
      }
    } finally {
      casework.close();
    }
    for (const [index, requestId] of closed.entries()) {
      const offer = await call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'paper', requestId });
      if (index !== 4) await call('satisfaction.recordByPhone', { offerId: offer.id, answers: { overall: index % 2 === 0 ? 5 : 3 } });
    }
    for (const score of [4, 4, 4, 4, 2]) await answered({ overall: score });

    const byType = await figures({ cut: 'requestType' });
    const type = (key: string | null) => byType.groups.find((group) => group.key === key)!;
    expect(type(REQUEST_TYPE_IDS.financialAid)).toMatchObject({ responses: 4, csat: { value: null, n: 4, tooFew: true }, responseRate: { offered: 5, answered: 4 } });
    expect(type(REQUEST_TYPE_IDS.visitPermit)).toMatchObject({ responses: 2, responseRate: { offered: 2, answered: 2 } });
    expect(type(null)).toMatchObject({ responses: 5, labelAr: 'غير مسجّل', labelEn: 'Not recorded', csat: { value: 80, n: 5 } });

    const byChannel = await figures({ cut: 'channel' });
    expect(byChannel.groups.map((group) => [group.key, group.responses])).toEqual([
      ['in_person', 5],
      [null, 6],
    ].sort((a, b) => Number(b[1]) - Number(a[1])));
    expect(byChannel.groups.find((group) => group.key === 'in_person')).toMatchObject({ labelAr: 'مقابلة شخصية', labelEn: 'In person' });

    const byMode = await figures({ cut: 'mode' });
    expect(byMode.groups.find((group) => group.key === 'phone')?.responses).toBe(11);
  });
});

describe('the responses exported', () => {
  async function exported(format: 'xlsx' | 'csv' | 'pdf', language: 'ar' | 'en') {
    let job = await call<ExportJob>('exports.start', { subject: { kind: 'satisfactionResponses', period: { from: today(), to: today() } }, format, language });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = await call<ExportJob>('exports.status', { id: job.id });
    }
    return job;
  }
  const take = async (job: ExportJob) => Buffer.from((await call<ExportFile>('exports.take', { id: job.id })).base64, 'base64');

  it('writes one row per response and a column per question, right to left in Arabic, naming no one, and audits it', async () => {
    await app.signIn('supervisor');
    await answered({ overall: 4, recommend: 9, comment: 'انتظرت طويلًا في الاستقبال' }, true);
    await answered({ overall: '٥', access: 3 });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await take(await exported('xlsx', 'ar'))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows[0] as string[];
    expect(header).toEqual(expect.arrayContaining(['يوم الإجابة', 'الإصدار', 'طريقة الإجابة', 'المناسبة', 'قناة التواصل', 'ما مدى رضاك عن الخدمة بشكل عام؟', 'هل لديك ملاحظة أو اقتراح لتحسين خدماتنا؟']));
    const body = rows.slice(1);
    expect(body).toHaveLength(2);
    const at = (name: string) => header.indexOf(name);
    expect(body.map((row) => row[at('ما مدى رضاك عن الخدمة بشكل عام؟')]).sort()).toEqual([4, 5]);
    expect(body.map((row) => row[at('طريقة الإجابة')])).toEqual(['بالهاتف', 'بالهاتف']);
    expect(body.map((row) => row[at('المناسبة')])).toEqual(['مقابلة شخصية', 'مقابلة شخصية']);
    expect(body.some((row) => row.includes('انتظرت طويلًا في الاستقبال'))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/زائر|officer|supervisor/);

    const csv = (await take(await exported('csv', 'en'))).toString('utf8');
    const [first, ...lines] = csv.slice(1).trimEnd().split('\r\n');
    expect(first).toContain('Overall, how satisfied are you with the service?');
    expect(first).toContain('Day answered');
    expect(lines).toHaveLength(2);
    expect(csv).toContain('In-person interview');

    const refused = await exported('pdf', 'ar');
    expect(refused).toMatchObject({ state: 'failed', error: { messageKey: 'exports.spreadsheetOnly' } });

    const entries = await auditEntries(app.dispatch, { action: 'records.exported', actorId: app.accounts.supervisor.id });
    expect(entries.map((entry) => [entry.summary.subject, entry.summary.format, entry.summary.count])).toEqual([
      ['satisfactionResponses', 'csv', 2],
      ['satisfactionResponses', 'xlsx', 2],
    ]);
  });

  it('is for supervisors: an officer may not export the responses', async () => {
    await app.signIn('officer');
    const refused = expectError(await app.dispatch('exports.start', { subject: { kind: 'satisfactionResponses', period: { from: today(), to: today() } }, format: 'xlsx' }));
    expect(refused.code).toBe('forbidden');
  });
});
