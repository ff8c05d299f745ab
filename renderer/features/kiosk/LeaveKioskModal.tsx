import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../electron/api/session';
import { useApi } from '../../api/context';
import { useSubmit } from '../../api/use-save-form';
import { PasswordField } from '../../components/PasswordField';

/**
 * The staff's way out of the kiosk: the signed-in officer's password, checked by the desk as an
 * unlock is (a wrong one counted). Whoever else is at the screen gets no further than this box.
 */
export function LeaveKioskModal({ opened, onClose, onLeft }: { opened: boolean; onClose: () => void; onLeft: (next: SessionState) => void }) {
  const { t } = useTranslation('kiosk');
  const api = useApi();
  const { submit, failure, busy, clearError } = useSubmit({ failureWithFields: true });
  const [password, setPassword] = useState('');

  useEffect(() => {
    if (!opened) return;
    setPassword('');
    clearError();
  }, [opened, clearError]);

  const leave = async (event: FormEvent) => {
    event.preventDefault();
    await submit(() => api['session.leaveKiosk']({ password }), {
      onSaved: (next) => {
        setPassword('');
        onLeft(next);
      },
      onRefused: (error) => {
        setPassword('');
        // The last wrong password ended the session: the desk says so on the sign-in screen.
        if (error.code === 'account_locked' || error.code === 'unauthenticated') void api['session.state']({}).then((result) => result.ok && onLeft(result.value));
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('leave.title')} centered size="md">
      <form onSubmit={(event) => void leave(event)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('leave.body')}</Text>
          <PasswordField purpose="current" label={t('leave.password')} value={password} onChange={setPassword} data-autofocus />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('leave.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('leave.end')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
