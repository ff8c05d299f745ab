import { Alert, Badge, Button, Group, Modal, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { BackupEntry } from '../../../electron/api/backups';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSaveForm, useSubmit } from '../../api/use-save-form';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { isolateLtr } from '../../lib/bidi';
import { BackupStatusCard } from './BackupStatusCard';
import { CheckedForm } from '../../components/CheckedForm';

/** The administrator's backups: where they go, how many are kept, make one now, restore one. */
export function BackupsPage() {
  const { t } = useTranslation('backups');
  const api = useApi();
  const errorMessage = useErrorMessage();
  // Fills the form: a write elsewhere must not overwrite what is being typed.
  const settings = useCall('backups.settings', {}, { followChanges: false });
  const backups = useCall('backups.list', {});
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const [statusKey, setStatusKey] = useState(0);
  const { values, set, fill, errors, failure, save } = useSaveForm('backups.configure', {
    initial: { folder: '', keepDaily: 7, keepWeekly: 4 },
    input: (typed) => ({ ...typed, folder: typed.folder.trim() === '' ? null : typed.folder }),
    savedMessage: t('settings.saved'),
    onSaved: () => {
      settings.reload();
      backups.reload();
      setStatusKey((key) => key + 1);
    },
    failureWithFields: true,
  });
  const run = useSubmit({ failureWithFields: true });

  useEffect(() => {
    if (!settings.data) return;
    fill({ folder: settings.data.folder ?? '', keepDaily: settings.data.keepDaily, keepWeekly: settings.data.keepWeekly });
  }, [settings.data, fill]);

  const runNow = () =>
    run.submit(
      async () => {
        const result = await api['backups.run']({ kind: 'manual' });
        // Refused or not, the status card says how the last backup went.
        setStatusKey((key) => key + 1);
        return result;
      },
      { savedMessage: (made) => t('run.done', { name: made.name }), onSaved: () => backups.reload() },
    );

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
              onChange={(event) => set('folder', event.currentTarget.value)}
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
                onChange={(value) => set('keepDaily', Number(value) || 1)}
                error={errors.keepDaily}
              />
              <NumberInput
                label={t('settings.keepWeekly')}
                description={t('settings.keepWeeklyHint')}
                value={values.keepWeekly}
                min={0}
                max={52}
                onChange={(value) => set('keepWeekly', Number(value) || 0)}
                error={errors.keepWeekly}
              />
            </Group>
            {/* A refused save, or else a backup made now that failed. */}
            {(failure ?? run.failure) ? (
              <Alert color="red" role="alert">
                {failure ?? run.failure}
              </Alert>
            ) : null}
            <Group>
              <Button type="submit">{t('settings.save')}</Button>
              <Button variant="light" leftSection={<IconDatabaseExport size={18} />} loading={run.busy} onClick={() => void runNow()} disabled={!settings.data?.folder}>
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
          <ListTable
            verticalSpacing="xs"
            label={t('list.title')}
            rows={backups.data}
            rowKey={(entry) => entry.name}
            emptyMessage={t('list.empty')}
            columns={[
              { header: t('list.createdAt'), cell: (entry) => <DualDate instant={entry.createdAt} /> },
              {
                header: t('list.kind'),
                cell: (entry) => (
                  <>
                    {entry.manifest ? t(`kind.${entry.manifest.kind}`) : null}
                    {/* Another installation's backup shows only what its manifest says in clear: whose it is. */}
                    {entry.databaseId !== null && !entry.fromThisDatabase ? (
                      <Badge color="gray" ms={entry.manifest ? 'xs' : 0}>
                        {t('list.otherInstallation')}
                      </Badge>
                    ) : entry.manifest === null ? (
                      <Badge color="gray">{t('list.unreadable')}</Badge>
                    ) : null}
                  </>
                ),
              },
              { header: t('list.beneficiaries'), cell: (entry) => entry.manifest?.beneficiaries.toLocaleString('en-US') ?? '—' },
              { header: t('list.size'), cell: (entry) => <Ltr>{entry.manifest ? `${(entry.manifest.databaseBytes / 1024 / 1024).toFixed(1)} MB` : '—'}</Ltr> },
              {
                cell: (entry) =>
                  entry.manifest && entry.fromThisDatabase ? (
                    <Button size="xs" variant="subtle" leftSection={<IconRestore size={14} />} onClick={() => setRestoring(entry)}>
                      {t('restore.button')}
                    </Button>
                  ) : null,
              },
            ]}
          />
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
  const { submit, failure, busy } = useSubmit({ failureWithFields: true });
  const [, navigate] = useLocation();
  const when = new Date(entry.createdAt).toLocaleString(i18n.language === 'ar' ? 'ar-SA-u-ca-gregory-nu-latn' : 'en-GB', { timeZone: 'Asia/Riyadh' });

  const restore = () =>
    submit(() => api['backups.restore']({ name: entry.name }), {
      onSaved: (restored) => {
        // Said until it is closed: where the copy of the data it replaced was kept.
        notifications.show({
          color: 'teal',
          autoClose: false,
          message: t('restore.done', { when, count: restored.beneficiaries, path: restored.safetyCopyPath }),
        });
        // Back to the home screen, which reads the restored data afresh.
        navigate('/');
      },
    });

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
