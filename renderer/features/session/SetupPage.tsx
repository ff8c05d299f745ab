import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SetupResult } from '../../../electron/api/session';
import { useSaveForm } from '../../api/use-save-form';
import { PasswordField } from '../../components/PasswordField';
import { SessionCard } from './SessionCard';

/** First start: the association's name and the first administrator. */
export function SetupPage({ onDone }: { onDone: (result: SetupResult) => void }) {
  const { t } = useTranslation('session');
  const { values, set, errors, failure, busy, save } = useSaveForm('session.setup', {
    initial: { associationName: '', displayName: '', username: '', password: '', confirmPassword: '' },
    check: (typed) => (typed.password === typed.confirmPassword ? null : { confirmPassword: t('setup.mismatch') }),
    input: ({ confirmPassword: _unused, ...input }) => input,
    onSaved: onDone,
    failureWithFields: true,
  });

  return (
    <SessionCard title={t('setup.title')} width={560}>
      <Text c="dimmed">{t('setup.intro')}</Text>
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('setup.associationName')}
            value={values.associationName}
            onChange={(event) => set('associationName', event.currentTarget.value)}
            error={errors.associationName}
            required
            data-autofocus
            autoFocus
          />
          <TextInput
            label={t('setup.displayName')}
            value={values.displayName}
            onChange={(event) => set('displayName', event.currentTarget.value)}
            error={errors.displayName}
            required
          />
          <TextInput
            label={t('setup.username')}
            value={values.username}
            onChange={(event) => set('username', event.currentTarget.value)}
            error={errors.username}
            required
            dir="ltr"
            autoComplete="username"
          />
          <PasswordField
            purpose="new"
            label={t('setup.password')}
            description={t('setup.passwordHint')}
            value={values.password}
            onChange={(value) => set('password', value)}
            error={errors.password}
          />
          <PasswordField
            purpose="new"
            label={t('setup.confirmPassword')}
            value={values.confirmPassword}
            onChange={(value) => set('confirmPassword', value)}
            error={errors.confirmPassword}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Button type="submit" loading={busy} size="md">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </SessionCard>
  );
}
