import { Alert, Modal, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../electron/api/documents';
import { useSaveForm } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { SaveForm } from '../../components/SaveForm';
import { todayInRiyadh } from '../../lib/dates';
import { issueNumber } from './words';

interface ReviewValues {
  reviewedOn: string;
  findings: string;
  nextReviewOn: string;
}

/**
 * Records a review of the issue in force that changes nothing: the day it was made (today unless
 * changed), what it found, and when the next one falls. A review that finds a change needed is a new
 * issue instead, drafted and approved.
 */
export function ReviewModal({
  document,
  issue,
  opened,
  onClose,
  onSaved,
}: {
  document: DocumentDetail;
  issue: number;
  opened: boolean;
  onClose: () => void;
  onSaved: (detail: DocumentDetail) => void;
}) {
  const { t } = useTranslation('documents');
  const blank = (): ReviewValues => ({ reviewedOn: todayInRiyadh(), findings: '', nextReviewOn: '' });
  const form = useSaveForm('documents.recordReview', {
    initial: blank(),
    input: (values) => ({ documentId: document.id, ...values }),
    savedMessage: t('reviewDialog.saved', { issue: issueNumber(issue) }),
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
    // Each opening starts afresh, reviewed today.
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('reviewDialog.title', { issue: issueNumber(issue) })} size="lg">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('reviewDialog.save')}>
        <Alert color="blue" icon={<IconInfoCircle size={18} />} role="note">
          {t('reviewDialog.note')}
        </Alert>
        <Textarea
          label={t('reviewDialog.findings')}
          value={values.findings}
          onChange={(event) => set('findings', event.currentTarget.value)}
          error={errors.findings}
          autosize
          minRows={3}
          required
          data-autofocus
        />
        <DateField label={t('reviewDialog.reviewedOn')} value={values.reviewedOn} onChange={(date) => set('reviewedOn', date)} error={errors.reviewedOn} required />
        <DateField label={t('reviewDialog.nextReviewOn')} value={values.nextReviewOn} onChange={(date) => set('nextReviewOn', date)} error={errors.nextReviewOn} required />
      </SaveForm>
    </Modal>
  );
}
