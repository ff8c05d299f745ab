import { z } from 'zod';
import { call } from './define';
import type { BeneficiarySummary } from './beneficiaries';

export type MatchKind = 'name' | 'id_number' | 'phone' | 'file_number';

export interface SearchHit extends BeneficiarySummary {
  matchedBy: MatchKind;
}

export interface SearchResults {
  hits: SearchHit[];
  /** True when more people match than were returned: the officer should keep typing. */
  more: boolean;
}

export const searchCalls = {
  'search.beneficiaries': call(
    'beneficiaries.view',
    z.object({
      query: z.string({ error: 'validation.text' }).max(200, { error: 'validation.tooLong' }),
      limit: z.number().int().min(1).max(50).default(10),
    }),
  ).returns<SearchResults>(),
};
