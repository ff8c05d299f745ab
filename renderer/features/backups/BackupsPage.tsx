import { Alert, Badge, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { BackupEntry } from '../../../electron/api/backups';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { isolateLtr } from '../../lib/bidi';
import { BackupStatusCard } from './BackupStatusCard';
import { CheckedForm } from '../../components/CheckedForm';

/** The administrator's backups: where they go, how many are kept, make one now, restore one. */
export function BackupsPage() {
  const { t } = useTranslation('backups');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  // Fills the form: a write elsewhere must not overwrite what is being typed.
  const settings = useCall('backups.settings', {}, { followChanges: false });
  const backups = useCall('backups.list', {});
  const [values, setValues] = useState({ folder: '', keepDaily: 7, keepWeekly: 4 });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const [statusKey, setStatusKey] = useState(0);

  useEffect(() => {
    if (!settings.data) return;
    setValues({ folder: settings.data.folder ?? '', keepDaily: settings.data.keepDaily, keepWeekly: settings.data.keepWeekly });
  }, [settings.data]);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const result = await api['backups.configure']({
      folder: values.folder.trim() === '' ? null : values.folder,
      keepDaily: values.keepDaily,
      keepWeekly: values.keepWeekly,
    });
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      setFailure(errorMessage(result.error));
      return;
    }
    setErrors({});
    setFailure(null);
    notifications.show({ color: 'teal', message: t('settings.saved') });
    settings.reload();
    backups.reload();
    setStatusKey((key) => key + 1);
  };

  const runNow = async () => {
    setRunning(true);
    const result = await api['backups.run']({ kind: 'manual' });
    setRunning(false);
    setStatusKey((key) => key + 1);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    setFailure(null);
    notifications.show({ color: 'teal', message: t('run.done', { name: result.value.name }) });
    backups.reload();
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={2}>
        <Title order={2}>{t('title')}</Title>
        <Text c="dimmed">{t('intro')}</Text>
      </Stack>
      <BackupStatusCard key={statusKey} />
      <Paper withBorder radius="lg" p="lg">
        <CheckedForm onSave={save}>
          <Stack gap="md">
            <TextInput
              label={t('settings.folder')}
              // Paths read left to right even inside an Arabic sentence: isolated, `\\server` keeps its backslashes in front.
              description={t('settings.folderHint', { drive: isolateLtr('E:\\Wasl backups'), share: isolateLtr('\\\\server\\share\\Wasl') })}
              value={values.folder}
              onChange={(event) => setValues({ ...values, folder: event.currentTarget.value })}
              error={errors.folder}
              dir="ltr"
            />
            <Group grow align="flex-start">
              <NumberInput
                label={t('settings.keepDaily')}
                description={t('settings.keepDailyHint')}
                value={values.keepDaily}
                min={1}
                max={60}
                onChange={(value) => setValues({ ...values, keepDaily: Number(value) || 1 })}
                error={errors.keepDaily}
              />
              <NumberInput
                label={t('settings.keepWeekly')}
                description={t('settings.keepWeeklyHint')}
                value={values.keepWeekly}
                min={0}
                max={52}
                onChange={(value) => setValues({ ...values, keepWeekly: Number(value) || 0 })}
                error={errors.keepWeekly}
              />
            </Group>
            {failure ? (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            ) : null}
            <Group>
              <Button type="submit">{t('settings.save')}</Button>
              <Button variant="light" leftSection={<IconDatabaseExport size={18} />} loading={running} onClick={() => void runNow()} disabled={!settings.data?.folder}>
                {t('run.button')}
              </Button>
            </Group>
          </Stack>
        </CheckedForm>
      </Paper>
      <Paper withBorder radius="lg" p="md">
        <Stack gap="sm">
          <Title order={3} fz="h4">
            {t('list.title')}
          </Title>
          <Table verticalSpacing="xs" aria-label={t('list.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.createdAt')}</Table.Th>
                <Table.Th>{t('list.kind')}</Table.Th>
                <Table.Th>{t('list.beneficiaries')}</Table.Th>
                <Table.Th>{t('list.size')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(backups.data ?? []).map((entry) => (
                <Table.Tr key={entry.name}>
                  <Table.Td>
                    <DualDate instant={entry.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    {entry.manifest ? t(`kind.${entry.manifest.kind}`) : null}
                    {/* Another installation's backup shows only what its manifest says in clear: whose it is. */}
                    {entry.databaseId !== null && !entry.fromThisDatabase ? (
                      <Badge color="gray" ms={entry.manifest ? 'xs' : 0}>
                        {t('list.otherInstallation')}
                      </Badge>
                    ) : entry.manifest === null ? (
                      <Badge color="gray">{t('list.unreadable')}</Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{entry.manifest?.beneficiaries.toLocaleString('en-US') ?? '—'}</Table.Td>
                  <Table.Td>
                    <Ltr>{entry.manifest ? `${(entry.manifest.databaseBytes / 1024 / 1024).toFixed(1)} MB` : '—'}</Ltr>
                  </Table.Td>
                  <Table.Td>
                    {entry.manifest && entry.fromThisDatabase ? (
                      <Button size="xs" variant="subtle" leftSection={<IconRestore size={14} />} onClick={() => setRestoring(entry)}>
                        {t('restore.button')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {backups.data?.length === 0 ? <Text c="dimmed">{t('list.empty')}</Text> : null}
          {backups.error ? <Text c="red">{errorMessage(backups.error)}</Text> : null}
        </Stack>
      </Paper>
      {restoring ? <RestoreModal entry={restoring} onClose={() => setRestoring(null)} /> : null}
    </Stack>
  );
}

function RestoreModal({ entry, onClose }: { entry: BackupEntry; onClose: () => void }) {
  const { t, i18n } = useTranslation('backups');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [, navigate] = useLocation();
  const when = new Date(entry.createdAt).toLocaleString(i18n.language === 'ar' ? 'ar-SA-u-ca-gregory-nu-latn' : 'en-GB', { timeZone: 'Asia/Riyadh' });

  const restore = async () => {
    setBusy(true);
    const result = await api['backups.restore']({ name: entry.name });
    setBusy(false);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    notifications.show({
      color: 'teal',
      autoClose: false,
      message: t('restore.done', { when, count: result.value.beneficiaries, path: result.value.safetyCopyPath }),
    });
    // Back to the home screen, which reads the restored data afresh.
    navigate('/');
  };

  return (
    <Modal opened onClose={onClose} title={t('restore.confirmTitle')}>
      <Stack gap="md">
        <Text>{t('restore.confirmBody', { when })}</Text>
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('restore.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void restore()}>
            {t('restore.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
