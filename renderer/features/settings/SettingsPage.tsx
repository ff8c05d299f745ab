import { Alert, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecuritySettings } from '../../../electron/api/settings';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { CheckedForm } from '../../components/CheckedForm';
import { useSession } from '../session/session-context';
import { OfficeServerSection } from '../office/OfficeServerSection';
import { KeyRotationSection } from './KeyRotationSection';
import { RecoveryKeySection } from './RecoveryKeySection';

/** The administrator's settings: how signing in and the idle lock behave, and the recovery key. */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const session = useSession();
  // Fills the form: a write elsewhere must not overwrite what is being typed.
  const current = useCall('settings.security', {}, { followChanges: false });
  const { values, set, fill, errors, failure, save } = useSaveForm('settings.setSecurity', {
    initial: { maxFailedAttempts: 5, lockoutMinutes: 15, idleLockMinutes: 5 },
    input: (typed) => typed,
    savedMessage: t('saved'),
    // The idle lock of this screen follows the new setting at once.
    onSaved: () => void session.refresh(),
    failureWithFields: true,
  });

  useEffect(() => {
    if (current.data) fill(current.data);
  }, [current.data, fill]);

  const number = (field: keyof SecuritySettings, min: number, max: number) => (
    <NumberInput
      label={t(`security.${field}`)}
      description={t(`security.${field}Hint`)}
      value={values[field]}
      min={min}
      max={max}
      allowDecimal={false}
      onChange={(value) => set(field, Number(value))}
      error={errors[field]}
    />
  );

  return (
    <Stack gap="lg" maw={900}>
      <Title order={2}>{t('title')}</Title>
      <Paper withBorder radius="lg" p="lg">
        <CheckedForm onSave={save}>
          <Stack gap="md">
            <Stack gap={2}>
              <Title order={3} fz="h4">
                {t('security.title')}
              </Title>
              <Text c="dimmed" fz="sm">
                {t('security.intro')}
              </Text>
            </Stack>
            <Group grow align="flex-start">
              {number('maxFailedAttempts', 3, 20)}
              {number('lockoutMinutes', 1, 1440)}
              {number('idleLockMinutes', 1, 60)}
            </Group>
            {failure ? (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            ) : null}
            <Group>
              <Button type="submit">{t('save')}</Button>
            </Group>
          </Stack>
        </CheckedForm>
      </Paper>
      {session.can('users.manage') ? <RecoveryKeySection /> : null}
      {session.can('users.manage') ? <KeyRotationSection /> : null}
      {session.can('settings.manage') ? <OfficeServerSection /> : null}
    </Stack>
  );
}
