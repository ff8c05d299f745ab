import { Alert, Button, Checkbox, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconPrinter } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { RecoveryKeySheet } from '../session/RecoveryKeySheet';
import { useSession } from '../session/session-context';

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
      {open ? <ReplaceRecoveryKeyModal onClose={() => setOpen(false)} /> : null}
    </Paper>
  );
}

function ReplaceRecoveryKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('settings');
  const api = useApi();
  const session = useSession();
  const [, navigate] = useLocation();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [kept, setKept] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api['users.replaceRecoveryKey']({ password });
    setBusy(false);
    setPassword('');
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      setFailure(result.error.code === 'validation' ? null : errorMessage(result.error));
      return;
    }
    setRecoveryKey(result.value.recoveryKey);
  };

  if (recoveryKey !== null) {
    // Shown once: closing is only offered once the administrator says the key is kept.
    return (
      <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title={t('recoveryKey.newTitle')} size="lg" className="wasl-recovery-dialog">
        <Stack gap="md">
          <Text className="wasl-no-print">{t('recoveryKey.shownOnce')}</Text>
          <RecoveryKeySheet recoveryKey={recoveryKey} associationName={session.state.associationName ?? ''} />
          <Alert color="yellow" className="wasl-no-print" title={t('recoveryKey.olderBackupsTitle')}>
            {t('recoveryKey.olderBackups')}
          </Alert>
          <Group className="wasl-no-print">
            <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => window.print()}>
              {t('recoveryKey.print')}
            </Button>
          </Group>
          <Checkbox className="wasl-no-print" checked={kept} onChange={(event) => setKept(event.currentTarget.checked)} label={t('recoveryKey.confirm')} />
          <Group justify="flex-end" className="wasl-no-print">
            <Button variant={session.can('backups.manage') ? 'default' : 'filled'} disabled={!kept} onClick={onClose}>
              {t('recoveryKey.done')}
            </Button>
            {session.can('backups.manage') ? (
              <Button
                disabled={!kept}
                onClick={() => {
                  onClose();
                  navigate('/backups');
                }}
              >
                {t('recoveryKey.makeBackup')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('recoveryKey.replaceTitle')} size="md">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text>{t('recoveryKey.replaceIntro')}</Text>
          <PasswordInput
            label={t('recoveryKey.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
            autoComplete="current-password"
            data-autofocus
            required
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('recoveryKey.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('recoveryKey.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
