// The dashboard's charts come drawn by the service, in the reader's language: the very SVG the
// printed report's functions draw from the figures, the requests by stage over the workflow's open group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ReportFigures, ReportTrendCharts } from '../../electron/api/reports';
import { requestWorkflow } from '../../electron/api/requests';
import { reportCharts } from '../../electron/services/reports/charts';
import { reportLanguage } from '../../electron/services/reports/document';
import arReports from '../../locales/ar/reports.json';
import enReports from '../../locales/en/reports.json';
import { AUTHORITY_IDS, openCasework } from '../support/casework';
import { expectOk, openTestWasl, validFields, type TestWasl } from '../support/database';

const riyadh = (dateTime: string) => `${dateTime}:00+03:00`;
const WEEK = { from: '2025-06-08', to: '2025-06-12' };

describe('the dashboard’s charts', () => {
  let app: TestWasl;

  beforeAll(async () => {
    app = await openTestWasl({ clock: () => new Date(riyadh('2025-06-15T10:00')) });
    const person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    const casework = openCasework(app);
    const ownerId = app.adminId;
    await casework.request({ beneficiaryId: person.id, ownerId, stage: 'received', dueDate: '2025-06-20', receivedAt: riyadh('2025-06-09T09:00') });
    await casework.request({ beneficiaryId: person.id, ownerId, stage: 'under_review', dueDate: '2025-06-05', receivedAt: riyadh('2025-05-20T09:00') });
    await casework.request({
      beneficiaryId: person.id,
      ownerId,
      stage: 'referred',
      dueDate: '2025-06-30',
      receivedAt: riyadh('2025-06-01T09:00'),
      referredAt: riyadh('2025-06-02T09:00'),
      authorityId: AUTHORITY_IDS.prosecution,
    });
    await casework.complaint({ ownerId, stage: 'investigating', dueDate: '2025-06-10', kind: 'complaint', beneficiaryId: person.id, receivedAt: riyadh('2025-06-04T09:00') });
    casework.close();
  });

  afterAll(async () => {
    await app?.cleanup();
  });

  it('answer the trend with the three charts the printed report’s functions draw, in the reader’s language', async () => {
    const figures = expectOk<ReportFigures>(await app.dispatch('reports.figures', WEEK));
    const stagesAtEnd = figures.current.requests.stagesAtEnd;
    expect(Object.keys(stagesAtEnd)).toEqual([...requestWorkflow.groups.open]);
    expect(stagesAtEnd).toMatchObject({ received: 1, under_review: 1, referred: 1 });

    const arabic = expectOk<ReportTrendCharts>(await app.dispatch('reports.trend', WEEK));
    // The stage chart is drawn from the very counts the figures hold, read again with the trend.
    expect(arabic.charts).toEqual(reportCharts(reportLanguage('ar'), 'screen', arabic, stagesAtEnd));
    expect(arabic.charts.contactsByChannel).toContain(`aria-label="${arReports.charts.contacts.replace('{{unit}}', arReports.charts.week)}"`);
    for (const svg of Object.values(arabic.charts)) expect(svg).toMatch(/^<svg [^>]* direction="rtl"/);

    // The reader switches to English: the charts come in English, left to right.
    expectOk(await app.dispatch('preferences.setLanguage', { language: 'en' }));
    const english = expectOk<ReportTrendCharts>(await app.dispatch('reports.trend', WEEK));
    expect(english.charts).toEqual(reportCharts(reportLanguage('en'), 'screen', english, stagesAtEnd));
    expect(english.charts.requestsByStage).toContain(`aria-label="${enReports.charts.stages}"`);
    for (const svg of Object.values(english.charts)) expect(svg).toMatch(/^<svg [^>]* direction="ltr"/);
    expect({ unit: english.unit, buckets: english.buckets }).toEqual({ unit: arabic.unit, buckets: arabic.buckets });
  });
});
