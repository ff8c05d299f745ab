import { CHANNELS, type Channel } from '../../api/contacts';
import type { OpenRequestStage, ReportChartImages, ReportTrend, TrendBucket } from '../../api/reports';
import { requestWorkflow } from '../../api/requests';
import type { ReportWords } from './document';

/**
 * The report's charts as self-contained inline SVG, drawn here for the printed report and for the
 * dashboard alike: the screen shows the very SVG the reports.trend call answers with, drawn in the
 * reader's language. Pure functions of the figures and the labels; every label is escaped, so the
 * screen may insert the drawing as markup. Right to left, the drawing is mirrored: time runs from
 * right to left, the value axis and the legend stand on the right, and the text is laid out right to
 * left (`direction` on the root, so `text-anchor: start` means the reading start in both
 * directions). The colours differ in lightness as well as in hue, and the two lines in dash and
 * marker, so that a greyscale print still tells them apart.
 */

/** Where the charts are shown: the dashboard titles them in its own words, the printed report as its sections. */
export type ChartPlace = 'screen' | 'print';

/** The three charts in one language, for one place: the contacts and the overdue work over `trend`'s buckets, the open requests by stage. */
export function reportCharts(words: ReportWords, place: ChartPlace, trend: ReportTrend, stagesAtEnd: Record<OpenRequestStage, number>): ReportChartImages {
  const titles = chartTitles(words, place, trend);
  const labels = { direction: words.direction, locale: `${words.locale}-u-nu-latn` };
  const stageLabels = Object.fromEntries(requestWorkflow.groups.open.map((stage) => [stage, words.labels.requests.stage[stage]])) as Record<OpenRequestStage, string>;
  return {
    contactsByChannel: contactsByChannelChart(trend, words.labels.contacts.channel, { ...labels, title: titles.contacts, bucketLabel: titles.bucketLabel }),
    requestsByStage: requestsByStageChart(stagesAtEnd, stageLabels, { ...labels, title: titles.stages }),
    overdueTrend: overdueTrendChart(trend, titles.overdueSeries, { ...labels, title: titles.overdue, bucketLabel: titles.bucketLabel }),
  };
}

/** The charts' titles, the overdue lines' names and how a bucket is named, where they are shown. */
function chartTitles(words: ReportWords, place: ChartPlace, trend: ReportTrend) {
  const weekly = trend.unit === 'week';
  if (place === 'print') {
    const { charts } = words.text;
    return {
      contacts: weekly ? charts.contactsByChannel : charts.contactsByChannelMonthly,
      stages: charts.requestsByStage,
      overdue: charts.overdueTrend,
      overdueSeries: { requests: charts.overdueRequests, complaints: charts.overdueComplaints },
      bucketLabel: (bucket: TrendBucket) => (weekly ? words.shortDay(bucket.from) : words.month(bucket.from)),
    };
  }
  const { charts } = words.labels.reports;
  const unit = charts[trend.unit];
  // On screen a month is named alone, with its year only when the chart spans two years.
  const { buckets } = trend;
  const spansYears = buckets.length > 0 && buckets[0]!.from.slice(0, 4) !== buckets[buckets.length - 1]!.to.slice(0, 4);
  return {
    contacts: charts.contacts.replace('{{unit}}', unit),
    stages: charts.stages,
    overdue: charts.overdue.replace('{{unit}}', unit),
    overdueSeries: { requests: charts.requests, complaints: charts.complaints },
    bucketLabel: (bucket: TrendBucket) => (weekly ? words.shortDay(bucket.from) : words.shortMonth(bucket.from, spansYears)),
  };
}

export interface ChartLabels {
  direction: 'rtl' | 'ltr';
  /** Numbers are written in this locale, e.g. 'ar-SA-u-nu-latn'. */
  locale: string;
  title: string;
}

/** Dark to light, each a step of lightness from the next. */
export const CHANNEL_COLOURS: Record<Channel, string> = {
  in_person: '#0b3d5c',
  phone: '#2f7fb5',
  social_media: '#c98a1b',
  letter: '#8cc1e0',
  website: '#ead9a8',
};
const STAGE_COLOUR = '#2f7fb5';
const LINE_STYLES = {
  requests: { colour: '#0b3d5c', dash: '', marker: 'circle' },
  complaints: { colour: '#b5651d', dash: '7 4', marker: 'square' },
} as const;

const WIDTH = 720;
const FONT = 13;
const AXIS_COLOUR = '#8a8f98';
const GRID_COLOUR = '#e3e6ea';
const TEXT_COLOUR = '#1f2429';

/** The geometry of one drawing, mirrored right to left. */
class Canvas {
  private readonly parts: string[] = [];
  constructor(
    readonly height: number,
    private readonly labels: ChartLabels,
  ) {}
  get rtl() {
    return this.labels.direction === 'rtl';
  }
  /** A horizontal position measured from the reading start. */
  x(logical: number) {
    return round(this.rtl ? WIDTH - logical : logical);
  }
  rect(x: number, y: number, width: number, height: number, fill: string, extra = '') {
    const left = this.rtl ? WIDTH - x - width : x;
    this.parts.push(`<rect x="${round(left)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" fill="${fill}"${extra}/>`);
  }
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = '') {
    this.parts.push(`<line x1="${this.x(x1)}" y1="${round(y1)}" x2="${this.x(x2)}" y2="${round(y2)}" stroke="${stroke}"${extra}/>`);
  }
  /** Text at a position from the reading start; `anchor` in reading terms (start, middle, end). */
  text(x: number, y: number, content: string, { anchor = 'start', size = FONT, weight = 400, fill = TEXT_COLOUR } = {}) {
    this.parts.push(
      `<text x="${this.x(x)}" y="${round(y)}" text-anchor="${anchor}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(content)}</text>`,
    );
  }
  raw(markup: string) {
    this.parts.push(markup);
  }
  svg(): string {
    const title = escapeXml(this.labels.title);
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${this.height}" width="100%" role="img" aria-label="${title}"` +
      ` direction="${this.labels.direction}" font-family="inherit" style="display:block;max-width:100%;height:auto">` +
      `<title>${title}</title>${this.parts.join('')}</svg>`
    );
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A round top for the value axis, and its ticks: 0, a quarter, a half… of it. */
function scaleOf(max: number): { top: number; ticks: number[] } {
  // Nothing to show still draws a grid, so that an empty period reads as zero, not as a missing chart.
  if (max <= 0) return { top: 1, ticks: [0, 1] };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const wholeStep = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / wholeStep) * wholeStep;
  return { top, ticks: Array.from({ length: top / wholeStep + 1 }, (_, index) => index * wholeStep) };
}

const numberFormat = (locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

/** The title, and a legend below it from the reading start: swatches with their labels. */
function header(canvas: Canvas, title: string, legend: Array<{ label: string; swatch: (x: number, y: number) => void }>): number {
  canvas.text(16, 26, title, { size: 16, weight: 700 });
  let x = 16;
  const y = 52;
  for (const item of legend) {
    item.swatch(x, y - 10);
    canvas.text(x + 18, y, item.label, { size: 12 });
    // Room for the label: an estimate of its width, as SVG text cannot be measured here.
    x += 18 + Math.max(40, item.label.length * 7.2) + 18;
  }
  return legend.length > 0 ? 72 : 48;
}

/** The value axis along the reading start, with grid lines across the plot. */
function valueAxis(canvas: Canvas, plot: Plot, ticks: number[], top: number, format: Intl.NumberFormat) {
  for (const tick of ticks) {
    const y = plot.bottom - (tick / top) * (plot.bottom - plot.top);
    canvas.line(plot.start, y, plot.end, y, tick === 0 ? AXIS_COLOUR : GRID_COLOUR);
    canvas.text(plot.start - 8, y + 4, format.format(tick), { anchor: 'end', size: 11, fill: '#5c636b' });
  }
}

interface Plot {
  start: number;
  end: number;
  top: number;
  bottom: number;
}

/** Bucket labels under the plot: every one when they fit, else every second, third… from the latest. */
function bucketAxis(canvas: Canvas, plot: Plot, buckets: TrendBucket[], label: (bucket: TrendBucket) => string) {
  const slot = (plot.end - plot.start) / Math.max(1, buckets.length);
  const every = Math.max(1, Math.ceil(72 / slot));
  buckets.forEach((bucket, index) => {
    if ((buckets.length - 1 - index) % every !== 0) return;
    canvas.text(plot.start + slot * (index + 0.5), plot.bottom + 18, label(bucket), { anchor: 'middle', size: 11, fill: '#3d434a' });
  });
}

/** Contacts per week or month, stacked by channel, the latest bucket at the reading end. */
export function contactsByChannelChart(
  trend: ReportTrend,
  channelLabels: Record<Channel, string>,
  labels: ChartLabels & { bucketLabel: (bucket: TrendBucket) => string },
): string {
  const canvas = new Canvas(360, labels);
  const format = numberFormat(labels.locale);
  const legendTop = header(
    canvas,
    labels.title,
    CHANNELS.map((channel) => ({
      label: channelLabels[channel],
      swatch: (x: number, y: number) => canvas.rect(x, y, 12, 12, CHANNEL_COLOURS[channel], ' stroke="#5c636b" stroke-width="0.5"'),
    })),
  );
  const plot: Plot = { start: 64, end: WIDTH - 16, top: legendTop + 12, bottom: 360 - 36 };
  const totals = trend.buckets.map((bucket) => CHANNELS.reduce((sum, channel) => sum + bucket.contactsByChannel[channel], 0));
  const { top, ticks } = scaleOf(Math.max(0, ...totals));
  valueAxis(canvas, plot, ticks, top, format);
  const slot = (plot.end - plot.start) / Math.max(1, trend.buckets.length);
  const barWidth = Math.min(48, slot * 0.64);
  const height = plot.bottom - plot.top;
  trend.buckets.forEach((bucket, index) => {
    const x = plot.start + slot * index + (slot - barWidth) / 2;
    let y = plot.bottom;
    for (const channel of CHANNELS) {
      const value = bucket.contactsByChannel[channel];
      if (value <= 0) continue;
      const h = (value / top) * height;
      y -= h;
      canvas.rect(x, y, barWidth, h, CHANNEL_COLOURS[channel], ' stroke="#ffffff" stroke-width="0.6"');
    }
    if (totals[index]! > 0 && slot >= 26) {
      canvas.text(x + barWidth / 2, y - 5, format.format(totals[index]!), { anchor: 'middle', size: 11, weight: 600 });
    }
  });
  bucketAxis(canvas, plot, trend.buckets, labels.bucketLabel);
  return canvas.svg();
}

/** The requests open at the end of the period, by stage: one bar each, growing from the reading start. */
export function requestsByStageChart(
  stages: Record<OpenRequestStage, number>,
  stageLabels: Record<OpenRequestStage, string>,
  labels: ChartLabels,
): string {
  const rowHeight = 34;
  const top = 48;
  const open = requestWorkflow.groups.open;
  const canvas = new Canvas(top + rowHeight * open.length + 16, labels);
  const format = numberFormat(labels.locale);
  header(canvas, labels.title, []);
  const labelWidth = 190;
  const start = 16 + labelWidth;
  const end = WIDTH - 64;
  const max = Math.max(0, ...open.map((stage) => stages[stage]));
  open.forEach((stage, index) => {
    const y = top + rowHeight * index;
    const value = stages[stage];
    canvas.text(16, y + rowHeight / 2 + 4, stageLabels[stage], { size: 13 });
    canvas.rect(start, y + 6, end - start, rowHeight - 12, '#f1f3f5');
    const width = max > 0 ? ((end - start) * value) / max : 0;
    if (width > 0) canvas.rect(start, y + 6, width, rowHeight - 12, STAGE_COLOUR);
    canvas.text(start + width + 8, y + rowHeight / 2 + 4, format.format(value), { size: 13, weight: 600 });
  });
  canvas.line(start, top, start, top + rowHeight * open.length, AXIS_COLOUR);
  return canvas.svg();
}

/** Requests and complaints overdue at the end of each week or month: two lines, the latest at the reading end. */
export function overdueTrendChart(
  trend: ReportTrend,
  seriesLabels: { requests: string; complaints: string },
  labels: ChartLabels & { bucketLabel: (bucket: TrendBucket) => string },
): string {
  const canvas = new Canvas(320, labels);
  const format = numberFormat(labels.locale);
  const series = (['requests', 'complaints'] as const).map((name) => ({
    name,
    style: LINE_STYLES[name],
    values: trend.buckets.map((bucket) => (name === 'requests' ? bucket.requestsOverdue : bucket.complaintsOverdue)),
  }));
  const marker = (style: (typeof LINE_STYLES)[keyof typeof LINE_STYLES], x: number, y: number) =>
    style.marker === 'circle'
      ? canvas.raw(`<circle cx="${canvas.x(x)}" cy="${round(y)}" r="4" fill="${style.colour}"/>`)
      : canvas.rect(x - 4, y - 4, 8, 8, style.colour);
  const legendTop = header(
    canvas,
    labels.title,
    series.map(({ name, style }) => ({
      label: seriesLabels[name],
      swatch: (x: number, y: number) => {
        canvas.line(x - 2, y + 6, x + 14, y + 6, style.colour, ` stroke-width="2.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}`);
        marker(style, x + 6, y + 6);
      },
    })),
  );
  const plot: Plot = { start: 64, end: WIDTH - 16, top: legendTop + 12, bottom: 320 - 36 };
  const { top, ticks } = scaleOf(Math.max(0, ...series.flatMap((line) => line.values)));
  valueAxis(canvas, plot, ticks, top, format);
  const slot = (plot.end - plot.start) / Math.max(1, trend.buckets.length);
  const at = (index: number, value: number) => ({ x: plot.start + slot * (index + 0.5), y: plot.bottom - (value / top) * (plot.bottom - plot.top) });
  for (const { style, values } of series) {
    const points = values.map((value, index) => at(index, value));
    if (points.length > 1) {
      canvas.raw(
        `<polyline points="${points.map((point) => `${canvas.x(point.x)},${round(point.y)}`).join(' ')}" fill="none" stroke="${style.colour}" stroke-width="2.5"` +
          `${style.dash ? ` stroke-dasharray="${style.dash}"` : ''} stroke-linejoin="round"/>`,
      );
    }
    for (const point of points) marker(style, point.x, point.y);
  }
  bucketAxis(canvas, plot, trend.buckets, labels.bucketLabel);
  return canvas.svg();
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A label as SVG text or an attribute value: none of its characters can end the one or the other. */
function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}
