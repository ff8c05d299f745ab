import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { Shortcut } from '../../components/Shortcut';
import { useNameIn } from './labels';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';

/** Opens a request for a beneficiary, from their page or from the contact it came up in. */
export interface NewRequestModalProps {
  opened: boolean;
  onClose: () => void;
  beneficiaryId: string;
  sourceContactId?: string | null;
  onOpened?: (request: { id: string; number: string }) => void;
}

/**
 * The type (with its target and whether an authority's permit is needed) and what is asked for;
 * Ctrl+Enter saves. The request is due after its type's target in working days.
 */
export function NewRequestModal({ opened, onClose, beneficiaryId, sourceContactId, onOpened }: NewRequestModalProps) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const nameIn = useNameIn();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const types = useCall('requests.types', opened ? { active: true } : null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Each opening starts a fresh form.
    if (opened) {
      setTypeId(null);
      setSummary('');
      setErrors({});
      setFailure(null);
    }
  }, [opened]);

  const chosen = types.data?.find((type) => type.id === typeId) ?? null;

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (typeId === null) {
      setErrors({ typeId: t('errors:validation.required') });
      return;
    }
    setBusy(true);
    const result = await api['requests.open']({ beneficiaryId, typeId, summary, sourceContactId: sourceContactId ?? null });
    setBusy(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('new.opened', { number: result.value.number }) });
      onOpened?.({ id: result.value.id, number: result.value.number });
      onClose();
      return;
    }
    const fields = fieldErrors(result.error);
    setErrors(fields);
    setFailure(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('new.title')} size="lg">
      <CheckedForm onSave={save}>
        <Stack gap="md">
          <ChoiceField
            label={t('new.type')}
            placeholder={t('new.typePlaceholder')}
            data={(types.data ?? []).map((type) => ({ value: type.id, label: `${nameIn(type)} — ${t('workingDayCount', { count: type.targetWorkingDays })}` }))}
            value={typeId}
            onChange={setTypeId}
            searchable
            allowDeselect={false}
            error={errors.typeId}
            required
            data-autofocus
          />
          {chosen ? (
            <Text size="sm" c="dimmed">
              {t('new.targetHint', { days: t('workingDayCount', { count: chosen.targetWorkingDays }) })}
              {chosen.needsAuthority ? ` ${t('new.needsAuthorityHint')}` : ''}
            </Text>
          ) : null}
          <Textarea
            label={t('new.summary')}
            description={t('new.summaryHint')}
            value={summary}
            onChange={(event) => setSummary(event.currentTarget.value)}
            error={errors.summary}
            autosize
            minRows={3}
            required
          />
          {types.error ? <Text c="red">{errorMessage(types.error)}</Text> : null}
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('new.save')}
              <Shortcut keys={['Ctrl', 'Enter']} />
            </Button>
          </Group>
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
