import { Alert, Modal, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail, ProgramMove } from '../../../electron/api/programs';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';

/** Moves the program to the status chosen: a cancellation asks why, and says it is final. */
export function StatusModal({
  program,
  status,
  onClose,
  onDone,
}: {
  program: ProgramDetail;
  /** The status to move to; null while closed. */
  status: ProgramMove | null;
  onClose: () => void;
  onDone: (program: ProgramDetail) => void;
}) {
  const { t } = useTranslation('programs');
  const cancelling = status === 'cancelled';
  const form = useSaveForm('programs.setStatus', {
    initial: { reason: '' },
    input: (values) => ({ id: program.id, expectedVersion: program.rowVersion, status: status ?? program.status, reason: values.reason }),
    savedMessage: (saved) => t('moveDialog.done', { status: t(`statuses.${saved.status}`) }),
    onSaved: (saved) => {
      onDone(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    if (status === null) return;
    fill({ reason: '' });
    clearError();
  }, [status, fill, clearError]);

  const action = status === null ? '' : t(`moves.${status}`);
  return (
    <Modal opened={status !== null} onClose={onClose} title={action} size="md">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('editor.cancel')} saveLabel={action}>
        {cancelling ? (
          <Alert color="red" role="note">
            {t('moveDialog.cancelWarning')}
          </Alert>
        ) : null}
        <Textarea
          label={cancelling ? t('moveDialog.reason') : t('moveDialog.note')}
          value={values.reason}
          onChange={(event) => set('reason', event.currentTarget.value)}
          error={errors.reason}
          required={cancelling}
          autosize
          minRows={2}
          data-autofocus
        />
      </SaveForm>
    </Modal>
  );
}
