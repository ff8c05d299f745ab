import { Alert, Checkbox, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveForm } from '../../api/use-save-form';
import { useCall } from '../../api/use-call';
import { SaveForm } from '../../components/SaveForm';
import { answersToSend, QuestionField } from './QuestionField';

interface PhoneValues {
  answers: Record<string, unknown>;
  named: boolean;
}

/**
 * Answers taken by phone: the officer reads each question out and types the answer as it is said
 * (the digit of the scale, y or n, an option's number), Tab to the next, Ctrl+Enter to keep them.
 * The response is marked as taken by phone; the person's name is kept only if they asked.
 */
export function PhoneEntryModal({ offerId, onClose }: { offerId: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('satisfaction');
  const form = useCall('satisfaction.offerForm', offerId === null ? null : { offerId }, { followChanges: false });
  // The desk checks the answers (a required one missing, a digit off the scale) and names each: one
  // refusal for all of them, under each question.
  const save = useSaveForm('satisfaction.recordByPhone', {
    initial: { answers: {}, named: false } as PhoneValues,
    input: (values) => ({ offerId: offerId ?? '', answers: answersToSend(values.answers), named: values.named }),
    savedMessage: t('phone.saved'),
    onSaved: () => onClose(),
  });
  const { values, set, errors, fill, clearError } = save;

  useEffect(() => {
    if (offerId === null) return;
    fill({ answers: {}, named: false });
    clearError();
  }, [offerId, fill, clearError]);

  const content = form.data?.version.content;
  const fields = useRef<HTMLDivElement>(null);
  // Once the questions are in, the cursor goes to the first answer, after whatever the menu that
  // opened this dialog gives focus back to; never away from an answer the officer is already typing
  // (on a slow machine the timer may fire after the first keys).
  const loaded = content !== undefined;
  useEffect(() => {
    if (!loaded) return;
    const timer = window.setTimeout(() => {
      if (fields.current?.contains(document.activeElement)) return;
      fields.current?.querySelector<HTMLElement>('input, textarea')?.focus();
    }, 50);
    return () => window.clearTimeout(timer);
  }, [loaded]);
  return (
    <Modal
      opened={offerId !== null}
      onClose={onClose}
      title={
        <Text fw={600} component="span">
          <IconPhoneCall size={18} style={{ verticalAlign: 'middle', marginInlineEnd: 6 }} />
          {t('phone.title')}
        </Text>
      }
      size="xl"
    >
      {form.error ? (
        <Alert color="red">{t('phone.cannotOpen')}</Alert>
      ) : !content ? (
        <Loader aria-label="…" />
      ) : (
        <SaveForm form={save} onCancel={onClose} cancelLabel={t('phone.cancel')} saveLabel={t('phone.save')}>
          <Text size="sm" c="dimmed">
            {t('phone.how', { title: i18n.language === 'en' && content.titleEn ? content.titleEn : content.titleAr })}
          </Text>
          <Stack gap="md" ref={fields}>
            {content.questions.map((question, index) => (
              <QuestionField
                key={question.key}
                question={question}
                size="compact"
                position={index + 1}
                autoFocus={index === 0}
                value={values.answers[question.key]}
                error={errors[`answers.${question.key}`]}
                onChange={(value) => {
                  set('answers', { ...values.answers, [question.key]: value });
                  clearError(`answers.${question.key}`);
                }}
              />
            ))}
          </Stack>
          <Checkbox checked={values.named} onChange={(event) => set('named', event.currentTarget.checked)} label={t('phone.named')} />
        </SaveForm>
      )}
    </Modal>
  );
}
