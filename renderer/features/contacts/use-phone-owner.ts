import { useEffect, useState } from 'react';
import { digitsOnly } from '../../../electron/api/fields/digits';
import type { SearchHit } from '../../../electron/api/search';
import { useApi } from '../../api/context';

/** A Saudi number is recognisable from nine digits on (5XXXXXXXX); fewer would match strangers. */
const DIGITS_TO_MATCH = 9;
/** Typing pauses this long before the number is looked up. */
const PAUSE_MS = 150;

/**
 * The registered people a phone number belongs to (usually one; a household may share a number),
 * looked up as the number is typed: an incoming call from someone who has not said their name yet.
 */
export function usePhoneOwners(typed: string): SearchHit[] {
  const api = useApi();
  const [owners, setOwners] = useState<SearchHit[]>([]);
  useEffect(() => {
    // Any digit form counts: Arabic-Indic ٠-٩ and Persian ۰-۹ (some keyboards type those) as well as Latin.
    const digits = digitsOnly(typed);
    if (digits.length < DIGITS_TO_MATCH) {
      setOwners([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void api['search.beneficiaries']({ query: typed, limit: 3 }).then((result) => {
        if (!current) return;
        setOwners(result.ok ? result.value.hits.filter((hit) => hit.matchedBy === 'phone') : []);
      });
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, typed]);
  return owners;
}
