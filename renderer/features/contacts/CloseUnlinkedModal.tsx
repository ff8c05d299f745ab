import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../electron/api/contacts';
import { useSaveForm } from '../../api/use-save-form';
import { CheckedForm } from '../../components/CheckedForm';
import { FormFooter } from '../../components/SaveForm';
import { ContactSummary } from './LinkContactModal';

/**
 * Closes an unlinked contact as someone who is not a beneficiary (a walk-in's suggestion, a wrong
 * number), with the reason: it leaves everyone's home screen, and stays in the reports and the log.
 */
export function CloseUnlinkedModal({ contact, onClose, onClosed }: { contact: ContactView; onClose: () => void; onClosed: () => void }) {
  const { t } = useTranslation('contacts');
  const { values, set, errors, clearError, failure, busy, save } = useSaveForm('contacts.closeUnlinked', {
    initial: { reason: '' },
    input: ({ reason }) => ({ id: contact.id, reason }),
    savedMessage: t('close.closed'),
    onSaved: onClosed,
  });

  return (
    <Modal opened onClose={onClose} title={t('close.title')} size="lg">
      <CheckedForm onSave={save}>
        <Stack gap="md">
          <ContactSummary contact={contact} />
          <Text fz="sm" c="dimmed">
            {t('close.intro')}
          </Text>
          <Textarea
            label={t('close.reason')}
            description={t('close.reasonHint')}
            value={values.reason}
            onChange={(event) => {
              set('reason', event.currentTarget.value);
              clearError('reason');
            }}
            error={errors.reason}
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
