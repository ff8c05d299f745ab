import { Checkbox, Modal, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES, type ArticleCategory, type ArticleView } from '../../../electron/api/inquiries';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';
import { ChoiceField } from '../../components/ChoiceField';

/**
 * An article is typed in its own direction, each paragraph by its first letters: an Arabic body stays
 * right to left in the English view, and a line in English reads left to right in the Arabic one.
 */
const OWN_DIRECTION = { input: { unicodeBidi: 'plaintext' } } as const;

/** The administrator adds an article to the library, or changes one (withdrawing it by unticking "active"). */
export function ArticleModal({ article, onClose, onSaved }: { article: ArticleView | null; onClose: () => void; onSaved: (article: ArticleView) => void }) {
  const { t } = useTranslation('inquiries');
  const form = useSaveForm('library.save', {
    initial: {
      category: article?.category ?? ('answers' as ArticleCategory),
      title: article?.title ?? '',
      body: article?.body ?? '',
      active: article?.active ?? true,
    },
    input: (values) => ({ id: article?.id ?? null, ...values }),
    savedMessage: t('library.form.saved'),
    onSaved,
  });
  const { values, set, errors } = form;

  return (
    <Modal opened onClose={onClose} title={article ? t('library.form.editTitle', { title: article.title }) : t('library.form.addTitle')} size="xl">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('library.form.cancel')} saveLabel={t('library.form.save')} shortcutHint={false}>
        <ChoiceField
          label={t('library.form.category')}
          data={ARTICLE_CATEGORIES.map((value) => ({ value, label: t(`library.categories.${value}`) }))}
          value={values.category}
          onChange={(value) => set('category', (value ?? 'answers') as ArticleCategory)}
          error={errors.category}
          allowDeselect={false}
          maw={280}
        />
        <TextInput label={t('library.form.title')} value={values.title} onChange={(event) => set('title', event.currentTarget.value)} error={errors.title} required data-autofocus styles={OWN_DIRECTION} />
        <Textarea
          label={t('library.form.body')}
          value={values.body}
          onChange={(event) => set('body', event.currentTarget.value)}
          error={errors.body}
          autosize
          minRows={8}
          maxRows={20}
          required
          styles={OWN_DIRECTION}
        />
        <Checkbox label={t('library.form.active')} checked={values.active} onChange={(event) => set('active', event.currentTarget.checked)} />
      </SaveForm>
    </Modal>
  );
}
