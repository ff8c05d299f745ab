import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../electron/api/session';
import { useApi } from '../../api/context';
import { useSaveForm, useSubmit } from '../../api/use-save-form';
import { PasswordField } from '../../components/PasswordField';
import { SessionCard } from './SessionCard';

/** Username and password; or, when every administrator is locked out, the recovery key. */
export function SignInPage({
  associationName,
  restarted = false,
  onSignedIn,
}: {
  associationName: string | null;
  /** Wasl stopped and started again: say so calmly above the form. */
  restarted?: boolean;
  onSignedIn: (state: SessionState) => void;
}) {
  const [recovering, setRecovering] = useState(false);
  return recovering ? (
    <RecoverForm associationName={associationName} onSignedIn={onSignedIn} onBack={() => setRecovering(false)} />
  ) : (
    <SignInForm associationName={associationName} restarted={restarted} onSignedIn={onSignedIn} onRecover={() => setRecovering(true)} />
  );
}

function SignInForm({
  associationName,
  restarted,
  onSignedIn,
  onRecover,
}: {
  associationName: string | null;
  restarted: boolean;
  onSignedIn: (state: SessionState) => void;
  onRecover: () => void;
}) {
  const { t } = useTranslation('session');
  const api = useApi();
  const { submit, failure, busy } = useSubmit({ failureWithFields: true });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    await submit(() => api['session.signIn']({ username, password }), { onSaved: onSignedIn, onRefused: () => setPassword('') });
  };

  return (
    <SessionCard title={t('signIn.title')} associationName={associationName}>
      <form onSubmit={(event) => void signIn(event)} noValidate>
        <Stack gap="md">
          {restarted ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} role="status">
              {t('signIn.restarted')}
            </Alert>
          ) : null}
          <TextInput
            label={t('signIn.username')}
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            autoComplete="username"
            dir="ltr"
            autoFocus
            required
          />
          <PasswordField purpose="current" label={t('signIn.password')} value={password} onChange={setPassword} />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Button type="submit" size="md" loading={busy}>
            {t('signIn.submit')}
          </Button>
          <Text fz="sm" c="dimmed">
            {t('signIn.forgot')}
          </Text>
          <Anchor component="button" type="button" fz="sm" onClick={onRecover} ta="start">
            {t('signIn.useRecoveryKey')}
          </Anchor>
        </Stack>
      </form>
    </SessionCard>
  );
}

function RecoverForm({
  associationName,
  onSignedIn,
  onBack,
}: {
  associationName: string | null;
  onSignedIn: (state: SessionState) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('session');
  const { values, set, errors, failure, busy, save } = useSaveForm('session.recover', {
    initial: { recoveryKey: '', username: '', newPassword: '', confirmPassword: '' },
    check: (typed) => (typed.newPassword === typed.confirmPassword ? null : { confirmPassword: t('setup.mismatch') }),
    input: ({ confirmPassword: _unused, ...input }) => input,
    onSaved: onSignedIn,
    failureWithFields: true,
  });

  return (
    <SessionCard title={t('recover.title')} associationName={associationName} width={560}>
      <Text c="dimmed">{t('recover.intro')}</Text>
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('recover.recoveryKey')}
            value={values.recoveryKey}
            onChange={(event) => set('recoveryKey', event.currentTarget.value)}
            error={errors.recoveryKey}
            dir="ltr"
            ff="monospace"
            autoFocus
            required
            autoComplete="off"
          />
          <TextInput
            label={t('recover.username')}
            value={values.username}
            onChange={(event) => set('username', event.currentTarget.value)}
            error={errors.username}
            dir="ltr"
            required
          />
          <PasswordField
            purpose="new"
            label={t('recover.newPassword')}
            description={t('setup.passwordHint')}
            value={values.newPassword}
            onChange={(value) => set('newPassword', value)}
            error={errors.newPassword}
          />
          <PasswordField
            purpose="new"
            label={t('recover.confirmPassword')}
            value={values.confirmPassword}
            onChange={(value) => set('confirmPassword', value)}
            error={errors.confirmPassword}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Button type="submit" size="md" loading={busy}>
            {t('recover.submit')}
          </Button>
          <Anchor component="button" type="button" fz="sm" onClick={onBack} ta="start">
            {t('recover.back')}
          </Anchor>
        </Stack>
      </form>
    </SessionCard>
  );
}
