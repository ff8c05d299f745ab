import { Modal, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../electron/api/documents';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';
import { issueNumber } from './words';

/**
 * The next issue's draft, or the draft being prepared: what changes, then the text (the issue in
 * force's, to be changed, when the draft is new). The cursor starts in "what changed".
 */
export function DraftModal({
  document,
  draft,
  startingText,
  opened,
  onClose,
  onSaved,
}: {
  document: DocumentDetail;
  /** The draft there is, with its text; null for a new one. */
  draft: { issue: number; changes: string; body: string } | null;
  /** The text a new draft starts from: the issue in force's. */
  startingText: string;
  opened: boolean;
  onClose: () => void;
  onSaved: (detail: DocumentDetail) => void;
}) {
  const { t } = useTranslation('documents');
  const nextIssue = draft?.issue ?? Math.max(0, ...document.issues.map((issue) => issue.issue)) + 1;
  const form = useSaveForm('documents.saveDraft', {
    initial: { changes: '', body: '' },
    input: (values) => ({ documentId: document.id, changes: values.changes, body: values.body }),
    savedMessage: t('draftDialog.saved', { issue: issueNumber(nextIssue) }),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;
  return (
    <Modal opened={opened} onClose={onClose} title={t('draftDialog.title', { issue: issueNumber(nextIssue) })} size="xl">
      <DraftFill opened={opened} fill={() => fill({ changes: draft?.changes ?? '', body: draft?.body ?? startingText })} clearError={clearError} />
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('draftDialog.save')}>
        <Textarea label={t('draftDialog.changes')} value={values.changes} onChange={(event) => set('changes', event.currentTarget.value)} error={errors.changes} autosize minRows={2} required data-autofocus />
        <Textarea
          label={t('draftDialog.body')}
          value={values.body}
          onChange={(event) => set('body', event.currentTarget.value)}
          error={errors.body}
          autosize
          minRows={8}
          maxRows={18}
          required
          // The association's documents are written in Arabic, whatever the screen's language.
          dir="rtl"
          lang="ar"
        />
      </SaveForm>
    </Modal>
  );
}

/** Fills the form afresh at each opening, from the draft or the text in force. */
function DraftFill({ opened, fill, clearError }: { opened: boolean; fill: () => void; clearError: () => void }) {
  useEffect(() => {
    if (!opened) return;
    fill();
    clearError();
    // Only an opening fills the form: a refresh while it is open must not overwrite what is typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  return null;
}
