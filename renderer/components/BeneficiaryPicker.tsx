import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../electron/api/search';
import { useApi } from '../api/context';
import { isolateLtr } from '../lib/bidi';
import { ChoiceField } from './ChoiceField';

/** Typing pauses this long before the people are looked up (the search itself takes a few ms). */
const PAUSE_MS = 150;

interface BeneficiaryPickerProps {
  label: string;
  description?: string;
  /** The chosen person's id, or null. */
  value: string | null;
  onChange: (beneficiaryId: string | null) => void;
  error?: string | null;
}

/**
 * Chooses a registered person by name in any spelling, ID number, phone or file number: the same
 * search as the search box, inside a form (a letter's party, a link to a file).
 */
export function BeneficiaryPicker({ label, description, value, onChange, error }: BeneficiaryPickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  // The chosen person stays among the options while the officer types another query.
  const [chosen, setChosen] = useState<SearchHit | null>(null);

  const labelOf = (hit: SearchHit) => `${hit.fullName} — ${isolateLtr(hit.fileNumber)}`;
  const chosenLabel = chosen ? labelOf(chosen) : null;

  useEffect(() => {
    // Choosing a person writes their line into the box: that is not a new query.
    if (query.trim().length < 2 || query === chosenLabel) {
      setHits([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void api['search.beneficiaries']({ query, limit: 8 }).then((result) => {
        if (current) setHits(result.ok ? result.value.hits.filter((hit) => hit.erasedAt === null) : []);
      });
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, chosenLabel]);

  const options = [...(chosen && !hits.some((hit) => hit.id === chosen.id) ? [chosen] : []), ...hits];
  return (
    <ChoiceField
      label={label}
      description={description}
      placeholder={t('beneficiaryPicker.placeholder')}
      data={options.map((hit) => ({ value: hit.id, label: labelOf(hit) }))}
      value={value}
      onChange={(id) => {
        setChosen(options.find((hit) => hit.id === id) ?? null);
        onChange(id);
      }}
      searchable
      clearable
      // The server already matched every spelling: show its answer as it is.
      filter={({ options: all }) => all}
      searchValue={query}
      onSearchChange={setQuery}
      nothingFoundMessage={query.trim().length < 2 ? t('beneficiaryPicker.keepTyping') : t('beneficiaryPicker.nobody')}
      error={error}
    />
  );
}
