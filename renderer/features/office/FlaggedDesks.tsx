import { Alert, List } from '@mantine/core';
import { IconShieldX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/api/app';
import type { FlaggedDesk } from '../../../electron/api/sync/witness';
import { formatDualInstant } from '../../lib/dates';

/** One desk whose history the office server found cut or rewritten, in plain words, with the day in both calendars. */
export function flaggedDeskSentence(t: TFunction<'settings'>, desk: FlaggedDesk, language: Language): string {
  const found = formatDualInstant(desk.brokenAt, language);
  // The desk's name is isolated from the sentence around it: an Arabic name ending in a number keeps its order in an English sentence.
  return t('office.sync.flaggedDesk', { desk: `\u2068${desk.deskName}\u2069`, date: `${found.gregorian} (${found.hijri})` });
}

/**
 * The desks of the office whose history was found cut or rewritten: their record can no longer be
 * trusted as is, and an administrator is to look into it. The core gives them to administrators only.
 */
export function FlaggedDesks({ desks }: { desks: readonly FlaggedDesk[] }) {
  const { t, i18n } = useTranslation('settings');
  if (desks.length === 0) return null;
  return (
    <Alert color="red" role="alert" icon={<IconShieldX size={18} />} title={t('office.sync.flaggedDesks')}>
      <List spacing={4} size="sm">
        {desks.map((desk) => (
          <List.Item key={desk.deskId}>{flaggedDeskSentence(t, desk, i18n.language as Language)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
