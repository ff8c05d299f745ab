import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../electron/api/contacts';
import type { ArticleView, InquirySummary, InquiryView } from '../../../electron/api/inquiries';
import { useApi } from '../../api/context';
import { useSubmit } from '../../api/use-save-form';
import { DualDate } from '../../components/DualDate';
import { Fact } from '../../components/Fact';
import { ArticlePicker } from './ArticlePicker';
import { PersonCell } from './PersonCell';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';

const ANSWERED_THE_SAME_WAY: ReadonlySet<Channel> = new Set(['phone', 'social_media', 'website']);

/**
 * Answering a pending inquiry: the answer (typed, or taken from the library), and, when the person is
 * being told now, the channel it goes through, which logs the outgoing contact. Ctrl+Enter saves.
 */
export function AnswerInquiryModal({ inquiry, onClose, onAnswered }: { inquiry: InquirySummary; onClose: () => void; onAnswered: (inquiry: InquiryView) => void }) {
  const { t } = useTranslation('inquiries');
  const api = useApi();
  const { submit, errors, failure, busy } = useSubmit();
  const [answer, setAnswer] = useState('');
  const [article, setArticle] = useState<{ id: string; title: string } | null>(null);
  // An answer usually goes back the way a remote question came; a visitor or a letter is answered otherwise.
  const [channel, setChannel] = useState<Channel | null>(ANSWERED_THE_SAME_WAY.has(inquiry.channel) ? inquiry.channel : null);
  const [phoneNumber, setPhoneNumber] = useState('');

  const save = () =>
    submit(
      () =>
        api['inquiries.answer']({
          id: inquiry.id,
          answer,
          articleId: article?.id ?? null,
          channel,
          phoneNumber: channel === 'phone' ? phoneNumber : null,
        }),
      { savedMessage: t('answer.saved'), onSaved: onAnswered },
    );

  const pick = (picked: ArticleView) => {
    setArticle({ id: picked.id, title: picked.title });
    if (answer.trim() === '') setAnswer(picked.body);
  };

  return (
    <Modal opened onClose={onClose} title={t('answer.title')} size="xl">
      <CheckedForm onSave={save}>
        <Stack gap="md">
          <Group gap="xl" align="flex-start">
            <Fact label={t('answer.askedBy')}>
              <PersonCell person={inquiry.person} />
            </Fact>
            <Fact label={t('answer.askedAt')}>
              <DualDate instant={inquiry.askedAt} />
            </Fact>
          </Group>
          <Fact label={t('answer.question')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{inquiry.question}</Text>
          </Fact>
          <Textarea
            label={t('answer.text')}
            description={t('answer.textHint')}
            value={answer}
            onChange={(event) => setAnswer(event.currentTarget.value)}
            error={errors.answer}
            autosize
            minRows={4}
            maxRows={14}
            required
            data-autofocus
          />
          <ArticlePicker question={inquiry.question} linked={article} onPick={pick} onUnlink={() => setArticle(null)} />
          <Group grow align="flex-start">
            <ChoiceField
              label={t('answer.channel')}
              description={t('answer.channelHint')}
              placeholder={t('answer.channelNone')}
              data={CHANNELS.map((value) => ({ value, label: t(`contacts:channel.${value}`) }))}
              value={channel}
              onChange={(value) => setChannel(value as Channel | null)}
              error={errors.channel}
              clearable
            />
            {channel === 'phone' ? (
              <TextInput
                label={t('answer.phoneNumber')}
                description={t('answer.phoneNumberHint')}
                dir="ltr"
                value={phoneNumber}
                onChange={(event) => setPhoneNumber(event.currentTarget.value)}
                error={errors.phoneNumber}
              />
            ) : null}
          </Group>
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('answer.saveHint')}
            </Text>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('answer.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('answer.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
