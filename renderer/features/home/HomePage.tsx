import { Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconSearch, IconShieldLock, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useCall } from '../../api/use-call';
import { useShell } from '../../app/Shell';
import { AuditBreakWarning } from '../audit/AuditBreakWarning';
import { BackupStatusCard } from '../backups/BackupStatusCard';
import { ReviewReminder } from '../documents/ReviewReminder';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';
import { todayInRiyadh } from '../../lib/dates';
import { MyWork } from '../queues/MyWork';
import { UnlinkedContacts } from '../contacts/UnlinkedContacts';
import { useSession } from '../session/session-context';

/** The first screen: the user's own work, then finding someone or registering them; the registry at a glance. */
export function HomePage() {
  const { t } = useTranslation('home');
  const { openSearch } = useShell();
  const session = useSession();
  const [, navigate] = useLocation();
  const stats = useCall('beneficiaries.stats', {});
  const info = useCall('app.info', {});
  const empty = stats.data?.total === 0;

  return (
    <Stack gap="xl" maw={1100}>
      <Stack gap={4}>
        <Title order={2}>{t('welcome')}</Title>
        <Text c="dimmed">
          <DualDate date={todayInRiyadh()} />
        </Text>
      </Stack>

      {/* Administrators answer for the log: a break found in it comes before the day's work. */}
      {session.can('settings.manage') ? <AuditBreakWarning linkToLog /> : null}

      {/* A governing document's review falling due is the supervisor's to bring to the board. */}
      <ReviewReminder />

      <MyWork />

      <UnlinkedContacts />

      <Paper p="xl" radius="lg" withBorder>
        <Stack gap="md">
          <Text fz="lg" fw={500}>
            {empty ? t('emptyTitle') : t('startTitle')}
          </Text>
          <Text c="dimmed">{empty ? t('emptyBody') : t('startBody')}</Text>
          <Group gap="md">
            <Button size="md" leftSection={<IconSearch size={20} />} onClick={openSearch} variant={empty ? 'light' : 'filled'}>
              {t('search')}
              <Shortcut keys={['Ctrl', 'K']} />
            </Button>
            <Button size="md" leftSection={<IconUserPlus size={20} />} onClick={() => navigate('/beneficiaries/new')} variant={empty ? 'filled' : 'light'}>
              {t('register')}
              <Shortcut keys={['Alt', 'N']} />
            </Button>
          </Group>
        </Stack>
      </Paper>

      {stats.data && stats.data.total > 0 ? (
        <SimpleGrid cols={4} spacing="md">
          <StatCard label={t('stats.total')} value={stats.data.total} onClick={() => navigate('/beneficiaries')} />
          <StatCard label={t('stats.eligible')} value={stats.data.byEligibility.eligible} color="teal" />
          <StatCard label={t('stats.pending')} value={stats.data.byEligibility.pending} color="yellow.8" />
          <StatCard label={t('stats.notEligible')} value={stats.data.byEligibility.not_eligible} color="red" />
        </SimpleGrid>
      ) : null}

      <BackupStatusCard />

      {info.data ? (
        <Group gap="xs" c="dimmed">
          <IconShieldLock size={18} stroke={1.6} />
          <Text fz="sm">
            {t('dataFolder')} <Ltr>{info.data.dataDirectory}</Ltr>
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}

function StatCard({ label, value, color, onClick }: { label: string; value: number; color?: string; onClick?: () => void }) {
  const { i18n } = useTranslation();
  return (
    <Card withBorder radius="lg" padding="lg" onClick={onClick} style={onClick ? { cursor: 'pointer' } : undefined}>
      <Text c="dimmed" fz="sm">
        {label}
      </Text>
      <Text fz={30} fw={700} c={color}>
        {value.toLocaleString(i18n.language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB')}
      </Text>
    </Card>
  );
}
