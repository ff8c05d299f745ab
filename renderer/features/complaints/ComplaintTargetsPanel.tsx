import { Alert, Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_KINDS, MAX_TARGET_WORKING_DAYS, type ComplaintTargets } from '../../../electron/api/complaints';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { CheckedForm } from '../../components/CheckedForm';

/** Service-time targets for complaints, notes and suggestions, in working days. */
export function ComplaintTargetsPanel() {
  const { t } = useTranslation('complaints');
  const errorMessage = useErrorMessage();
  // Fills the form: a write elsewhere must not overwrite what is being typed.
  const targets = useCall('complaints.targets', {}, { followChanges: false });
  const form = useSaveForm('complaints.setTargets', {
    initial: { complaint: '', note: '', suggestion: '' } as Record<keyof ComplaintTargets, number | ''>,
    // An emptied box is sent as it is (0), so the refusal says which one is out of range.
    input: (values) => ({ complaint: Number(values.complaint) || 0, note: Number(values.note) || 0, suggestion: Number(values.suggestion) || 0 }),
    savedMessage: t('targets.saved'),
    onSaved: (saved) => form.fill(saved),
  });
  const { values, set, errors, fill } = form;

  useEffect(() => {
    if (targets.data) fill(targets.data);
  }, [targets.data, fill]);

  return (
    <Paper withBorder radius="lg" p="lg" maw={720}>
      <CheckedForm onSave={form.save}>
        <Stack gap="md">
          <Text c="dimmed">{t('targets.intro')}</Text>
          {targets.error ? <Text c="red">{errorMessage(targets.error)}</Text> : null}
          <Group grow align="flex-start">
            {COMPLAINT_KINDS.map((kind) => (
              <NumberInput
                key={kind}
                label={t(`targets.${kind}`)}
                description={t('targets.days')}
                value={values[kind]}
                min={1}
                max={MAX_TARGET_WORKING_DAYS}
                allowDecimal={false}
                allowNegative={false}
                onChange={(value) => set(kind, value === '' ? '' : Number(value))}
                error={errors[kind]}
                required
              />
            ))}
          </Group>
          {form.failure ? (
            <Alert color="red" role="alert">
              {form.failure}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={form.busy} disabled={!targets.data}>
              {t('targets.save')}
            </Button>
          </Group>
        </Stack>
      </CheckedForm>
    </Paper>
  );
}
