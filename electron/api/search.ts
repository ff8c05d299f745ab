import { z } from 'zod';
import { call } from './define';
import type { BeneficiarySummary } from './beneficiaries';

/**
 * How a person was found: by name, by the name typed on the English keyboard (layout), by a name
 * within one letter of what was typed (close_spelling), by the Latin name, by an ID number's start or
 * its last digits (id_tail), a phone, or a file number's start or its own sequence (file_tail).
 */
export type MatchKind =
  | 'name'
  | 'layout'
  | 'close_spelling'
  | 'latin_name'
  | 'id_number'
  | 'id_tail'
  | 'phone'
  | 'file_number'
  | 'file_tail';

export interface SearchHit extends BeneficiarySummary {
  matchedBy: MatchKind;
}

export interface SearchResults {
  hits: SearchHit[];
  /** True when more people match than were returned: the officer should keep typing. */
  more: boolean;
  /** The Arabic the query stands for when it was typed on the English keyboard and people were found by it. */
  layoutQuery: string | null;
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
