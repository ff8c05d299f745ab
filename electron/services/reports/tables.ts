import { COMPLAINT_KINDS, SUGGESTION_DECISIONS } from '../../api/complaints';
import { CHANNELS, PURPOSES } from '../../api/contacts';
import { requestWorkflow } from '../../api/requests';
import { CATEGORIES, GENDERS } from '../../api/beneficiaries';
import type { ComplaintCounts, DurationFigures, FairnessCounts, PeriodFigures, ProgramCounts, ReportFigures, ReportStaff } from '../../api/reports';
import type { ReportWords } from './document';

/**
 * The report's figures as tables: which figures it shows, under which labels, in which order. The
 * PDF, the workbook and the CSV file are all written from this one model, so that a figure added
 * or renamed here reads the same in the three of them.
 */

/** This period's value and the previous period's; null where nothing could be measured. */
export type FigurePair = readonly [current: number | null, previous: number | null];

/**
 * How a value reads: a count (the default), a percentage, or riyals. Riyals are held as riyals (a
 * fee's halalas ÷ 100), so that a workbook's cell is the amount itself.
 */
export type FigureUnit = 'count' | 'percent' | 'riyals';

export interface ComparisonRow {
  label: string;
  current: number | null;
  previous: number | null;
  /** A breakdown of the nearest row above that is not one (the outcomes of the decisions). */
  detail?: boolean;
  unit?: FigureUnit;
}

interface TableBase {
  /** The table's own heading, or null when the section's heading names it. */
  title: string | null;
  /** Printed beside the next table that is also `pair` (the contacts by channel and by purpose). */
  pair?: boolean;
}

/** One figure a row: its value this period, the previous period's, and the change. */
export interface ComparisonTable extends TableBase {
  kind: 'comparison';
  rows: ComparisonRow[];
}

export interface MatrixRow {
  label: string;
  /** One pair per header, in the headers' order. */
  cells: FigurePair[];
  /** The row that sums the rows above. */
  total?: boolean;
  /** The date column's values this period and the previous one (Riyadh calendar dates). */
  dates?: readonly [current: string | null, previous: string | null];
  /** The note column's text (the rule a program's rate was read by). */
  note?: string;
}

/** Several figures a row (per type, kind, officer or authority), each this period's over the previous one's. */
export interface MatrixTable extends TableBase {
  kind: 'matrix';
  /** The heading of the rows' labels (the type, the kind, the officer). */
  labelHeader: string;
  headers: string[];
  rows: MatrixRow[];
  /** The heading of a column of dates after the figures (the oldest referral still waiting), when there is one. */
  dateHeader?: string;
  /** How each header's values read, in the headers' order (counts where not given). */
  units?: FigureUnit[];
  /** The heading of a column of text after the figures (the rule each program's rate was read by), when there is one. */
  noteHeader?: string;
}

export type ReportTable = ComparisonTable | MatrixTable;

export const REPORT_SECTIONS = ['beneficiaries', 'contacts', 'inquiries', 'requests', 'referrals', 'complaints', 'programs', 'satisfaction', 'workload'] as const;
export type ReportSectionKey = (typeof REPORT_SECTIONS)[number];

export interface ReportSection {
  key: ReportSectionKey;
  title: string;
  tables: ReportTable[];
  /** How the section's figures are counted, a sentence each, printed under its tables. */
  notes?: string[];
  /** Words written by the people served (the satisfaction comments), under a heading each, this period's only. */
  comments?: CommentList[];
}

export interface CommentList {
  title: string;
  /** Riyadh days, and the text as written. */
  entries: Array<{ day: string; text: string }>;
}

/** Every section of the report, in the order it is read. */
export function reportTables(figures: ReportFigures, words: ReportWords): ReportSection[] {
  const { current, previous } = figures;
  return [
    { key: 'beneficiaries', title: words.text.sections.beneficiaries, tables: beneficiaries(words, current, previous) },
    { key: 'contacts', title: words.text.sections.contacts, tables: contacts(words, current, previous) },
    { key: 'inquiries', title: words.text.sections.inquiries, tables: inquiries(words, current, previous) },
    { key: 'requests', title: words.text.sections.requests, tables: requests(words, current, previous) },
    { key: 'referrals', title: words.text.sections.referrals, tables: referrals(words, current, previous) },
    { key: 'complaints', title: words.text.sections.complaints, tables: complaints(words, current, previous) },
    { key: 'programs', title: words.labels.reports.programs.section, tables: programs(words, current, previous), notes: programNotes(words) },
    {
      key: 'satisfaction',
      title: words.labels.reports.satisfaction.section,
      tables: satisfaction(words, current, previous),
      notes: Object.values(words.labels.reports.satisfaction.definitions),
      comments: satisfactionComments(words, current),
    },
    { key: 'workload', title: words.text.sections.workload, tables: workload(words, current, previous) },
  ];
}

/** One figure of the report on a line of its own, for a flat file: where it stands, what it is, for what. */
export interface FigureLine {
  section: string;
  figure: string;
  /** What the figure is broken down by on this line (a channel, a type, an officer…), or null for a whole. */
  breakdown: string | null;
  current: number | string | null;
  previous: number | string | null;
  /** This period's value less the previous one's; null when either is not a number. */
  change: number | null;
}

/**
 * The sections as one line per figure: a titled table's rows are breakdowns of its title, a detail
 * row a breakdown of the row above, a matrix's cell a breakdown of its header by the row's label.
 */
export function figureLines(sections: readonly ReportSection[]): FigureLine[] {
  const lines: FigureLine[] = [];
  for (const section of sections) {
    for (const table of section.tables) {
      if (table.kind === 'comparison') {
        let whole: string | null = null;
        for (const row of table.rows) {
          const [figure, breakdown] =
            table.title !== null ? [table.title, row.label] : row.detail && whole !== null ? [whole, row.label] : [row.label, null];
          if (!row.detail) whole = row.label;
          lines.push({ section: section.title, figure, breakdown, current: row.current, previous: row.previous, change: changeOf(row.current, row.previous) });
        }
        continue;
      }
      for (const row of table.rows) {
        table.headers.forEach((header, index) => {
          const [now, before] = row.cells[index] ?? [null, null];
          lines.push({ section: section.title, figure: header, breakdown: row.label, current: now, previous: before, change: changeOf(now, before) });
        });
        if (table.dateHeader !== undefined && row.dates !== undefined) {
          lines.push({ section: section.title, figure: table.dateHeader, breakdown: row.label, current: row.dates[0], previous: row.dates[1], change: null });
        }
        if (table.noteHeader !== undefined && row.note !== undefined) {
          lines.push({ section: section.title, figure: table.noteHeader, breakdown: row.label, current: row.note, previous: null, change: null });
        }
      }
    }
    for (const list of section.comments ?? []) {
      for (const entry of list.entries) lines.push({ section: section.title, figure: list.title, breakdown: entry.day, current: entry.text, previous: null, change: null });
    }
  }
  return lines;
}

export function changeOf(current: number | string | null, previous: number | string | null): number | null {
  if (typeof current !== 'number' || typeof previous !== 'number') return null;
  // Medians are halves and the change of two of them is never finer: rounding drops float noise.
  return Math.round((current - previous) * 1000) / 1000;
}

// --- Sections ------------------------------------------------------------------------------------

const comparison = (rows: ComparisonRow[], title: string | null = null, pair = false): ComparisonTable =>
  pair ? { kind: 'comparison', title, pair, rows } : { kind: 'comparison', title, rows };
const row = (label: string, current: number | null, previous: number | null, detail = false): ComparisonRow =>
  detail ? { label, current, previous, detail } : { label, current, previous };
/** A fee's halalas as riyals: the unit the report reads and a workbook sums. */
const riyals = (halalas: number) => halalas / 100;

function beneficiaries(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const { text, labels } = words;
  return [
    comparison([
      row(text.figures.registered, current.beneficiaries.registered, previous.beneficiaries.registered),
      row(text.figures.eligibilityDecided, current.eligibility.decided, previous.eligibility.decided),
      row(labels.eligibility.outcomes.eligible, current.eligibility.eligible, previous.eligibility.eligible, true),
      row(labels.eligibility.outcomes.not_eligible, current.eligibility.notEligible, previous.eligibility.notEligible, true),
    ]),
  ];
}

function contacts(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const { text, labels } = words;
  return [
    comparison([row(text.figures.contactsTotal, current.contacts.total, previous.contacts.total)]),
    comparison(
      CHANNELS.map((channel) => row(labels.contacts.channel[channel], current.contacts.byChannel[channel], previous.contacts.byChannel[channel])),
      text.sections.contactsByChannel,
      true,
    ),
    comparison(
      PURPOSES.map((purpose) => row(labels.contacts.purpose[purpose], current.contacts.byPurpose[purpose], previous.contacts.byPurpose[purpose])),
      text.sections.contactsByPurpose,
      true,
    ),
    comparison(
      current.contacts.byOfficer.map((entry, index) => row(staffName(words, entry.user), entry.count, previous.contacts.byOfficer[index]?.count ?? 0)),
      text.sections.contactsByOfficer,
    ),
  ];
}

function inquiries(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const { text } = words;
  const [now, before] = [current.inquiries, previous.inquiries];
  return [
    comparison([
      row(text.figures.asked, now.asked, before.asked),
      row(text.figures.answered, now.answered, before.answered),
      row(text.figures.pendingAtEnd, now.pendingAtEnd, before.pendingAtEnd),
      ...durationRows(words, text.figures.answerMedian, text.figures.answerP90, now.minutesToAnswer, before.minutesToAnswer),
    ]),
  ];
}

function requests(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const { text, labels } = words;
  const [now, before] = [current.requests, previous.requests];
  const keys = ['received', 'decided', 'approved', 'rejected', 'notified', 'closed', 'openAtEnd', 'overdueAtEnd'] as const;
  return [
    comparison([
      row(text.figures.received, now.received, before.received),
      row(text.figures.decided, now.decided, before.decided),
      row(labels.requests.outcome.approved, now.approved, before.approved, true),
      row(labels.requests.outcome.rejected, now.rejected, before.rejected, true),
      row(text.figures.notified, now.notified, before.notified),
      row(text.figures.closed, now.closed, before.closed),
      row(text.figures.withdrawn, now.withdrawn, before.withdrawn),
      row(text.figures.openAtEnd, now.openAtEnd, before.openAtEnd),
      row(text.figures.overdueAtEnd, now.overdueAtEnd, before.overdueAtEnd),
      ...durationRows(words, text.figures.decisionMedian, text.figures.decisionP90, now.daysToDecision, before.daysToDecision),
      ...durationRows(words, text.figures.notificationMedian, text.figures.notificationP90, now.daysToNotification, before.daysToNotification),
    ]),
    comparison(
      requestWorkflow.groups.open.map((stage) => row(labels.requests.stage[stage], now.stagesAtEnd[stage], before.stagesAtEnd[stage])),
      text.sections.requestStages,
    ),
    {
      kind: 'matrix',
      title: text.sections.requestTypes,
      labelHeader: text.table.type,
      headers: [
        text.figures.received,
        text.figures.decided,
        labels.requests.outcome.approved,
        labels.requests.outcome.rejected,
        text.figures.notified,
        text.figures.closed,
        text.figures.openAtEnd,
        text.figures.overdueAtEnd,
      ],
      rows: now.byType.map((entry, index) => {
        const old = before.byType[index];
        return {
          label: words.language === 'ar' ? entry.type.nameAr : entry.type.nameEn,
          cells: keys.map((key): FigurePair => [entry[key], old?.[key] ?? 0]),
        };
      }),
    },
  ];
}

function referrals(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const { text } = words;
  return [
    {
      kind: 'matrix',
      title: null,
      labelHeader: text.table.authority,
      headers: [text.table.waiting, text.table.oldestDays, text.table.averageDays],
      dateHeader: text.table.oldestReferredOn,
      rows: current.referrals.map((entry, index) => {
        const old = previous.referrals[index];
        return {
          label: words.language === 'ar' ? entry.authority.nameAr : (entry.authority.nameEn ?? entry.authority.nameAr),
          cells: [
            [entry.waiting, old?.waiting ?? 0],
            [entry.oldestDays, old?.oldestDays ?? null],
            [entry.averageDays, old?.averageDays ?? null],
          ],
          dates: [entry.oldestReferredOn, old?.oldestReferredOn ?? null],
        };
      }),
    },
  ];
}

function complaints(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const { text, labels } = words;
  const counts = (label: string, now: ComplaintCounts, before: ComplaintCounts, total = false): MatrixRow => {
    const cells = (['opened', 'resolved', 'answered', 'overdueAtEnd'] as const).map((key): FigurePair => [now[key], before[key]]);
    return total ? { label, cells, total } : { label, cells };
  };
  return [
    {
      kind: 'matrix',
      title: null,
      labelHeader: text.table.kind,
      headers: [text.figures.opened, text.figures.resolved, text.figures.answeredToPerson, text.figures.overdue],
      rows: [
        ...COMPLAINT_KINDS.map((kind) => counts(labels.complaints.kind[kind], current.complaints.byKind[kind], previous.complaints.byKind[kind])),
        counts(text.figures.total, current.complaints.total, previous.complaints.total, true),
      ],
    },
    {
      kind: 'comparison',
      title: text.sections.suggestionDecisions,
      rows: [
        { label: text.figures.suggestionsDecided, current: current.complaints.suggestionsDecided.total, previous: previous.complaints.suggestionsDecided.total },
        ...SUGGESTION_DECISIONS.map((decision) => ({
          label: labels.complaints.decision[decision],
          current: current.complaints.suggestionsDecided.byDecision[decision],
          previous: previous.complaints.suggestionsDecided.byDecision[decision],
          detail: true,
        })),
      ],
    },
  ];
}

function workload(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const { text } = words;
  const keys = ['contactsLogged', 'inquiriesAnswered', 'requestsHeld', 'requestsOverdue', 'requestsDecided', 'complaintsAnswered'] as const;
  return [
    {
      kind: 'matrix',
      title: null,
      labelHeader: text.table.officer,
      headers: keys.map((key) => text.table[key]),
      rows: current.workload.map((entry, index) => {
        const old = previous.workload[index];
        return { label: staffName(words, entry.user), cells: keys.map((key): FigurePair => [entry[key], old?.[key] ?? 0]) };
      }),
    },
  ];
}

/** The median, with how many items it was measured over, and the 90th percentile. */
function durationRows(words: ReportWords, medianLabel: string, p90Label: string, now: DurationFigures, before: DurationFigures): ComparisonRow[] {
  const over = (figures: DurationFigures) => words.text.figures.measuredOver.replace('{{count}}', words.number(figures.count));
  return [row(`${medianLabel} — ${over(now)}`, now.median, before.median), row(p90Label, now.p90, before.p90)];
}

function staffName(words: ReportWords, user: ReportStaff): string {
  return user.active ? user.displayName : `${user.displayName} (${words.text.inactive})`;
}

// --- Programs ------------------------------------------------------------------------------------

const PROGRAM_FLOWS = ['applications', 'acceptances', 'waitlistAtEnd', 'peopleActive', 'completions', 'dismissals'] as const;
const FAIRNESS = ['applicants', 'accepted', 'waitlisted', 'declined'] as const;

/**
 * The programs: the totals, then per program its enrolments, its attendance (with the rule its rate
 * was read by) and its fees; then the fairness figures, who applied and what became of them, by the
 * person's category, gender and district, and the manual changes of a waitlist's order.
 */
function programs(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const text = words.labels.reports.programs;
  const [now, before] = [current.programs, previous.programs];
  const name = (program: { nameAr: string; nameEn: string | null }) => (words.language === 'ar' ? program.nameAr : (program.nameEn ?? program.nameAr));
  const programCells = (keys: ReadonlyArray<keyof ProgramCounts>, entry: ProgramCounts, old: ProgramCounts | undefined) =>
    keys.map((key): FigurePair => {
      const money = key === 'collected' || key === 'waived';
      const value = (counts: ProgramCounts | undefined) => (counts === undefined ? (key === 'attendanceRate' ? null : 0) : counts[key]);
      const [a, b] = [value(entry), value(old)];
      return money ? [a === null ? null : riyals(a), b === null ? null : riyals(b)] : [a, b];
    });
  const fairnessRow = (label: string, entry: FairnessCounts, old: FairnessCounts, total = false): MatrixRow => {
    const cells = FAIRNESS.map((key): FigurePair => [entry[key], old[key]]);
    return total ? { label, cells, total } : { label, cells };
  };
  const fairnessTable = (title: string, labelHeader: string, rows: MatrixRow[]): MatrixTable => ({
    kind: 'matrix',
    title,
    labelHeader,
    headers: FAIRNESS.map((key) => text.figures[key]),
    rows: [...rows, fairnessRow(text.figures.total, now.fairness.total, before.fairness.total, true)],
  });
  const gender = words.labels.beneficiaries.gender;
  const category = words.labels.beneficiaries.category;
  return [
    comparison([
      ...PROGRAM_FLOWS.map((key) => row(text.figures[key], now.total[key], before.total[key])),
      row(text.figures.sessionsHeld, now.total.sessionsHeld, before.total.sessionsHeld),
      { ...row(text.figures.attendanceRate, now.total.attendanceRate, before.total.attendanceRate), unit: 'percent' },
      row(text.figures.feesAnnounced, now.total.feesAnnounced, before.total.feesAnnounced),
      { ...row(text.figures.collected, riyals(now.total.collected), riyals(before.total.collected)), unit: 'riyals' },
      { ...row(text.figures.waived, riyals(now.total.waived), riyals(before.total.waived)), unit: 'riyals' },
    ]),
    {
      kind: 'matrix',
      title: text.byProgram,
      labelHeader: text.program,
      headers: PROGRAM_FLOWS.map((key) => text.figures[key]),
      rows: now.byProgram.map((entry, index) => ({ label: name(entry.program), cells: programCells(PROGRAM_FLOWS, entry, before.byProgram[index]) })),
    },
    {
      kind: 'matrix',
      title: text.attendanceByProgram,
      labelHeader: text.program,
      headers: [text.figures.sessionsHeld, text.figures.attendanceRate],
      units: ['count', 'percent'],
      noteHeader: text.rule,
      rows: now.byProgram.map((entry, index) => ({
        label: name(entry.program),
        cells: programCells(['sessionsHeld', 'attendanceRate'], entry, before.byProgram[index]),
        note: entry.program.ruleInWords[words.language],
      })),
    },
    {
      kind: 'matrix',
      title: text.feesByProgram,
      labelHeader: text.program,
      headers: [text.figures.feesAnnounced, text.figures.collected, text.figures.waived],
      units: ['count', 'riyals', 'riyals'],
      rows: now.byProgram.map((entry, index) => ({
        label: name(entry.program),
        cells: programCells(['feesAnnounced', 'collected', 'waived'], entry, before.byProgram[index]),
      })),
    },
    fairnessTable(
      text.fairnessByCategory,
      text.category,
      CATEGORIES.map((key) => fairnessRow(category[key], now.fairness.byCategory[key], before.fairness.byCategory[key])),
    ),
    fairnessTable(
      text.fairnessByGender,
      text.gender,
      GENDERS.map((key) => fairnessRow(gender[key], now.fairness.byGender[key], before.fairness.byGender[key])),
    ),
    fairnessTable(
      text.fairnessByDistrict,
      text.district,
      now.fairness.byDistrict.map((entry, index) =>
        fairnessRow(
          entry.district === null ? text.noDistrict : words.language === 'ar' ? entry.district.nameAr : entry.district.nameEn,
          entry,
          before.fairness.byDistrict[index] ?? { applicants: 0, accepted: 0, waitlisted: 0, declined: 0 },
        ),
      ),
    ),
    comparison([row(text.figures.waitlistReordered, now.fairness.waitlistReordered, before.fairness.waitlistReordered)], text.waitlistOrder),
  ];
}

/** How each of the programs section's figures is counted, printed under it. */
function programNotes(words: ReportWords): string[] {
  return Object.values(words.labels.reports.programs.definitions);
}

// --- Satisfaction --------------------------------------------------------------------------------

type SatisfactionEntry = PeriodFigures['satisfaction']['questionnaires'][number];

/** A questionnaire's heading: its title and the versions this period's responses answered. */
function questionnaireTitle(words: ReportWords, entry: SatisfactionEntry): string {
  const text = words.labels.reports.satisfaction;
  const title = words.language === 'ar' ? entry.questionnaire.titleAr : (entry.questionnaire.titleEn ?? entry.questionnaire.titleAr);
  if (entry.versions.length === 0) return text.questionnaireNoVersions.replace('{{title}}', title);
  return text.questionnaire.replace('{{title}}', title).replace('{{versions}}', entry.versions.map((version) => words.number(version)).join(words.language === 'ar' ? '، ' : ', '));
}

/**
 * Per questionnaire: its responses, the offers made and answered, the response rate, CSAT and NPS,
 * then the average of each scale and of the 0–10 question; each figure's label says how many
 * responses it stands on in both periods, a figure on too few of them printed empty.
 */
function satisfaction(words: ReportWords, current: PeriodFigures, previous: PeriodFigures): ReportTable[] {
  const text = words.labels.reports.satisfaction;
  // A figure of this period on too few responses says so beside it, not only under the table.
  const withN = (label: string, now: number, before: number, tooFew = false) =>
    (tooFew ? text.withNTooFew : text.withN).replace('{{label}}', label).replace('{{current}}', words.number(now)).replace('{{previous}}', words.number(before));
  return current.satisfaction.questionnaires.flatMap((entry, index): ReportTable[] => {
    const old = previous.satisfaction.questionnaires[index];
    const [now, before] = [entry.total, old?.total];
    const figure = (label: string, pick: (total: SatisfactionEntry['total']) => { value: number | null; n: number; tooFew: boolean }, unit: FigureUnit) => ({
      ...row(withN(label, pick(now).n, before === undefined ? 0 : pick(before).n, pick(now).tooFew), pick(now).value, before === undefined ? null : pick(before).value),
      unit,
    });
    return [
      comparison(
        [
          row(text.figures.responses, now.responses, before?.responses ?? 0),
          row(text.figures.offered, now.responseRate.offered, before?.responseRate.offered ?? 0),
          row(text.figures.answered, now.responseRate.answered, before?.responseRate.answered ?? 0, true),
          figure(text.figures.responseRate, (total) => total.responseRate, 'percent'),
          figure(text.figures.csat, (total) => total.csat, 'percent'),
          figure(text.figures.nps, (total) => total.nps, 'count'),
        ],
        questionnaireTitle(words, entry),
      ),
      comparison(
        entry.questions.map((question) => {
          const was = old?.questions.find((one) => one.key === question.key);
          const label = words.language === 'ar' ? question.textAr : (question.textEn ?? question.textAr);
          return row(withN(label, question.n, was?.n ?? 0, question.tooFew), question.average, was?.average ?? null);
        }),
        text.averages,
      ),
    ];
  });
}

/** This period's comments, as written, each with its day: under each questionnaire's title. */
function satisfactionComments(words: ReportWords, current: PeriodFigures): CommentList[] {
  const text = words.labels.reports.satisfaction;
  return current.satisfaction.questionnaires.map((entry) => ({
    title: `${text.comments} — ${questionnaireTitle(words, entry)}`,
    entries: entry.comments.map((comment) => ({ day: comment.answeredOn, text: comment.text })),
  }));
}
