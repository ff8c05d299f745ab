import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../electron/api/session';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { SessionCard } from './SessionCard';
import { CheckedForm } from '../../components/CheckedForm';

/** Choosing one's own password: required after an administrator's reset, or from the account menu. */
export function ChangePasswordForm({
  required = false,
  onDone,
  onCancel,
}: {
  required?: boolean;
  onDone: (state: SessionState) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('session');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (values.newPassword !== values.confirmPassword) {
      setErrors({ confirmPassword: t('setup.mismatch') });
      return;
    }
    setBusy(true);
    const result = await api['session.changePassword']({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    setBusy(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    setErrors(fieldErrors(result.error));
    setFailure(errorMessage(result.error));
  };

  return (
    <CheckedForm onSave={submit}>
      <Stack gap="md">
        {required ? <Alert color="yellow">{t('changePassword.required')}</Alert> : null}
        <PasswordInput
          label={t('changePassword.current')}
          value={values.currentPassword}
          onChange={(event) => set('currentPassword')(event.currentTarget.value)}
          error={errors.currentPassword}
          autoComplete="current-password"
          autoFocus
          data-autofocus
          required
        />
        <PasswordInput
          label={t('changePassword.new')}
          description={t('setup.passwordHint')}
          value={values.newPassword}
          onChange={(event) => set('newPassword')(event.currentTarget.value)}
          error={errors.newPassword}
          autoComplete="new-password"
          required
        />
        <PasswordInput
          label={t('changePassword.confirm')}
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
        <Group>
          <Button type="submit" loading={busy}>
            {t('changePassword.submit')}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('changePassword.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </CheckedForm>
  );
}

export function ChangePasswordPage({ required, onDone, onSignOut }: { required: boolean; onDone: (state: SessionState) => void; onSignOut: () => void }) {
  const { t } = useTranslation('session');
  return (
    <SessionCard title={t('changePassword.title')} width={520}>
      <ChangePasswordForm required={required} onDone={onDone} />
      <Text fz="sm">
        <Button variant="subtle" size="xs" onClick={onSignOut}>
          {t('menu.signOut')}
        </Button>
      </Text>
    </SessionCard>
  );
}
