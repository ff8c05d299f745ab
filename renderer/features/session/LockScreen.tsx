import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { SessionState, SessionUser } from '../../../electron/api/session';
import { useApi } from '../../api/context';
import { useSubmit } from '../../api/use-save-form';
import { PasswordField } from '../../components/PasswordField';
import { SessionCard } from './SessionCard';

/**
 * Covers the whole window while the desk is locked. Everything else in the page (modals included,
 * which Mantine renders outside the app's tree) is made inert and invisible until the password is
 * typed again; nothing is unmounted, so what was being typed is still there afterwards.
 */
export function LockScreen({
  user,
  onUnlocked,
  onSignOut,
}: {
  user: SessionUser;
  onUnlocked: (state: SessionState) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation('session');
  const api = useApi();
  const { submit, failure, busy } = useSubmit({ failureWithFields: true });
  const [password, setPassword] = useState('');
  const [container] = useState(() => document.createElement('div'));
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const own = container;
    document.body.appendChild(own);
    const hidden: HTMLElement[] = [];
    for (const element of Array.from(document.body.children)) {
      if (element === own || !(element instanceof HTMLElement) || element.inert) continue;
      element.inert = true;
      element.style.visibility = 'hidden';
      hidden.push(element);
    }
    // The box is focused only now: React's autoFocus fires while the portal is still detached from the
    // page, and the field that had the cursor has just been made inert, so nothing would have focus.
    passwordInput.current?.focus();
    return () => {
      for (const element of hidden) {
        element.inert = false;
        element.style.visibility = '';
      }
      own.remove();
    };
  }, [container]);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    await submit(() => api['session.unlock']({ password }), {
      onSaved: (state) => {
        setPassword('');
        onUnlocked(state);
      },
      onRefused: (error) => {
        setPassword('');
        if (error.code === 'account_locked' || error.code === 'unauthenticated') onSignOut();
      },
    });
  };

  return createPortal(
    <div className="wasl-lock-screen" role="dialog" aria-modal="true" aria-label={t('lock.title')}>
      <SessionCard title={t('lock.title')}>
        <Stack gap="md" align="stretch">
          <Stack gap={4} align="center">
            <IconLock size={36} stroke={1.5} color="var(--mantine-color-wasl-8)" />
            <Text ta="center">{t('lock.body')}</Text>
            <Text ta="center" fw={500}>
              {t('lock.who', { name: user.displayName })}
            </Text>
          </Stack>
          <form onSubmit={(event) => void unlock(event)} noValidate>
            <Stack gap="md">
              <PasswordField purpose="current" label={t('lock.password')} value={password} onChange={setPassword} ref={passwordInput} />
              {failure ? (
                <Alert color="red" role="alert">
                  {failure}
                </Alert>
              ) : null}
              <Button type="submit" size="md" loading={busy}>
                {t('lock.submit')}
              </Button>
            </Stack>
          </form>
          <Anchor component="button" type="button" fz="sm" onClick={onSignOut} ta="start">
            {t('lock.signOut')}
          </Anchor>
          <Text fz="xs" c="dimmed">
            {t('lock.signOutWarning')}
          </Text>
        </Stack>
      </SessionCard>
    </div>,
    container,
  );
}
