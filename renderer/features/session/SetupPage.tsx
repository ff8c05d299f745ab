import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupResult } from '../../../electron/api/session';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { SessionCard } from './SessionCard';

/** First start: the association's name and the first administrator. */
export function SetupPage({ onDone }: { onDone: (result: SetupResult) => void }) {
  const { t } = useTranslation('session');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({ associationName: '', displayName: '', username: '', password: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (field: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.password !== values.confirmPassword) {
      setErrors({ confirmPassword: t('setup.mismatch') });
      return;
    }
    setSaving(true);
    const { confirmPassword: _unused, ...input } = values;
    const result = await api['session.setup'](input);
    setSaving(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    setErrors(fieldErrors(result.error));
    setFailure(errorMessage(result.error));
  };

  return (
    <SessionCard title={t('setup.title')} width={560}>
      <Text c="dimmed">{t('setup.intro')}</Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('setup.associationName')}
            value={values.associationName}
            onChange={(event) => set('associationName')(event.currentTarget.value)}
            error={errors.associationName}
            required
            data-autofocus
            autoFocus
          />
          <TextInput
            label={t('setup.displayName')}
            value={values.displayName}
            onChange={(event) => set('displayName')(event.currentTarget.value)}
            error={errors.displayName}
            required
          />
          <TextInput
            label={t('setup.username')}
            value={values.username}
            onChange={(event) => set('username')(event.currentTarget.value)}
            error={errors.username}
            required
            dir="ltr"
            autoComplete="username"
          />
          <PasswordInput
            label={t('setup.password')}
            description={t('setup.passwordHint')}
            value={values.password}
            onChange={(event) => set('password')(event.currentTarget.value)}
            error={errors.password}
            required
            autoComplete="new-password"
          />
          <PasswordInput
            label={t('setup.confirmPassword')}
            value={values.confirmPassword}
            onChange={(event) => set('confirmPassword')(event.currentTarget.value)}
            error={errors.confirmPassword}
            required
            autoComplete="new-password"
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Button type="submit" loading={saving} size="md">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </SessionCard>
  );
}
