import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../electron/api/contacts';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { CheckedForm } from '../../components/CheckedForm';
import { FormFooter } from '../../components/SaveForm';
import { ContactSummary } from './LinkContactModal';

/**
 * Closes an unlinked contact as someone who is not a beneficiary (a walk-in's suggestion, a wrong
 * number), with the reason: it leaves everyone's home screen, and stays in the reports and the log.
 */
export function CloseUnlinkedModal({ contact, onClose, onClosed }: { contact: ContactView; onClose: () => void; onClosed: () => void }) {
  const { t } = useTranslation('contacts');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = async () => {
    if (busy) return;
    setBusy(true);
    const result = await api['contacts.closeUnlinked']({ id: contact.id, reason });
    setBusy(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('close.closed') });
      onClosed();
      return;
    }
    const fields = fieldErrors(result.error);
    setError(fields.reason ?? null);
    setFailure(fields.reason ? null : errorMessage(result.error));
  };

  return (
    <Modal opened onClose={onClose} title={t('close.title')} size="lg">
      <CheckedForm onSave={close}>
        <Stack gap="md">
          <ContactSummary contact={contact} />
          <Text fz="sm" c="dimmed">
            {t('close.intro')}
          </Text>
          <Textarea
            label={t('close.reason')}
            description={t('close.reasonHint')}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            required
            autosize
            minRows={2}
            data-autofocus
          />
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('close.cancel')} saveLabel={t('close.save')} saveColor="orange" />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
