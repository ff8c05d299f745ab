import { Alert, Group, Modal, Select, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVERS_IN_SESSION, DOCUMENT_APPROVERS, type DocumentApprover, type DocumentDetail } from '../../../electron/api/documents';
import { useSaveForm } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { SaveForm } from '../../components/SaveForm';
import { issueNumber } from './words';

interface ApprovalValues {
  approver: DocumentApprover;
  term: string;
  session: string;
  sessionYear: string;
  approvedOn: string;
  effectiveOn: string;
  nextReviewOn: string;
}

/**
 * Records the approval of a draft as the body made it: the board (its term and session), the general
 * assembly or the executive director, the day it approved, the day it takes effect and the next
 * review. Numbers are typed in any digits. The body, its term and the year are the last approval's
 * until changed, so the cursor starts in the session's number.
 */
export function ApproveModal({
  document,
  draftIssue,
  draftId,
  opened,
  onClose,
  onSaved,
}: {
  document: DocumentDetail;
  draftIssue: number;
  draftId: string;
  opened: boolean;
  onClose: () => void;
  onSaved: (detail: DocumentDetail) => void;
}) {
  const { t } = useTranslation('documents');
  // The last approval's body, term and year are the likely ones again.
  const last = document.issues.find((issue) => issue.approval !== null)?.approval ?? null;
  const blank = (): ApprovalValues => ({
    approver: last?.approver ?? 'board',
    term: last?.term === null || last?.term === undefined ? '' : String(last.term),
    session: '',
    sessionYear: last?.sessionYear === null || last?.sessionYear === undefined ? '' : String(last.sessionYear),
    approvedOn: '',
    effectiveOn: '',
    nextReviewOn: '',
  });
  const form = useSaveForm('documents.approve', {
    initial: blank(),
    input: (values) =>
      APPROVERS_IN_SESSION.includes(values.approver) ? { id: draftId, ...values } : { id: draftId, ...values, term: null, session: null, sessionYear: null },
    savedMessage: t('approveDialog.saved', { issue: issueNumber(draftIssue) }),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;
  const inSession = APPROVERS_IN_SESSION.includes(values.approver);

  useEffect(() => {
    if (!opened) return;
    fill(blank());
    clearError();
    // Each opening starts afresh from the last approval.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('approveDialog.title', { issue: issueNumber(draftIssue) })} size="lg">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('approveDialog.save')}>
        <Alert color="blue" icon={<IconInfoCircle size={18} />} role="note">
          {t('approveDialog.note')}
        </Alert>
        <Select
          label={t('approveDialog.approver')}
          value={values.approver}
          onChange={(value) => set('approver', (value ?? 'board') as DocumentApprover)}
          data={DOCUMENT_APPROVERS.map((approver) => ({ value: approver, label: t(`approver.${approver}`) }))}
          allowDeselect={false}
          error={errors.approver}
          required
        />
        {inSession ? (
          <Group grow align="flex-start">
            <TextInput label={t('approveDialog.term')} value={values.term} onChange={(event) => set('term', event.currentTarget.value)} error={errors.term} inputMode="numeric" required />
            <TextInput label={t('approveDialog.session')} value={values.session} onChange={(event) => set('session', event.currentTarget.value)} error={errors.session} inputMode="numeric" required data-autofocus />
            <TextInput
              label={t('approveDialog.sessionYear')}
              value={values.sessionYear}
              onChange={(event) => set('sessionYear', event.currentTarget.value)}
              error={errors.sessionYear}
              inputMode="numeric"
              required
            />
          </Group>
        ) : null}
        <DateField label={t('approveDialog.approvedOn')} value={values.approvedOn} onChange={(date) => set('approvedOn', date)} error={errors.approvedOn} required />
        <DateField label={t('approveDialog.effectiveOn')} value={values.effectiveOn} onChange={(date) => set('effectiveOn', date)} error={errors.effectiveOn} required />
        <DateField label={t('approveDialog.nextReviewOn')} value={values.nextReviewOn} onChange={(date) => set('nextReviewOn', date)} error={errors.nextReviewOn} required />
      </SaveForm>
    </Modal>
  );
}
