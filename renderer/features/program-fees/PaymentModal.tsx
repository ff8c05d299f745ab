import { Alert, Modal, Select, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type EnrolmentFees, type PaymentMethod } from '../../../electron/api/program-fees';
import { useSaveForm } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { SaveForm } from '../../components/SaveForm';
import { todayInRiyadh } from '../../lib/dates';
import { halalasOf } from '../programs/amounts';
import { RiyalsInput } from '../programs/RiyalsInput';
import { useRiyals } from './riyals';

/**
 * Records money received on an enrolment: the amount (the balance unless changed), the day (today
 * unless changed), the method and a note. The receipt number is given when it is saved.
 */
export function PaymentModal({ fees, opened, onClose, onSaved }: { fees: EnrolmentFees; opened: boolean; onClose: () => void; onSaved: (fees: EnrolmentFees) => void }) {
  const { t } = useTranslation('program-fees');
  const riyals = useRiyals();
  const blank = () => ({ amount: (fees.balance / 100).toFixed(2), paidOn: todayInRiyadh(), method: 'cash' as PaymentMethod, note: '' });
  const form = useSaveForm('programFees.recordPayment', {
    initial: blank(),
    check: (values) => (halalasOf(values.amount) === null ? { amount: t('paymentDialog.amountInvalid') } : null),
    input: (values) => ({ enrolmentId: fees.enrolmentId, amount: halalasOf(values.amount) ?? -1, paidOn: values.paidOn, method: values.method, note: values.note }),
    savedMessage: (saved) => t('paymentDialog.saved', { number: saved.payments[0]?.receiptNumber ?? '' }),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    if (!opened) return;
    fill(blank());
    clearError();
    // The dialog starts from the balance as it is when it opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('paymentDialog.title')} size="md">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('screen.cancel')} saveLabel={t('paymentDialog.save')}>
        <Alert color="blue" icon={<IconInfoCircle size={18} />} role="note">
          {t('paymentDialog.recordsOnly')}
        </Alert>
        <Text size="sm">{t('waiverDialog.owed', { amount: riyals(fees.balance) })}</Text>
        <RiyalsInput label={t('paymentDialog.amount')} value={values.amount} onChange={(typed) => set('amount', typed)} error={errors.amount} />
        <DateField label={t('paymentDialog.paidOn')} value={values.paidOn} onChange={(date) => set('paidOn', date)} error={errors.paidOn} required />
        <Select
          label={t('paymentDialog.methodLabel')}
          value={values.method}
          onChange={(value) => set('method', (value ?? 'cash') as PaymentMethod)}
          data={PAYMENT_METHODS.map((method) => ({ value: method, label: t(`method.${method}`) }))}
          allowDeselect={false}
          error={errors.method}
        />
        <TextInput label={t('paymentDialog.note')} value={values.note} onChange={(event) => set('note', event.currentTarget.value)} error={errors.note} />
      </SaveForm>
    </Modal>
  );
}
