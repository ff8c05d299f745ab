import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useSession } from '../session/session-context';
import { NewRecoveryKeyModal, PasswordConfirmModal } from './KeyDialogs';

/**
 * Issuing a new recovery key, when the printed one may have been seen or is lost. The administrator
 * types their own password again; the new key is shown once, like at setup.
 */
export function RecoveryKeySection() {
  const { t } = useTranslation('settings');
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} fz="h4">
            {t('recoveryKey.title')}
          </Title>
          <Text c="dimmed" fz="sm">
            {t('recoveryKey.intro')}
          </Text>
        </Stack>
        <Group>
          <Button variant="light" leftSection={<IconKey size={18} />} onClick={() => setOpen(true)}>
            {t('recoveryKey.replace')}
          </Button>
        </Group>
      </Stack>
      {open ? <ReplaceRecoveryKey onClose={() => setOpen(false)} /> : null}
    </Paper>
  );
}

function ReplaceRecoveryKey({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('settings');
  const api = useApi();
  const session = useSession();
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);

  if (recoveryKey !== null) {
    return (
      <NewRecoveryKeyModal
        title={t('recoveryKey.newTitle')}
        intro={t('recoveryKey.shownOnce')}
        recoveryKey={recoveryKey}
        nextSteps={session.can('backups.manage') ? [{ label: t('recoveryKey.makeBackup'), to: '/backups' }] : []}
        onClose={onClose}
      >
        <Alert color="yellow" className="wasl-no-print" title={t('recoveryKey.olderBackupsTitle')}>
          {t('recoveryKey.olderBackups')}
        </Alert>
      </NewRecoveryKeyModal>
    );
  }

  return (
    <PasswordConfirmModal
      title={t('recoveryKey.replaceTitle')}
      passwordLabel={t('recoveryKey.password')}
      confirmLabel={t('recoveryKey.submit')}
      cancelLabel={t('recoveryKey.cancel')}
      onClose={onClose}
      onConfirm={async (password) => {
        const result = await api['users.replaceRecoveryKey']({ password });
        if (!result.ok) return result.error;
        setRecoveryKey(result.value.recoveryKey);
        return null;
      }}
    >
      <Text>{t('recoveryKey.replaceIntro')}</Text>
    </PasswordConfirmModal>
  );
}
