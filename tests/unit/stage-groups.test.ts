// The stages the reports, the queues and the screens read are the workflows' own groups
// (electron/api/workflow/): none is listed by hand anywhere else, so a stage added to a workflow's
// group reaches them all without another edit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, GENDERS } from '../../electron/api/beneficiaries';
import { COMPLAINT_KINDS, SUGGESTION_DECISIONS } from '../../electron/api/complaints';
import { CHANNELS, PURPOSES } from '../../electron/api/contacts';
import type { ReportFigures, ReportTrend } from '../../electron/api/reports';
import { complaintWorkflow } from '../../electron/api/workflow/complaints';
import { inquiryWorkflow } from '../../electron/api/workflow/inquiries';
import { requestWorkflow } from '../../electron/api/workflow/requests';
import { pendingCondition } from '../../electron/services/inquiries/service';
import { reportCharts } from '../../electron/services/reports/charts';
import { reportLanguage } from '../../electron/services/reports/document';
import { openStageCounts } from '../../electron/services/reports/figures';
import { complaintsOverdueAt, inquiryPending, requestFinished, requestsOpenAt } from '../../electron/services/reports/queries';
import { reportTables } from '../../electron/services/reports/tables';
import { inStagesCondition, notFinalCondition, notInStagesCondition } from '../../electron/services/workflow/rules';

const WORKFLOWS = [requestWorkflow, complaintWorkflow, inquiryWorkflow];
type WorkflowName = (typeof WORKFLOWS)[number]['name'];
/** The column (and the variable reading it) each workflow keeps a record's stage in: an inquiry's stage is its status. */
const STAGE_COLUMN: Record<WorkflowName, string> = { requests: 'stage', complaints: 'stage', inquiries: 'status' };

/** Compiles SQL for SQLite without a database: only its text is looked at. */
const compiler = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: {} as never }) });
const textOf = (fragment: ReturnType<typeof sql>) => fragment.compile(compiler).sql;

describe('the report reads the workflows’ stage groups', () => {
  it('counts, prints and charts the open requests by the request workflow’s open group, in its order', () => {
    const open = [...requestWorkflow.groups.open];
    const counts = openStageCounts((stage) => open.indexOf(stage) + 1);
    expect(Object.keys(counts)).toEqual(open);
    expect(Object.values(counts)).toEqual(open.map((_, index) => index + 1));

    const words = reportLanguage('en');
    const figures = { current: periodWith(counts), previous: periodWith(counts) } as unknown as ReportFigures;
    const requests = reportTables(figures, words).find((section) => section.key === 'requests')!;
    const stageTable = requests.tables.find((table) => table.title === words.text.sections.requestStages)!;
    expect(stageTable.rows.map((row) => row.label)).toEqual(open.map((stage) => words.labels.requests.stage[stage]));

    const trend: ReportTrend = { unit: 'week', buckets: [] };
    for (const place of ['screen', 'print'] as const) {
      const chart = reportCharts(words, place, trend, counts).requestsByStage;
      const labels = [...chart.matchAll(/<text [^>]*font-size="13" font-weight="400"[^>]*>([^<]+)<\/text>/g)].map((match) => match[1]);
      expect(labels, place).toEqual(open.map((stage) => words.labels.requests.stage[stage]));
    }
  });

  it('writes a stage into SQL only when it is a plain word', () => {
    expect(inStagesCondition('stage', ['closed'])).toBe(`stage = 'closed'`);
    expect(notInStagesCondition('stage', ['closed', 'withdrawn'])).toBe(`stage NOT IN ('closed', 'withdrawn')`);
    expect(() => inStagesCondition('stage', ["closed' OR 1=1 --"])).toThrow(/lowercase word/);
    expect(() => notInStagesCondition('stage', ['Closed'])).toThrow(/lowercase word/);
  });

  it('writes every condition on a stage from a group, as the partial indexes of the migrations write theirs', () => {
    const openAt = textOf(sql`WITH ${requestsOpenAt({ asOf: 'A', asOfDay: 'D' })} SELECT 1`);
    // The requests open at the end: the open ones through requests_open_by_stage, the finished ones since through requests_finished.
    expect(openAt).toContain(`INDEXED BY requests_open_by_stage\n        WHERE ${notFinalCondition(requestWorkflow, 'r.stage')} AND`);
    expect(openAt).toContain(`WHERE ${inStagesCondition('r.stage', requestWorkflow.groups.final)} AND r.stage_since >=`);
    expect(openAt).toContain(`CASE WHEN ${inStagesCondition('stage', requestWorkflow.groups.dueRunning)} AND due_date <`);
    expect(openAt).toContain(`FROM standing WHERE ${notFinalCondition(requestWorkflow, 'stage')}`);
    expect(textOf(requestFinished('stage'))).toBe(inStagesCondition('stage', requestWorkflow.groups.final));

    const notRunning = complaintWorkflow.groups.open.filter((stage) => !complaintWorkflow.groups.dueRunning.includes(stage));
    expect(textOf(complaintsOverdueAt({ asOf: 'A', asOfDay: 'D' }, sql`c.id`))).toContain(
      `WHERE ${notFinalCondition(complaintWorkflow, 'c.stage')} AND ${notInStagesCondition('c.stage', notRunning)} AND c.received_at <`,
    );

    const migration = readFileSync(join('db', 'migrations', '0006-report-figures.ts'), 'utf8');
    expect(migration).toContain(`ON requests (stage, stage_since, received_at, type_id) WHERE ${inStagesCondition('stage', requestWorkflow.groups.final)}\``);

    // The inquiries pending at the end are counted through inquiries_pending, whose condition is the open group's.
    expect(pendingCondition('status')).toBe(inStagesCondition('status', inquiryWorkflow.groups.open));
    expect(textOf(inquiryPending('i.status'))).toBe(pendingCondition('i.status'));
    const casework = readFileSync(join('db', 'migrations', '0005-casework.ts'), 'utf8');
    for (const index of ['inquiries_pending ON inquiries (asked_at)', 'inquiries_pending_by_owner ON inquiries (owner_id, asked_at)']) {
      expect(casework).toContain(`CREATE INDEX ${index} WHERE ${pendingCondition('status')}\``);
    }
  });
});

/** Where the rest of Wasl may not list a workflow's stages: all of it but the definitions and the frozen migrations. */
const SCANNED = ['electron', 'renderer', 'db'];
const EXEMPT = ['electron/api/workflow/', 'db/migrations/'];

describe('no stage listed by hand', () => {
  it('finds no list of a workflow’s stages, nor a condition on one, outside the definitions and the migrations', () => {
    const found = sourceFiles(SCANNED)
      .filter((path) => !EXEMPT.some((folder) => path.startsWith(folder)))
      .flatMap((path) => stagesListedIn(readFileSync(path, 'utf8')).map((listing) => `${path}: ${listing}`));
    expect(found).toEqual([]);
  });

  it('catches each way of listing stages by hand', () => {
    const wrong = [
      `const OPEN = ['received', 'under_review'] as const;`,
      "sql`SELECT count(*) FROM requests WHERE stage IN ('closed', 'withdrawn')`",
      "sql`WHERE c.stage <> 'closed' AND c.stage <> 'answered'`",
      "sql`FROM open_at WHERE stage = 'referred'`",
      `query.where('r.stage', 'in', ['decided'])`,
      `query.where('c.stage', '<>', 'closed')`,
      `variant={stage === 'withdrawn' ? 'outline' : 'light'}`,
      // An inquiry's stage is its status: a guard on it by hand is the workflow's refusal written again.
      `if (inquiry.status === 'answered') throw refusal;`,
      "sql`SELECT count(*) FROM inquiries i WHERE i.status = 'pending'`",
      `query.where('i.status', '=', 'answered')`,
      `const INQUIRY_STAGES = ['pending', 'answered'] as const;`,
    ];
    for (const source of wrong) expect(stagesListedIn(source), source).not.toEqual([]);
    const right = [
      `query.where('r.stage', 'in', requestWorkflow.groups.awaitingDecision)`,
      "sql`WHERE ${notFinal(requestWorkflow, 'r.stage')}`",
      // Event actions and other words that happen to be stages too.
      `const ACTIONS = ['received', 'review_started', 'reassigned'] as const;`,
      `if (state.stage === 'active') return;`,
      // A status that is not an inquiry's (a person's file), and a stage word compared with another workflow's column.
      `if (status === 'active') return null;`,
      `eligibility: optionalChoice(['pending', 'eligible', 'not_eligible'] as const),`,
      `query.where('r.stage', '=', 'pending')`,
      `query.where(inStages('i.status', inquiryWorkflow.groups.final))`,
    ];
    for (const source of right) expect(stagesListedIn(source), source).toEqual([]);
  });
});

const none = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 0]));

/** One period's figures, all zeros but the requests open at its end. */
function periodWith(stagesAtEnd: Record<string, number>) {
  const zero = { count: 0, median: null, p90: null };
  const counts = { received: 0, decided: 0, approved: 0, rejected: 0, notified: 0, closed: 0, withdrawn: 0, openAtEnd: 0, overdueAtEnd: 0 };
  const complaintCounts = { opened: 0, resolved: 0, answered: 0, overdueAtEnd: 0 };
  const fairness = { applicants: 0, accepted: 0, waitlisted: 0, declined: 0 };
  return {
    period: { from: '2025-06-08', to: '2025-06-12', days: 5, startsAt: '', endsAt: '', asOf: '', asOfDay: '2025-06-12' },
    beneficiaries: { registered: 0 },
    eligibility: { decided: 0, eligible: 0, notEligible: 0 },
    contacts: { total: 0, byChannel: none(CHANNELS), byPurpose: none(PURPOSES), byOfficer: [] },
    inquiries: { asked: 0, answered: 0, pendingAtEnd: 0, minutesToAnswer: zero },
    requests: { ...counts, stagesAtEnd, daysToDecision: zero, daysToNotification: zero, byType: [] },
    referrals: [],
    complaints: {
      total: complaintCounts,
      byKind: Object.fromEntries(COMPLAINT_KINDS.map((kind) => [kind, complaintCounts])),
      suggestionsDecided: { total: 0, byDecision: none(SUGGESTION_DECISIONS) },
    },
    workload: [],
    programs: {
      total: { applications: 0, acceptances: 0, waitlistAtEnd: 0, peopleActive: 0, sessionsHeld: 0, attended: 0, unexcused: 0, attendanceRate: null, completions: 0, dismissals: 0, feesAnnounced: 0, collected: 0, waived: 0 },
      byProgram: [],
      fairness: {
        total: fairness,
        byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, fairness])),
        byGender: Object.fromEntries(GENDERS.map((gender) => [gender, fairness])),
        byDistrict: [],
        waitlistReordered: 0,
      },
    },
    satisfaction: { questionnaires: [] },
  };
}

function sourceFiles(folders: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(folder).flatMap((entry) => {
      const path = `${folder}/${entry}`;
      if (statSync(path).isDirectory()) return sourceFiles([path]);
      return /\.tsx?$/.test(entry) ? [path] : [];
    }),
  );
}

/** The words that are some workflow's stages. */
const STAGES = new Set<string>(WORKFLOWS.flatMap((workflow) => [...workflow.stages]));
/** Each stage column with the stages of the workflows keeping theirs in it. */
const STAGES_BY_COLUMN = new Map<string, Set<string>>();
for (const workflow of WORKFLOWS) {
  const column = STAGE_COLUMN[workflow.name];
  STAGES_BY_COLUMN.set(column, new Set([...(STAGES_BY_COLUMN.get(column) ?? []), ...workflow.stages]));
}
const isListingOf = (stages: ReadonlySet<string>, words: readonly string[]) => words.length > 0 && words.every((word) => stages.has(word));
const quoted = (text: string) => [...text.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]!);

/**
 * Each place in `source` that names stages by hand: a list literal of nothing but workflows' stages
 * (two or more), or a comparison of a workflow's stage column or variable (`stage`, an inquiry's
 * `status`) with that workflow's stages, in SQL, Kysely or code.
 */
function stagesListedIn(source: string): string[] {
  const lists = [...source.matchAll(/\[\s*'[a-z_]+'(?:\s*,\s*'[a-z_]+')+\s*,?\s*\]/g)].map((match) => match[0]).filter((list) => isListingOf(STAGES, quoted(list)));
  const comparisons = [...STAGES_BY_COLUMN].flatMap(([column, stages]) =>
    [
      // SQL: stage IN ('a', 'b'), stage NOT IN (…), stage = 'a', stage <> 'a'
      new RegExp(String.raw`\b${column}\s+(?:NOT\s+)?IN\s*\(\s*'[a-z_]+'(?:\s*,\s*'[a-z_]+')*\s*\)`, 'gi'),
      new RegExp(String.raw`\b${column}\s*(?:=|<>|!=)\s*'[a-z_]+'`, 'gi'),
      // Kysely: where('r.stage', 'in', ['a']), where('c.stage', '<>', 'a')
      new RegExp(String.raw`\b${column}',\s*'(?:in|not in|=|<>|!=)',\s*\[?\s*'[a-z_]+'(?:\s*,\s*'[a-z_]+')*`, 'gi'),
      // Code: stage === 'a'
      new RegExp(String.raw`\b${column}\s*[!=]==?\s*'[a-z_]+'`, 'g'),
    ].flatMap((pattern) =>
      [...source.matchAll(pattern)].map((match) => match[0]).filter((text) => isListingOf(stages, quoted(text).filter((word) => !OPERATORS.has(word)))),
    ),
  );
  return [...lists, ...comparisons];
}

const OPERATORS = new Set(['in', 'not in']);
