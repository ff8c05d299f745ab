import { Alert, Modal, TextInput } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail } from '../../../electron/api/programs';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';
import { formatDualDate, todayInRiyadh } from '../../lib/dates';
import { halalasOf } from './amounts';
import { RiyalsInput } from './RiyalsInput';

/**
 * Publishes a new version of the program's fee, dated today. The dialog says first that a published
 * fee is never changed: a later change is another version, and nobody registered is held to it.
 */
export function PublishFeeModal({ program, opened, onClose, onDone }: { program: ProgramDetail; opened: boolean; onClose: () => void; onDone: (program: ProgramDetail) => void }) {
  const { t, i18n } = useTranslation('programs');
  const today = formatDualDate(todayInRiyadh(), i18n.language as 'ar' | 'en');
  const form = useSaveForm('programs.publishFee', {
    initial: { amount: '', covers: '' },
    check: (values) => (halalasOf(values.amount) === null ? { amount: t('feeDialog.amountInvalid') } : null),
    input: (values) => ({ programId: program.id, amount: halalasOf(values.amount) ?? -1, covers: values.covers }),
    savedMessage: (saved) => t('feeDialog.published', { version: saved.fees[0]?.version ?? 1 }),
    onSaved: (saved) => {
      onDone(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    if (!opened) return;
    fill({ amount: '', covers: '' });
    clearError();
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('feeDialog.title')} size="md">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('editor.cancel')} saveLabel={t('feeDialog.publish')}>
        <Alert color="yellow" icon={<IconLock size={18} />} role="note">
          {t('feeDialog.warning')}
        </Alert>
        <RiyalsInput label={t('feeDialog.amount')} value={values.amount} onChange={(typed) => set('amount', typed)} error={errors.amount} />
        <TextInput label={t('feeDialog.covers')} value={values.covers} onChange={(event) => set('covers', event.currentTarget.value)} error={errors.covers} required />
        <TextInput label={t('feeDialog.announcedOn')} value={`${today.gregorian} · ${today.hijri}`} readOnly variant="filled" tabIndex={-1} />
      </SaveForm>
    </Modal>
  );
}
