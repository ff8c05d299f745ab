import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../electron/api/session';
import { useSaveForm } from '../../api/use-save-form';
import { SessionCard } from './SessionCard';
import { CheckedForm } from '../../components/CheckedForm';
import { PasswordField } from '../../components/PasswordField';

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
  const { values, set, errors, failure, busy, save } = useSaveForm('session.changePassword', {
    initial: { currentPassword: '', newPassword: '', confirmPassword: '' },
    check: (typed) => (typed.newPassword === typed.confirmPassword ? null : { confirmPassword: t('setup.mismatch') }),
    input: ({ confirmPassword: _unused, ...input }) => input,
    onSaved: onDone,
    failureWithFields: true,
  });

  return (
    <CheckedForm onSave={save}>
      <Stack gap="md">
        {required ? <Alert color="yellow">{t('changePassword.required')}</Alert> : null}
        <PasswordField
          purpose="current"
          label={t('changePassword.current')}
          value={values.currentPassword}
          onChange={(value) => set('currentPassword', value)}
          error={errors.currentPassword}
          autoFocus
          data-autofocus
        />
        <PasswordField
          purpose="new"
          label={t('changePassword.new')}
          description={t('setup.passwordHint')}
          value={values.newPassword}
          onChange={(value) => set('newPassword', value)}
          error={errors.newPassword}
        />
        <PasswordField
          purpose="new"
          label={t('changePassword.confirm')}
          value={values.confirmPassword}
          onChange={(value) => set('confirmPassword', value)}
          error={errors.confirmPassword}
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
