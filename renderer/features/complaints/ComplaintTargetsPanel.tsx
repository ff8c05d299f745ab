import { Alert, Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_KINDS, MAX_TARGET_WORKING_DAYS, type ComplaintTargets } from '../../../electron/api/complaints';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { CheckedForm } from '../../components/CheckedForm';

/** Service-time targets for complaints, notes and suggestions, in working days. */
export function ComplaintTargetsPanel() {
  const { t } = useTranslation('complaints');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  // Fills the form: a write elsewhere must not overwrite what is being typed.
  const targets = useCall('complaints.targets', {}, { followChanges: false });
  const [values, setValues] = useState<Record<keyof ComplaintTargets, number | ''>>({ complaint: '', note: '', suggestion: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (targets.data) setValues(targets.data);
  }, [targets.data]);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    // An emptied box is sent as it is (0), so the refusal says which one is out of range.
    const result = await api['complaints.setTargets']({
      complaint: Number(values.complaint) || 0,
      note: Number(values.note) || 0,
      suggestion: Number(values.suggestion) || 0,
    });
    setBusy(false);
    if (!result.ok) {
      const fields = fieldErrors(result.error);
      setErrors(fields);
      setFailure(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
      return;
    }
    setErrors({});
    setFailure(null);
    setValues(result.value);
    notifications.show({ color: 'teal', message: t('targets.saved') });
  };

  return (
    <Paper withBorder radius="lg" p="lg" maw={720}>
      <CheckedForm onSave={save}>
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
                onChange={(value) => setValues((current) => ({ ...current, [kind]: value === '' ? '' : Number(value) }))}
                error={errors[kind]}
                required
              />
            ))}
          </Group>
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={busy} disabled={!targets.data}>
              {t('targets.save')}
            </Button>
          </Group>
        </Stack>
      </CheckedForm>
    </Paper>
  );
}
