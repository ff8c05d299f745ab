import { Alert, Modal, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentFees, PaymentView } from '../../../electron/api/program-fees';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';

/** Voids a payment recorded by mistake, with a reason: it is never edited, and its receipt number stays. */
export function VoidPaymentModal({ payment, onClose, onSaved }: { payment: PaymentView | null; onClose: () => void; onSaved: (fees: EnrolmentFees) => void }) {
  const { t } = useTranslation('program-fees');
  const form = useSaveForm('programFees.voidPayment', {
    initial: { reason: '' },
    input: (values) => ({ id: payment?.id ?? '', reason: values.reason }),
    savedMessage: t('voidDialog.saved'),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;
  const opened = payment !== null;

  useEffect(() => {
    if (!opened) return;
    fill({ reason: '' });
    clearError();
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('voidDialog.title', { number: payment?.receiptNumber ?? '' })} size="md">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('screen.cancel')} saveLabel={t('voidDialog.save')}>
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="note">
          {t('voidDialog.warning')}
        </Alert>
        <Textarea label={t('voidDialog.reason')} value={values.reason} onChange={(event) => set('reason', event.currentTarget.value)} error={errors.reason} autosize minRows={2} required data-autofocus />
      </SaveForm>
    </Modal>
  );
}
