import { sql, type Kysely } from 'kysely';
import type { AnswerMode } from '../../api/satisfaction';
import { requestWorkflow } from '../../api/workflow/requests';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../../db/fixed-ids';
import type { DatabaseSchema } from '../../../db/schema';
import type { CallContext } from '../../services/context';
import { installShippedQuestionnaire } from '../../services/questionnaires/shipped';
import { declineOffer, offerQuestionnaire, recordResponse } from '../../services/satisfaction/offers';
import { inStages } from '../../services/workflow/rules';
import { createRng, pickerWithWeights, type Rng } from './names';

/**
 * A year of satisfaction responses for demos and benchmarks: the shipped questionnaire offered on the
 * cases the desk holds that came to their point in the year up to today (a request closed, a
 * complaint answered, a program completed, an in-person interview), on the screen, on paper or by
 * phone; about two in three answered (on the screen at once, a paper form or a call some days later),
 * some declined, the rest still waiting. Every offer and response goes through the services at the
 * moment it happened, in the order it happened, so that rows and audit entries are what the desk
 * would have written. Drawn from a seeded PRNG: the same cases and seed give the same answers.
 */

export interface SatisfactionSeedOptions {
  seed: number;
  /** Who offers a case without an officer of its own (the administrator). */
  actorId: string;
  now: Date;
  /** The most cases offered: a sample of the year's cases beyond it. */
  maxOffers?: number;
}

export interface SatisfactionSeedReport {
  offers: number;
  responses: number;
  declined: number;
  comments: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DEFAULT_MAX_OFFERS = 5_000;

interface Case {
  kind: 'requestId' | 'complaintId' | 'enrolmentId' | 'contactId';
  id: string;
  /** When it came to its point, and who handled it. */
  at: string;
  officerId: string | null;
}

const pickMode = pickerWithWeights<AnswerMode>([
  ['kiosk', 45],
  ['paper', 35],
  ['phone', 20],
]);
const pickOverall = pickerWithWeights<number>([
  [5, 36],
  [4, 33],
  [3, 14],
  [2, 10],
  [1, 7],
]);

/** Comments as people write them, by how the visit went. */
const PRAISE = [
  'شكرًا لكم على حسن الاستقبال والتعامل.',
  'الموظف كان متعاونًا وشرح لي كل شيء بوضوح.',
  'جزاكم الله خيرًا، خدمة ممتازة.',
  'أنجزوا طلبي أسرع مما توقعت.',
  'البرنامج كان مفيدًا لي ولأسرتي.',
];
const MIXED = [
  'الخدمة جيدة لكن الانتظار في الاستقبال طويل.',
  'أتمنى أن يكون التواصل عبر الهاتف أسهل.',
  'المعلومات كانت كافية، لكن المواعيد تغيّرت أكثر من مرة.',
];
const COMPLAINT = [
  'تأخر الرد على طلبي كثيرًا ولم يتصل بي أحد.',
  'لم تكن المتطلبات واضحة من البداية واضطررت للمراجعة عدة مرات.',
  'أرجو تحسين طريقة إبلاغنا بالنتيجة.',
];

const clamp = (value: number) => Math.min(5, Math.max(1, value));

/** One person's answers: the scales around their overall satisfaction, the 0–10 question in keeping with it, sometimes a comment. */
function answersFor(rng: Rng): { answers: Record<string, unknown>; comment: boolean } {
  const overall = pickOverall(rng);
  const answers: Record<string, unknown> = { overall };
  for (const key of ['access', 'speed', 'clarity', 'respect']) {
    if (rng.chance(0.88)) answers[key] = clamp(overall + rng.pick([-1, 0, 0, 0, 1]) + (key === 'respect' && overall < 5 ? 1 : 0));
  }
  if (rng.chance(0.82)) {
    const [low, high] = ([[0, 4], [2, 6], [5, 8], [7, 9], [8, 10]] as const)[overall - 1]!;
    answers.recommend = rng.int(low, high);
  }
  const comment = rng.chance(overall <= 2 ? 0.45 : 0.14);
  if (comment) answers.comment = rng.pick(overall >= 4 ? PRAISE : overall === 3 ? MIXED : COMPLAINT);
  return { answers, comment };
}

export async function seedSatisfaction(db: Kysely<DatabaseSchema>, options: SatisfactionSeedOptions): Promise<SatisfactionSeedReport> {
  const rng = createRng(options.seed ^ 0x5a71);
  await db.transaction().execute((trx) => installShippedQuestionnaire(trx, options.now));
  const from = new Date(options.now.getTime() - 365 * DAY_MS).toISOString();
  const to = options.now.toISOString();
  // Cases that came to their point in the year, not offered yet: in a fixed order, so the seed decides alone.
  const { rows } = await sql<Case>`
    SELECT 'requestId' AS kind, id, stage_since AS at, owner_id AS officerId FROM requests r
      WHERE ${inStages('stage', requestWorkflow.groups.completed)} AND stage_since >= ${from} AND stage_since < ${to}
        AND NOT EXISTS (SELECT 1 FROM questionnaire_offers o WHERE o.request_id = r.id)
    UNION ALL
    SELECT 'complaintId', id, answered_at, owner_id FROM complaints c
      WHERE answered_at >= ${from} AND answered_at < ${to}
        AND NOT EXISTS (SELECT 1 FROM questionnaire_offers o WHERE o.complaint_id = c.id)
    UNION ALL
    SELECT 'enrolmentId', id, stage_since, interviewer_id FROM program_enrolments e
      WHERE stage = 'completed' AND stage_since >= ${from} AND stage_since < ${to}
        AND NOT EXISTS (SELECT 1 FROM questionnaire_offers o WHERE o.enrolment_id = e.id)
    UNION ALL
    SELECT 'contactId', id, occurred_at, officer_id FROM contacts t
      WHERE channel = 'in_person' AND occurred_at >= ${from} AND occurred_at < ${to}
        AND NOT EXISTS (SELECT 1 FROM questionnaire_offers o WHERE o.contact_id = t.id)
    ORDER BY at, id`.execute(db);
  const max = options.maxOffers ?? DEFAULT_MAX_OFFERS;
  const cases = rows.length <= max ? rows : rows.filter(() => rng.chance(max / rows.length)).slice(0, max);

  // Each case's offer and what became of it, as moments on one line.
  type Step = { at: number; run: () => Promise<void> };
  const steps: Step[] = [];
  const report: SatisfactionSeedReport = { offers: 0, responses: 0, declined: 0, comments: 0 };
  const nowMs = options.now.getTime();
  for (const one of cases) {
    const mode = pickMode(rng);
    const offeredAt = Math.min(Date.parse(one.at) + rng.int(1, 60) * MINUTE_MS, nowMs - MINUTE_MS);
    const outcome = rng.next();
    const laterBy = mode === 'kiosk' ? rng.int(2, 15) * MINUTE_MS : rng.int(1, mode === 'paper' ? 10 : 5) * DAY_MS + rng.int(0, 480) * MINUTE_MS;
    const { answers, comment } = answersFor(rng);
    const named = rng.chance(0.1);
    const actorId = one.officerId ?? options.actorId;
    let offerId: string | null = null;
    steps.push({
      at: offeredAt,
      run: async () => {
        const context: CallContext = { actorId, now: new Date(offeredAt) };
        offerId = (await offerQuestionnaire(db, { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode, requestId: null, complaintId: null, enrolmentId: null, contactId: null, [one.kind]: one.id }, context)).id;
        report.offers++;
      },
    });
    const answeredAt = offeredAt + laterBy;
    if (answeredAt >= nowMs) continue;
    if (outcome < 0.66) {
      steps.push({
        at: answeredAt,
        run: async () => {
          await recordResponse(db, { offerId: offerId!, mode, answers, named }, { actorId, now: new Date(answeredAt) });
          report.responses++;
          if (comment) report.comments++;
        },
      });
    } else if (outcome < 0.78) {
      steps.push({
        at: answeredAt,
        run: async () => {
          await declineOffer(db, offerId!, { actorId, now: new Date(answeredAt) });
          report.declined++;
        },
      });
    }
  }
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) await step.run();
  return report;
}
