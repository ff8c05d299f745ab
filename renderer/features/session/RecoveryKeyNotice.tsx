import { Alert, Button, Checkbox, Group, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryKeySheet } from './RecoveryKeySheet';
import { SessionCard } from './SessionCard';

/** The recovery key, shown once right after setup, to be printed or written down. */
export function RecoveryKeyNotice({
  recoveryKey,
  associationName,
  onDone,
}: {
  recoveryKey: string;
  associationName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('session');
  const [kept, setKept] = useState(false);
  return (
    <SessionCard title={t('recoveryKey.title')} width={640}>
      <Text>{t('recoveryKey.intro')}</Text>
      <RecoveryKeySheet recoveryKey={recoveryKey} associationName={associationName} />
      <Alert color="yellow">{t('recoveryKey.instructions')}</Alert>
      <Group className="wasl-no-print">
        <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => window.print()}>
          {t('recoveryKey.print')}
        </Button>
      </Group>
      <Checkbox className="wasl-no-print" checked={kept} onChange={(event) => setKept(event.currentTarget.checked)} label={t('recoveryKey.confirm')} />
      <Button className="wasl-no-print" size="md" disabled={!kept} onClick={onDone}>
        {t('recoveryKey.continue')}
      </Button>
    </SessionCard>
  );
}
