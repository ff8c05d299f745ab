// The report's charts: self-contained SVG that escapes every label, mirrors right to left, and
// draws an empty period without a broken number.
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../electron/api/contacts';
import { contactsByChannelChart, overdueTrendChart, requestsByStageChart } from '../../electron/services/reports/charts';
import type { OpenRequestStage, ReportTrend, TrendBucket } from '../../electron/api/reports';

const HOSTILE = `<script>alert("x")</script>&'"`;
const channels = Object.fromEntries(CHANNELS.map((channel) => [channel, `قناة ${channel}`])) as Record<Channel, string>;
const stageLabels: Record<OpenRequestStage, string> = {
  received: 'مستلم',
  under_review: 'قيد الدراسة',
  referred: 'محال',
  authority_answered: 'ردت الجهة',
  decided: 'صدر القرار',
  notified: 'أُبلغ',
};
const stages: Record<OpenRequestStage, number> = { received: 4, under_review: 2, referred: 7, authority_answered: 0, decided: 1, notified: 3 };

const bucket = (from: string, phone: number, requestsOverdue: number): TrendBucket => ({
  from,
  to: from,
  contactsByChannel: { in_person: 1, phone, social_media: 0, letter: 0, website: 2 },
  requestsOverdue,
  complaintsOverdue: 1,
});
const trend: ReportTrend = { unit: 'week', buckets: [bucket('2025-06-01', 3, 1), bucket('2025-06-08', 9, 4)] };
const labels = (direction: 'rtl' | 'ltr', title = 'العنوان') => ({ direction, locale: direction === 'rtl' ? 'ar-SA-u-nu-latn' : 'en-GB', title, bucketLabel: (b: TrendBucket) => b.from });

const all = (direction: 'rtl' | 'ltr', title?: string, data = trend) => [
  contactsByChannelChart(data, channels, labels(direction, title)),
  requestsByStageChart(stages, stageLabels, labels(direction, title)),
  overdueTrendChart(data, { requests: 'الطلبات', complaints: 'الشكاوى' }, labels(direction, title)),
];

/** The x of each rect of one fill, in document order. */
const xsOf = (svg: string, fill: string) => [...svg.matchAll(new RegExp(`<rect x="([\\d.]+)"[^>]*fill="${fill}"`, 'g'))].map((match) => Number(match[1]));

describe('the report’s charts', () => {
  it('are one self-contained, accessible SVG with a fixed viewBox and full width', () => {
    for (const svg of all('rtl')) {
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 720 \d+" width="100%" role="img" aria-label="العنوان"/);
      expect(svg).toContain('<title>العنوان</title>');
      expect(svg.endsWith('</svg>')).toBe(true);
      expect(svg).not.toMatch(/<(script|foreignObject|image)|href=|url\(/i);
    }
  });

  it('escape every label, the title, the legend, the axis and the buckets', () => {
    const hostileChannels = Object.fromEntries(CHANNELS.map((channel) => [channel, HOSTILE])) as Record<Channel, string>;
    const hostileStages = Object.fromEntries(Object.keys(stageLabels).map((stage) => [stage, HOSTILE])) as Record<OpenRequestStage, string>;
    const hostile = { ...labels('rtl', HOSTILE), bucketLabel: () => HOSTILE };
    const drawn = [
      contactsByChannelChart(trend, hostileChannels, hostile),
      requestsByStageChart(stages, hostileStages, hostile),
      overdueTrendChart(trend, { requests: HOSTILE, complaints: HOSTILE }, hostile),
    ];
    for (const svg of drawn) {
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain(`"x")`);
      expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&quot;');
      // The attribute holding the title is not broken out of either.
      expect(svg).toMatch(/aria-label="&lt;script&gt;[^"]*"/);
    }
  });

  it('mirror right to left: time runs from right to left, the axis and the legend on the right', () => {
    const [ltrBars, ltrStages, ltrLines] = all('ltr');
    const [rtlBars, rtlStages, rtlLines] = all('rtl');
    // The phone segment of each week: the later week stands right of the earlier one in English, left in Arabic.
    const [ltrFirst, ltrLast] = xsOf(ltrBars!, '#2f7fb5').slice(1);
    const [rtlFirst, rtlLast] = xsOf(rtlBars!, '#2f7fb5').slice(1);
    expect(ltrLast!).toBeGreaterThan(ltrFirst!);
    expect(rtlLast!).toBeLessThan(rtlFirst!);
    expect(rtlBars).toContain('direction="rtl"');
    expect(ltrBars).toContain('direction="ltr"');
    // The first legend swatch starts at the reading start: near the left edge in English, the right in Arabic.
    const firstSwatch = (svg: string) => Number(/<rect x="([\d.]+)" y="42" width="12"/.exec(svg)?.[1]);
    expect(firstSwatch(ltrBars!)).toBeLessThan(100);
    expect(firstSwatch(rtlBars!)).toBeGreaterThan(600);
    // Stage bars grow from the labels: from the left in English, from the right in Arabic.
    const referred = (svg: string) => /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#2f7fb5"/.exec(svg)!;
    expect(Number(referred(ltrStages!)[1])).toBe(206);
    const rtl = referred(rtlStages!);
    expect(Number(rtl[1]) + Number(rtl[2])).toBe(720 - 206);
    // The lines' last point: right in English, left in Arabic.
    const lastPoint = (svg: string) => Number(/points="([^"]+)"/.exec(svg)![1]!.split(' ').at(-1)!.split(',')[0]);
    expect(lastPoint(ltrLines!)).toBeGreaterThan(360);
    expect(lastPoint(rtlLines!)).toBeLessThan(360);
  });

  it('draw a period with nothing in it, or with no buckets, without a broken number', () => {
    const empty: ReportTrend = { unit: 'week', buckets: [bucket('2025-06-01', 0, 0), bucket('2025-06-08', 0, 0)].map((b) => ({ ...b, contactsByChannel: { in_person: 0, phone: 0, social_media: 0, letter: 0, website: 0 }, complaintsOverdue: 0 })) };
    const none: ReportTrend = { unit: 'month', buckets: [] };
    const zeroStages = Object.fromEntries(Object.keys(stages).map((stage) => [stage, 0])) as Record<OpenRequestStage, number>;
    for (const svg of [...all('rtl', 'فارغ', empty), ...all('ltr', 'empty', none), requestsByStageChart(zeroStages, stageLabels, labels('rtl'))]) {
      expect(svg).not.toMatch(/NaN|Infinity|undefined|null/);
      expect(svg).toMatch(/<\/svg>$/);
    }
    // No bars drawn for zero (the phone colour only in its legend swatch), but the axis reads 0.
    expect(xsOf(all('ltr', 'x', empty)[0]!, '#2f7fb5')).toHaveLength(1);
    expect(all('ltr', 'x', empty)[0]).toContain('>0</text>');
  });

  it('write numbers in the locale’s digits', () => {
    const big: ReportTrend = { unit: 'month', buckets: [{ ...bucket('2025-01-01', 12_000, 0) }] };
    expect(contactsByChannelChart(big, channels, labels('ltr'))).toContain('>12,003</text>');
  });
});
