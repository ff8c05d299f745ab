import { z } from 'zod';
import { call } from './define';
import { id, optionalText } from './fields/schemas';

export const ELIGIBILITY_OUTCOMES = ['pending', 'eligible', 'not_eligible'] as const;
export type EligibilityOutcome = (typeof ELIGIBILITY_OUTCOMES)[number];

/** The policy's three criteria for service (سياسة تنظيم العلاقة مع المستفيدين، الأحقية في الخدمة). */
export interface EligibilityCriteria {
  /** Within the scope of the association's services. */
  inScope: boolean;
  /** A legal resident of the Kingdom. */
  legalResident: boolean;
  /** A beneficiary of the association's services, programs or activities. */
  receivesServices: boolean;
}

export interface EligibilityDecision extends EligibilityCriteria {
  id: string;
  outcome: Exclude<EligibilityOutcome, 'pending'>;
  reason: string | null;
  decidedBy: string;
  decidedByName: string;
  decidedAt: string;
}

const recordDecisionInput = z
  .object({
    beneficiaryId: id,
    inScope: z.boolean({ error: 'validation.choice' }),
    legalResident: z.boolean({ error: 'validation.choice' }),
    receivesServices: z.boolean({ error: 'validation.choice' }),
    outcome: z.enum(['eligible', 'not_eligible'], { error: 'validation.choice' }),
    reason: optionalText(1000),
  })
  .superRefine((decision, context) => {
    const allMet = decision.inScope && decision.legalResident && decision.receivesServices;
    if (decision.outcome === 'eligible' && !allMet) {
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'validation.eligibility.criteriaNotMet' });
    }
    if (decision.outcome === 'not_eligible' && allMet) {
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'validation.eligibility.criteriaAllMet' });
    }
    if (decision.outcome === 'not_eligible' && !decision.reason) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'validation.eligibility.reasonRequired' });
    }
  });

export type RecordEligibilityInput = z.input<typeof recordDecisionInput>;

export const eligibilityCalls = {
  'eligibility.record': call('eligibility.decide', recordDecisionInput).returns<EligibilityDecision>(),
};
