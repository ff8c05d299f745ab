import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../electron/api/session';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { SessionCard } from './SessionCard';

/** Username and password; or, when every administrator is locked out, the recovery key. */
export function SignInPage({ associationName, onSignedIn }: { associationName: string | null; onSignedIn: (state: SessionState) => void }) {
  const [recovering, setRecovering] = useState(false);
  return recovering ? (
    <RecoverForm associationName={associationName} onSignedIn={onSignedIn} onBack={() => setRecovering(false)} />
  ) : (
    <SignInForm associationName={associationName} onSignedIn={onSignedIn} onRecover={() => setRecovering(true)} />
  );
}

function SignInForm({
  associationName,
  onSignedIn,
  onRecover,
}: {
  associationName: string | null;
  onSignedIn: (state: SessionState) => void;
  onRecover: () => void;
}) {
  const { t } = useTranslation('session');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api['session.signIn']({ username, password });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setPassword('');
    setFailure(errorMessage(result.error));
  };

  return (
    <SessionCard title={t('signIn.title')} associationName={associationName}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('signIn.username')}
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            autoComplete="username"
            dir="ltr"
            autoFocus
            required
          />
          <PasswordInput
            label={t('signIn.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            required
          />
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
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({ recoveryKey: '', username: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.newPassword !== values.confirmPassword) {
      setErrors({ confirmPassword: t('setup.mismatch') });
      return;
    }
    setBusy(true);
    const result = await api['session.recover']({ recoveryKey: values.recoveryKey, username: values.username, newPassword: values.newPassword });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setErrors(fieldErrors(result.error));
    setFailure(errorMessage(result.error));
  };

  return (
    <SessionCard title={t('recover.title')} associationName={associationName} width={560}>
      <Text c="dimmed">{t('recover.intro')}</Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('recover.recoveryKey')}
            value={values.recoveryKey}
            onChange={(event) => set('recoveryKey')(event.currentTarget.value)}
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
            onChange={(event) => set('username')(event.currentTarget.value)}
            error={errors.username}
            dir="ltr"
            required
          />
          <PasswordInput
            label={t('recover.newPassword')}
            description={t('setup.passwordHint')}
            value={values.newPassword}
            onChange={(event) => set('newPassword')(event.currentTarget.value)}
            error={errors.newPassword}
            autoComplete="new-password"
            required
          />
          <PasswordInput
            label={t('recover.confirmPassword')}
            value={values.confirmPassword}
            onChange={(event) => set('confirmPassword')(event.currentTarget.value)}
            error={errors.confirmPassword}
            autoComplete="new-password"
            required
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
