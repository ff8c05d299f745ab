import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BeneficiaryDetail } from '../../../electron/api/beneficiaries';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { isolateLtr } from '../../lib/bidi';
import { CheckedForm } from '../../components/CheckedForm';

/**
 * Destroying a person's personal data (the right to erasure): what goes and what stays is spelled
 * out, the reason is recorded, and the file number is typed again so the wrong file is never erased.
 */
export function EraseModal({ person, onClose, onErased }: { person: BeneficiaryDetail; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation('beneficiaries');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [reason, setReason] = useState('');
  const [confirmFileNumber, setConfirmFileNumber] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    const result = await api['beneficiaries.erase']({ id: person.id, reason, confirmFileNumber });
    setBusy(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('erase.done', { fileNumber: isolateLtr(person.fileNumber) }) });
      onErased();
      return;
    }
    const fields = fieldErrors(result.error);
    setErrors(fields);
    // A refusal about one field is shown at that field only.
    setFailure(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
  };

  return (
    <Modal opened onClose={onClose} title={t('erase.title')} size="lg">
      <CheckedForm onSave={submit}>
        <Stack gap="md">
          <Alert color="red">{t('erase.explain')}</Alert>
          <Textarea
            label={t('erase.reason')}
            description={t('erase.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={2}
            required
            data-autofocus
          />
          <TextInput
            label={t('erase.confirmFileNumber', { fileNumber: isolateLtr(person.fileNumber) })}
            value={confirmFileNumber}
            onChange={(event) => setConfirmFileNumber(event.currentTarget.value)}
            error={errors.confirmFileNumber}
            dir="ltr"
            required
            autoComplete="off"
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Text fz="sm" c="dimmed">
            {person.fullName}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('erase.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('erase.submit')}
            </Button>
          </Group>
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
