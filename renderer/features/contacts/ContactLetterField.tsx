import { Button, Group, Stack, Text } from '@mantine/core';
import { IconMailPlus } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterView } from '../../../electron/api/letters';
import { useCall } from '../../api/use-call';
import { formatDualDate } from '../../lib/dates';
import { isolateAuto, isolateCode } from '../../lib/bidi';
import { ChoiceField } from '../../components/ChoiceField';

/** A person's letters offered for a contact: the newest of the register, which is what a desk works on. */
const RECENT_LETTERS = 20;

/** A letter registered from the contact form: offered at once, before the list reads it back. */
export interface JustRegisteredLetter {
  id: string;
  number: string;
}

interface ContactLetterFieldProps {
  /** The person the contact is with; null before registration (their letters cannot be listed yet). */
  beneficiaryId: string | null;
  value: string | null;
  onChange: (letterId: string | null) => void;
  /** Opens the letters register's form over this one, so the contact form keeps what was typed. */
  onRegister: () => void;
  justRegistered: readonly JustRegisteredLetter[];
  /** Bumped when a letter was registered, so the person's list is read again. */
  version: number;
  error?: string | undefined;
}

/**
 * The letter of the register a contact through the letter channel came in or went out by: one of
 * the person's recent letters, or one registered now ("register the letter first").
 */
export function ContactLetterField({ beneficiaryId, value, onChange, onRegister, justRegistered, version, error }: ContactLetterFieldProps) {
  const { t, i18n } = useTranslation('contacts');
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const letters = useCall('letters.list', beneficiaryId === null ? null : { beneficiaryId, limit: RECENT_LETTERS });
  const reload = letters.reload;
  useEffect(() => {
    if (version > 0) reload();
  }, [reload, version]);

  const labelOf = (letter: LetterView) =>
    [
      t(`direction.${letter.direction}`),
      isolateCode(letter.number),
      formatDualDate(letter.letterDate, language).gregorian,
      // A letter about a person whose data was destroyed has no subject left.
      letter.erased ? null : isolateAuto(letter.subject),
    ]
      .filter(Boolean)
      .join(' · ');
  const listed = letters.data?.rows ?? [];
  const options = [
    ...justRegistered.filter((letter) => !listed.some((row) => row.id === letter.id)).map((letter) => ({ value: letter.id, label: isolateCode(letter.number) })),
    ...listed.map((letter) => ({ value: letter.id, label: labelOf(letter) })),
  ];
  const none = options.length === 0 && !letters.loading;

  return (
    <Stack gap={6}>
      <ChoiceField
        label={t('log.letter')}
        description={beneficiaryId === null ? t('log.letterHintUnregistered') : t('log.letterHint')}
        placeholder={none ? t('log.letterNone') : t('log.letterPick')}
        data={options}
        value={value}
        onChange={onChange}
        searchable
        clearable
        nothingFoundMessage={t('log.letterNoMatch')}
        error={error}
        disabled={none}
      />
      <Group gap="xs">
        <Text fz="sm" c="dimmed">
          {t('log.letterNotListed')}
        </Text>
        <Button variant="subtle" size="compact-sm" leftSection={<IconMailPlus size={16} />} onClick={onRegister}>
          {t('log.registerLetterFirst')}
        </Button>
      </Group>
    </Stack>
  );
}
