import { Modal, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../electron/api/documents';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';

const BLANK = { number: '', titleAr: '', titleEn: '', articleId: '', body: '', changes: '' };

/**
 * Puts another governing document under control: its number and titles, and either the reference
 * library's article it is (the bylaws) or its text; its first issue is then a draft to approve.
 */
export function NewDocumentModal({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: (detail: DocumentDetail) => void }) {
  const { t } = useTranslation('documents');
  const articles = useCall('library.search', opened ? { query: '', category: 'bylaws', limit: 50 } : null);
  const form = useSaveForm('documents.create', {
    initial: BLANK,
    input: (values) => ({ ...values, articleId: values.articleId || null, body: values.body }),
    savedMessage: (saved) => t('createDialog.saved', { number: saved.number }),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    if (!opened) return;
    fill(BLANK);
    clearError();
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('createDialog.title')} size="xl">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('createDialog.save')}>
        <TextInput
          label={t('createDialog.number')}
          description={t('createDialog.numberHint')}
          value={values.number}
          onChange={(event) => set('number', event.currentTarget.value)}
          error={errors.number}
          dir="ltr"
          required
          data-autofocus
        />
        <SimpleGrid cols={2}>
          <TextInput label={t('createDialog.titleAr')} value={values.titleAr} onChange={(event) => set('titleAr', event.currentTarget.value)} error={errors.titleAr} dir="rtl" lang="ar" required />
          <TextInput label={t('createDialog.titleEn')} value={values.titleEn} onChange={(event) => set('titleEn', event.currentTarget.value)} error={errors.titleEn} dir="ltr" lang="en" required />
        </SimpleGrid>
        <Select
          label={t('createDialog.article')}
          description={t('createDialog.articleHint')}
          value={values.articleId || null}
          onChange={(value) => set('articleId', value ?? '')}
          data={(articles.data?.hits ?? []).map((hit) => ({ value: hit.id, label: hit.title }))}
          error={errors.articleId}
          clearable
          searchable
        />
        {values.articleId === '' ? (
          <Textarea label={t('createDialog.body')} value={values.body} onChange={(event) => set('body', event.currentTarget.value)} error={errors.body} autosize minRows={6} maxRows={14} dir="rtl" lang="ar" required />
        ) : null}
        <Textarea label={t('createDialog.changes')} value={values.changes} onChange={(event) => set('changes', event.currentTarget.value)} error={errors.changes} autosize minRows={2} required />
      </SaveForm>
    </Modal>
  );
}
