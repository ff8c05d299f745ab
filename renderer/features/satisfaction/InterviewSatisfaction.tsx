import { Button, Modal } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';
import { SatisfactionBlock } from './SatisfactionBlock';

/**
 * The questionnaire after an in-person interview, from the interview's line in the person's history:
 * a small button that opens the block, so a long history does not ask each interview for its offers.
 */
export function InterviewSatisfaction({ contactId }: { contactId: string }) {
  const { t } = useTranslation('satisfaction');
  const session = useSession();
  const [opened, setOpened] = useState(false);
  if (!session.can('satisfaction.collect')) return null;
  return (
    <>
      <Button variant="subtle" size="compact-xs" leftSection={<IconMoodSmile size={14} />} onClick={() => setOpened(true)}>
        {t('block.title')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} size="xl" title={t('block.afterInterview')}>
        {opened ? <SatisfactionBlock offeredCase={{ contactId }} /> : null}
      </Modal>
    </>
  );
}
