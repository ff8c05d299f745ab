import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditEntry, type AuditFilters, type AuditVerification } from '../../../electron/api/audit';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { ListTable } from '../../components/ListTable';
import { saveFile } from '../../lib/save-file';
import { useSession } from '../session/session-context';
import { AuditBreakWarning } from './AuditBreakWarning';
import { useAuditColumns } from './audit-columns';
import { ChoiceField } from '../../components/ChoiceField';

const PAGE = 50;

/** The office's audit log for supervisors and administrators: filter, read, verify, export. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const api = useApi();
  const session = useSession();
  const errorMessage = useErrorMessage();
  const columns = useAuditColumns({ showRecord: true });
  const actors = useCall('audit.actors', {});
  const [filters, setFilters] = useState({ actorId: '', action: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const verifying = useSubmit();

  const query = (): AuditFilters => ({
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.action ? { action: filters.action as AuditFilters['action'] } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  });
  const key = JSON.stringify(filters);

  useEffect(() => {
    let current = true;
    void api['audit.list']({ ...query(), limit: PAGE }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setEntries(result.value.entries);
        setNextBefore(result.value.nextBefore);
        setFailure(null);
      } else setFailure(errorMessage(result.error));
    });
    return () => {
      current = false;
    };
    // The filters are compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  const more = async () => {
    if (nextBefore === null) return;
    const result = await api['audit.list']({ ...query(), before: nextBefore, limit: PAGE });
    if (!result.ok) return setFailure(errorMessage(result.error));
    setEntries((current) => [...current, ...result.value.entries]);
    setNextBefore(result.value.nextBefore);
  };

  // A refused check is said where the page says every refusal, in the one sentence above the log.
  const verify = () => verifying.submit(() => api['audit.verify']({}), { onSaved: setVerification, onRefused: (error) => setFailure(errorMessage(error)) });

  const exportLog = async () => {
    const result = await api['audit.export'](query());
    if (!result.ok) return setFailure(errorMessage(result.error));
    saveFile(result.value);
    notifications.show({ color: 'teal', message: t('exported', { count: result.value.count }) });
  };

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{t('title')}</Title>
          <Text c="dimmed">{t('intro')}</Text>
        </Stack>
        <Group>
          <Button variant="light" leftSection={<IconShieldCheck size={18} />} onClick={() => void verify()} loading={verifying.busy}>
            {t('verify')}
          </Button>
          {session.can('audit.export') ? (
            <Button variant="light" leftSection={<IconDownload size={18} />} onClick={() => void exportLog()}>
              {t('export')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <AuditBreakWarning />
      {verification ? (
        <Alert color={verification.intact ? 'teal' : 'red'} role="status">
          {verification.intact
            ? t('verifyIntact', { count: verification.checked })
            : t('verifyBroken', { seq: verification.problem?.seq, kind: t(`problem.${verification.problem?.kind}`) })}
        </Alert>
      ) : null}
      <Paper withBorder radius="lg" p="md">
        <Group gap="md" grow align="flex-start">
          <ChoiceField
            label={t('filters.actor')}
            clearable
            searchable
            placeholder={t('filters.all')}
            data={(actors.data ?? []).map((actor) => ({ value: actor.id, label: actor.displayName }))}
            value={filters.actorId || null}
            onChange={(value) => setFilters({ ...filters, actorId: value ?? '' })}
          />
          <ChoiceField
            label={t('filters.action')}
            clearable
            searchable
            placeholder={t('filters.all')}
            data={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`actions.${action}`) }))}
            value={filters.action || null}
            onChange={(value) => setFilters({ ...filters, action: value ?? '' })}
          />
          <DateField label={t('filters.from')} value={filters.from} onChange={(from) => setFilters({ ...filters, from })} />
          <DateField label={t('filters.to')} value={filters.to} onChange={(to) => setFilters({ ...filters, to })} />
        </Group>
      </Paper>
      {failure ? <Text c="red">{failure}</Text> : null}
      <Paper withBorder radius="lg">
        <ListTable verticalSpacing="xs" horizontalSpacing="md" label={t('title')} rows={entries} rowKey={(entry) => entry.id} columns={columns} />
        {entries.length === 0 ? (
          <Text c="dimmed" p="md">
            {t('empty')}
          </Text>
        ) : null}
      </Paper>
      {nextBefore !== null ? (
        <Button variant="default" onClick={() => void more()}>
          {t('more')}
        </Button>
      ) : null}
    </Stack>
  );
}
