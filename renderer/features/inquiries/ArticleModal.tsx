import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES, type ArticleCategory, type ArticleView } from '../../../electron/api/inquiries';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';

/** The administrator adds an article to the library, or changes one (withdrawing it by unticking "active"). */
export function ArticleModal({ article, onClose, onSaved }: { article: ArticleView | null; onClose: () => void; onSaved: (article: ArticleView) => void }) {
  const { t } = useTranslation('inquiries');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({
    category: article?.category ?? ('answers' as ArticleCategory),
    title: article?.title ?? '',
    body: article?.body ?? '',
    active: article?.active ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api['library.save']({ id: article?.id ?? null, ...values });
    setBusy(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('library.form.saved') });
      onSaved(result.value);
      return;
    }
    const fields = fieldErrors(result.error);
    setErrors(fields);
    setFailure(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
  };

  return (
    <Modal opened onClose={onClose} title={article ? t('library.form.editTitle', { title: article.title }) : t('library.form.addTitle')} size="xl">
      <form onSubmit={(event) => void save(event)} onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])} noValidate>
        <Stack gap="md">
          <Select
            label={t('library.form.category')}
            data={ARTICLE_CATEGORIES.map((value) => ({ value, label: t(`library.categories.${value}`) }))}
            value={values.category}
            onChange={(value) => setValues({ ...values, category: (value ?? 'answers') as ArticleCategory })}
            error={errors.category}
            allowDeselect={false}
            maw={280}
          />
          <TextInput
            label={t('library.form.title')}
            value={values.title}
            onChange={(event) => setValues({ ...values, title: event.currentTarget.value })}
            error={errors.title}
            required
            data-autofocus
          />
          <Textarea
            label={t('library.form.body')}
            value={values.body}
            onChange={(event) => setValues({ ...values, body: event.currentTarget.value })}
            error={errors.body}
            autosize
            minRows={8}
            maxRows={20}
            required
          />
          <Checkbox
            label={t('library.form.active')}
            checked={values.active}
            onChange={(event) => setValues({ ...values, active: event.currentTarget.checked })}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('library.form.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('library.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
