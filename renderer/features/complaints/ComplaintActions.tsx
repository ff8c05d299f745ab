import { Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SUGGESTION_DECISIONS, type ComplaintDetail, type SuggestionDecision } from '../../../electron/api/complaints';
import { CHANNELS, PLATFORMS, type Channel } from '../../../electron/api/contacts';
import type { Result } from '../../../electron/api/result';
import { useApi } from '../../api/context';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { useSession } from '../session/session-context';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';
import { FormFooter } from '../../components/SaveForm';

interface ActionProps {
  complaint: ComplaintDetail;
  onClose: () => void;
  onDone: (complaint: ComplaintDetail) => void;
}

/**
 * The frame every step's form shares: the title, the fields, the refusal in the officer's language
 * (at the field when it is one field's), Ctrl+Enter to save.
 */
function ActionModal({
  title,
  onClose,
  onDone,
  send,
  children,
}: {
  title: string;
  onClose: () => void;
  onDone: (complaint: ComplaintDetail) => void;
  /** Makes the step's call. */
  send: () => Promise<Result<ComplaintDetail>>;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const { t } = useTranslation('complaints');
  const { submit, errors, failure, busy } = useSubmit();

  const save = () => submit(send, { savedMessage: t('action.done'), onSaved: onDone });

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <CheckedForm onSave={save}>
        <Stack gap="md">
          {children(errors)}
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('action.cancel')} saveLabel={t('action.save')} shortcutHint={false} />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}

/** Acknowledging, starting the investigation and closing: the step itself, with an optional note. */
export function NoteStepModal({ step, complaint, onClose, onDone }: ActionProps & { step: 'acknowledge' | 'investigate' | 'close' }) {
  const { t } = useTranslation('complaints');
  const api = useApi();
  const [note, setNote] = useState('');
  return (
    <ActionModal
      title={t(`action.${step}`)}
      onClose={onClose}
      onDone={onDone}
      send={() => api[`complaints.${step}`]({ id: complaint.id, note })}
    >
      {(errors) => (
        <Textarea label={t('action.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={errors.note} autosize minRows={2} data-autofocus />
      )}
    </ActionModal>
  );
}

/** The resolution; for a suggestion, the decision and (when adopted) the improvement. */
export function ResolveModal({ complaint, onClose, onDone }: ActionProps) {
  const { t } = useTranslation('complaints');
  const api = useApi();
  const [resolution, setResolution] = useState('');
  const [decision, setDecision] = useState<SuggestionDecision | null>(null);
  const [improvement, setImprovement] = useState('');
  const isSuggestion = complaint.kind === 'suggestion';
  // An officer resolves a suggestion as under study; adopting or declining it is a supervisor's decision.
  const decisions = useSession().can('suggestions.decide') ? SUGGESTION_DECISIONS : (['under_study'] as const);
  return (
    <ActionModal
      title={t('action.resolve')}
      onClose={onClose}
      onDone={onDone}
      send={() =>
        api['complaints.resolve']({
          id: complaint.id,
          resolution,
          ...(isSuggestion ? { decision, improvement: decision === 'adopted' ? improvement : null } : {}),
        })
      }
    >
      {(errors) => (
        <>
          <Textarea
            label={t('resolve.resolution')}
            value={resolution}
            onChange={(event) => setResolution(event.currentTarget.value)}
            error={errors.resolution}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          {isSuggestion ? (
            <DecisionFields
              decisions={decisions}
              decision={decision}
              onDecision={setDecision}
              improvement={improvement}
              onImprovement={setImprovement}
              errors={errors}
            />
          ) : null}
        </>
      )}
    </ActionModal>
  );
}

/** A suggestion left under study, decided now. */
export function DecideModal({ complaint, onClose, onDone }: ActionProps) {
  const { t } = useTranslation('complaints');
  const api = useApi();
  const [decision, setDecision] = useState<'adopted' | 'declined' | null>(null);
  const [improvement, setImprovement] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionModal
      title={t('action.decide')}
      onClose={onClose}
      onDone={onDone}
      send={() =>
        api['complaints.decide']({
          id: complaint.id,
          // An empty choice is sent as it is, so the refusal points at the field.
          decision: decision as 'adopted' | 'declined',
          improvement: decision === 'adopted' ? improvement : null,
          note,
        })
      }
    >
      {(errors) => (
        <>
          <DecisionFields
            decisions={['adopted', 'declined'] as const}
            decision={decision}
            onDecision={setDecision}
            improvement={improvement}
            onImprovement={setImprovement}
            errors={errors}
          />
          <Textarea label={t('action.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={errors.note} autosize minRows={2} />
        </>
      )}
    </ActionModal>
  );
}

function DecisionFields<D extends SuggestionDecision>({
  decisions,
  decision,
  onDecision,
  improvement,
  onImprovement,
  errors,
}: {
  decisions: readonly D[];
  decision: D | null;
  onDecision: (decision: D | null) => void;
  improvement: string;
  onImprovement: (improvement: string) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('complaints');
  return (
    <>
      <ChoiceField
        label={t('resolve.decision')}
        data={decisions.map((value) => ({ value, label: t(`decision.${value}`) }))}
        value={decision}
        onChange={(value) => onDecision(value as D | null)}
        error={errors.decision}
        required
        data-autofocus={decisions.length === 2 ? true : undefined}
      />
      {decision === 'adopted' ? (
        <Textarea
          label={t('resolve.improvement')}
          description={t('resolve.improvementHint')}
          value={improvement}
          onChange={(event) => onImprovement(event.currentTarget.value)}
          error={errors.improvement}
          autosize
          minRows={2}
          required
        />
      ) : null}
    </>
  );
}

/** The answer to the person, logged as an outgoing contact through an approved channel. */
export function AnswerModal({ complaint, onClose, onDone }: ActionProps) {
  const { t } = useTranslation('complaints');
  const api = useApi();
  const [values, setValues] = useState({
    channel: 'phone' as Channel,
    summary: '',
    phoneNumber: '',
    platform: null as (typeof PLATFORMS)[number] | null,
    handle: '',
    webReference: '',
  });
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));
  return (
    <ActionModal
      title={t('action.answer')}
      onClose={onClose}
      onDone={onDone}
      send={() =>
        api['complaints.answer']({
          id: complaint.id,
          channel: values.channel,
          summary: values.summary,
          phoneNumber: values.channel === 'phone' ? values.phoneNumber : null,
          platform: values.channel === 'social_media' ? values.platform : null,
          handle: values.channel === 'social_media' ? values.handle : null,
          webReference: values.channel === 'website' ? values.webReference : null,
        })
      }
    >
      {(errors) => (
        <>
          <Text c="dimmed" size="sm">
            {t('answer.hint')}
          </Text>
          <ChoiceField
            label={t('answer.channel')}
            data={CHANNELS.map((value) => ({ value, label: t(`contacts:channel.${value}`) }))}
            value={values.channel}
            onChange={(value) => set('channel', (value ?? 'phone') as Channel)}
            allowDeselect={false}
            error={errors.channel}
          />
          {values.channel === 'phone' ? (
            <TextInput label={t('answer.phoneNumber')} dir="ltr" value={values.phoneNumber} onChange={(event) => set('phoneNumber', event.currentTarget.value)} error={errors.phoneNumber} />
          ) : null}
          {values.channel === 'social_media' ? (
            <Group grow align="flex-start">
              <ChoiceField
                label={t('answer.platform')}
                data={PLATFORMS.map((value) => ({ value, label: t(`contacts:platform.${value}`) }))}
                value={values.platform}
                onChange={(value) => set('platform', value as (typeof PLATFORMS)[number] | null)}
                error={errors.platform}
                required
              />
              <TextInput label={t('answer.handle')} dir="ltr" value={values.handle} onChange={(event) => set('handle', event.currentTarget.value)} error={errors.handle} />
            </Group>
          ) : null}
          {values.channel === 'website' ? (
            <TextInput label={t('answer.webReference')} dir="ltr" value={values.webReference} onChange={(event) => set('webReference', event.currentTarget.value)} error={errors.webReference} />
          ) : null}
          <Textarea
            label={t('answer.summary')}
            value={values.summary}
            onChange={(event) => set('summary', event.currentTarget.value)}
            error={errors.summary}
            autosize
            minRows={3}
            required
            data-autofocus
          />
        </>
      )}
    </ActionModal>
  );
}

/** Gives it to another officer; the staff member it is about is not offered. */
export function ReassignModal({ complaint, onClose, onDone }: ActionProps) {
  const { t } = useTranslation('complaints');
  const api = useApi();
  const staff = useCall('complaints.staffOptions', {});
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const choices = (staff.data ?? []).filter((option) => option.id !== complaint.owner.id && option.id !== complaint.aboutStaff?.id);
  return (
    <ActionModal
      title={t('action.reassign')}
      onClose={onClose}
      onDone={onDone}
      send={() => api['complaints.reassign']({ id: complaint.id, ownerId: ownerId ?? '', note })}
    >
      {(errors) => (
        <>
          <ChoiceField
            label={t('reassign.owner')}
            data={choices.map((option) => ({ value: option.id, label: option.displayName }))}
            value={ownerId}
            onChange={setOwnerId}
            searchable
            required
            error={errors.ownerId}
            data-autofocus
          />
          <Textarea label={t('action.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={errors.note} autosize minRows={2} />
        </>
      )}
    </ActionModal>
  );
}
