import { Modal, SegmentedControl, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { WAIVER_KINDS, type EnrolmentFees, type WaiverKind } from '../../../electron/api/program-fees';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';
import { halalasOf } from '../programs/amounts';
import { RiyalsInput } from '../programs/RiyalsInput';
import { useRiyals } from './riyals';

/**
 * An officer asks a supervisor to waive the fee, in full or in part, with a reason. The balance still
 * owed is shown, since a waiver may not reach beyond it.
 */
export function WaiverRequestModal({ fees, opened, onClose, onSaved }: { fees: EnrolmentFees; opened: boolean; onClose: () => void; onSaved: (fees: EnrolmentFees) => void }) {
  const { t } = useTranslation('program-fees');
  const riyals = useRiyals();
  const form = useSaveForm('programFees.requestWaiver', {
    initial: { kind: 'partial' as WaiverKind, amount: '', reason: '' },
    check: (values) => (values.kind === 'partial' && halalasOf(values.amount) === null ? { amount: t('waiverDialog.amountInvalid') } : null),
    input: (values) => ({ enrolmentId: fees.enrolmentId, kind: values.kind, amount: values.kind === 'partial' ? (halalasOf(values.amount) ?? -1) : null, reason: values.reason }),
    savedMessage: t('waiverDialog.saved'),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    if (!opened) return;
    fill({ kind: 'partial', amount: '', reason: '' });
    clearError();
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('waiverDialog.title')} size="md">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('screen.cancel')} saveLabel={t('waiverDialog.save')}>
        <Text size="sm">{t('waiverDialog.owed', { amount: riyals(fees.balance) })}</Text>
        <SegmentedControl
          aria-label={t('waiverDialog.kindLabel')}
          value={values.kind}
          onChange={(value) => set('kind', value as WaiverKind)}
          data={WAIVER_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        />
        {values.kind === 'partial' ? (
          <RiyalsInput label={t('waiverDialog.amount')} value={values.amount} onChange={(typed) => set('amount', typed)} error={errors.amount} />
        ) : null}
        <Textarea
          label={t('waiverDialog.reason')}
          value={values.reason}
          onChange={(event) => set('reason', event.currentTarget.value)}
          error={errors.reason ?? errors.kind}
          autosize
          minRows={3}
          required
        />
      </SaveForm>
    </Modal>
  );
}
