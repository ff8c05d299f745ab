import { Alert, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DualDate } from '../../components/DualDate';
import { todayInRiyadh } from '../../lib/dates';
import { SessionCard } from './SessionCard';

/**
 * The recovery key, shown once right after setup. Printing gives a sheet with only the key, the
 * association and the date (the rest of the screen is not printed).
 */
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
      <Paper withBorder p="lg" radius="md" className="wasl-recovery-sheet">
        <Stack gap="sm" align="center">
          <Text className="wasl-print-only" fw={700} fz="xl">
            {t('recoveryKey.sheetTitle')}
          </Text>
          <Text className="wasl-print-only">
            {t('recoveryKey.sheetFor')} {associationName}
          </Text>
          <Text className="wasl-print-only">
            {t('recoveryKey.sheetDate')} <DualDate date={todayInRiyadh()} />
          </Text>
          <Text
            component="bdi"
            dir="ltr"
            ff="monospace"
            fz={26}
            fw={600}
            ta="center"
            style={{ letterSpacing: 1 }}
            aria-label={t('recoveryKey.title')}
            data-testid="recovery-key"
          >
            {/* Two lines of four groups, never broken inside a group: it is copied by hand. */}
            {halves(recoveryKey).map((half, index) => (
              <span key={index} style={{ display: 'block', whiteSpace: 'nowrap' }}>
                {index === 0 ? `${half}-` : half}
              </span>
            ))}
          </Text>
          <Text className="wasl-print-only" fz="sm">
            {t('recoveryKey.sheetKeep')}
          </Text>
        </Stack>
      </Paper>
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

function halves(key: string): string[] {
  const groups = key.split('-');
  const middle = Math.ceil(groups.length / 2);
  return [groups.slice(0, middle).join('-'), groups.slice(middle).join('-')];
}
