import { FileInput, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, PLATFORMS, type Channel } from '../../../electron/api/contacts';
import { codeDirection } from '../../../electron/api/bidi';
import { formatSaudiPhone } from '../../../electron/api/fields/phone';
import type { RequestDetail, RequestOutcome } from '../../../electron/api/requests';
import { fail, type Result } from '../../../electron/api/result';
import { useApi } from '../../api/context';
import { useCall } from '../../api/use-call';
import { useSubmit, type SubmitState } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/SaveForm';
import { ChosenScanName } from '../letters/ChosenScanName';
import { readScan, SCAN_ACCEPT } from '../letters/scan-files';
import { useNameIn } from './labels';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';

/** The steps an officer (or a supervisor) takes on a request, each in its own small form. */
export type RequestActionKind = 'startReview' | 'refer' | 'recordAnswer' | 'decide' | 'notify' | 'close' | 'withdraw' | 'reassign';

interface RequestActionModalProps {
  action: RequestActionKind;
  request: RequestDetail;
  onClose: () => void;
  /** The request as the step left it; `letterId` when the step produced a letter to print. */
  onDone: (request: RequestDetail, letterId: string | null) => void;
}

export function RequestActionModal({ action, request, onClose, onDone }: RequestActionModalProps) {
  const { t } = useTranslation('requests');
  // The beneficiary is usually told on their own number: read it first, so the form opens with it filled in.
  const person = useCall('beneficiaries.get', action === 'notify' ? { id: request.beneficiary.id } : null);
  const ready = action !== 'notify' || person.data !== null || person.error !== null;
  return (
    <Modal opened={ready} onClose={onClose} title={t(`actions.${action}`)} size={action === 'refer' || action === 'notify' ? 'lg' : 'md'}>
      {action === 'startReview' || action === 'close' ? <NoteForm action={action} request={request} onClose={onClose} onDone={onDone} /> : null}
      {action === 'refer' ? <ReferForm request={request} onClose={onClose} onDone={onDone} /> : null}
      {action === 'recordAnswer' ? <AnswerForm request={request} onClose={onClose} onDone={onDone} /> : null}
      {action === 'decide' ? <DecideForm request={request} onClose={onClose} onDone={onDone} /> : null}
      {action === 'notify' && ready ? <NotifyForm request={request} phone={person.data?.phones[0] ?? null} onClose={onClose} onDone={onDone} /> : null}
      {action === 'withdraw' ? <WithdrawForm request={request} onClose={onClose} onDone={onDone} /> : null}
      {action === 'reassign' ? <ReassignForm request={request} onClose={onClose} onDone={onDone} /> : null}
    </Modal>
  );
}

type FormProps = Omit<RequestActionModalProps, 'action'>;

/** What every step's form shares: sending once, the refusal shown at its field or above the buttons. */
function useStep(onDone: FormProps['onDone']) {
  const { t } = useTranslation('requests');
  const { submit, ...state } = useSubmit();
  const run = (send: () => Promise<Result<RequestDetail & { notification?: { letterId: string | null } }>>) =>
    submit(send, { savedMessage: t('actions.done'), onSaved: (request) => onDone(request, request.notification?.letterId ?? null) });
  return { ...state, run };
}

/** A step's form: its fields, then Cancel and the step's own button; Ctrl+Enter takes the step. */
function StepForm({ onSubmit, onClose, step, children, submitLabel, danger }: {
  /** Runs the step; a refused step points to its first field in error once it has answered. */
  onSubmit: () => Promise<unknown>;
  onClose: () => void;
  step: Pick<SubmitState, 'failure' | 'busy'>;
  children: ReactNode;
  submitLabel: string;
  danger?: boolean;
}) {
  const { t } = useTranslation('requests');
  return (
    <CheckedForm onSave={onSubmit}>
      <Stack gap="md">
        {children}
        <FormFooter failure={step.failure} busy={step.busy} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={submitLabel} saveColor={danger ? 'red' : undefined} />
      </Stack>
    </CheckedForm>
  );
}

function NoteForm({ action, request, onClose, onDone }: FormProps & { action: 'startReview' | 'close' }) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const step = useStep(onDone);
  const [note, setNote] = useState('');
  const send = () => (action === 'startReview' ? api['requests.startReview']({ id: request.id, note }) : api['requests.close']({ id: request.id, note }));
  return (
    <StepForm onSubmit={() => step.run(send)} onClose={onClose} step={step} submitLabel={t(`actions.${action}`)}>
      <Text size="sm" c="dimmed">
        {t(`forms.${action}Hint`)}
      </Text>
      <Textarea label={t('forms.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={step.errors.note} autosize minRows={2} data-autofocus />
    </StepForm>
  );
}

function ReferForm({ request, onClose, onDone }: FormProps) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const nameIn = useNameIn();
  const step = useStep(onDone);
  const authorities = useCall('requests.referralAuthorities', {});
  const [values, setValues] = useState({
    authorityId: null as string | null,
    referredOn: '',
    subject: t('forms.referSubject', { type: request.type.nameAr, number: request.number }),
    body: '',
    note: '',
  });
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));
  const send = () =>
    api['requests.refer']({
      id: request.id,
      authorityId: values.authorityId,
      referredOn: values.referredOn || null,
      letter: { subject: values.subject, body: values.body },
      note: values.note,
    });
  return (
    <StepForm onSubmit={() => step.run(send)} onClose={onClose} step={step} submitLabel={t('actions.refer')}>
      <ChoiceField
        label={t('forms.authority')}
        placeholder={t('forms.authorityPlaceholder')}
        data={(authorities.data ?? []).map((authority) => ({ value: authority.id, label: nameIn(authority) }))}
        value={values.authorityId}
        onChange={(value) => set('authorityId', value)}
        searchable
        required
        error={step.errors.authorityId}
        data-autofocus
      />
      <DateField label={t('forms.referredOn')} value={values.referredOn} onChange={(date) => set('referredOn', date)} error={step.errors.referredOn ?? step.errors['letter.letterDate']} />
      <TextInput label={t('forms.letterSubject')} value={values.subject} onChange={(event) => set('subject', event.currentTarget.value)} error={step.errors['letter.subject']} required />
      <Textarea
        label={t('forms.letterBody')}
        description={t('forms.letterBodyHint')}
        value={values.body}
        onChange={(event) => set('body', event.currentTarget.value)}
        error={step.errors['letter.body']}
        autosize
        minRows={4}
      />
      <Textarea label={t('forms.note')} value={values.note} onChange={(event) => set('note', event.currentTarget.value)} error={step.errors.note} autosize minRows={1} />
    </StepForm>
  );
}

function AnswerForm({ request, onClose, onDone }: FormProps) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const step = useStep(onDone);
  const [values, setValues] = useState({ number: '', letterDate: '', subject: '', note: '' });
  const [file, setFile] = useState<File | null>(null);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));
  const send = async () => {
    let scan: { fileName: string; contentBase64: string } | null = null;
    if (file) {
      // Read while the step is sending, so a second Ctrl+Enter waits; a scan that cannot be read is
      // refused under the file, as the register refuses one.
      const read = await readScan(file);
      if (!read.ok) {
        return fail({ code: 'validation', messageKey: 'validation.invalid', details: { fields: [{ path: 'letter.scan', messageKey: `validation.scan.${read.problem}` }] } });
      }
      scan = { fileName: read.fileName, contentBase64: read.contentBase64 };
    }
    return api['requests.recordAuthorityAnswer']({
      id: request.id,
      letter: { number: values.number, letterDate: values.letterDate, subject: values.subject, scan },
      note: values.note,
    });
  };
  return (
    <StepForm
      onSubmit={() => step.run(send)}
      onClose={onClose}
      step={step}
      submitLabel={t('actions.recordAnswer')}
    >
      {request.authority ? (
        <Text size="sm" c="dimmed">
          {t('forms.answerFrom', { authority: request.authority.nameAr })}
        </Text>
      ) : null}
      <Group grow align="flex-start">
        <TextInput label={t('forms.letterNumber')} dir={codeDirection(values.number)} value={values.number} onChange={(event) => set('number', event.currentTarget.value)} error={step.errors['letter.number']} required data-autofocus />
        <DateField label={t('forms.letterDate')} value={values.letterDate} onChange={(date) => set('letterDate', date)} error={step.errors['letter.letterDate']} required />
      </Group>
      <TextInput label={t('forms.letterSubject')} value={values.subject} onChange={(event) => set('subject', event.currentTarget.value)} error={step.errors['letter.subject']} required />
      <FileInput label={t('forms.scan')} description={t('forms.scanHint')} accept={SCAN_ACCEPT} value={file} valueComponent={ChosenScanName} onChange={setFile} clearable error={step.errors['letter.scan']} />
      <Textarea label={t('forms.note')} value={values.note} onChange={(event) => set('note', event.currentTarget.value)} error={step.errors.note} autosize minRows={1} />
    </StepForm>
  );
}

function DecideForm({ request, onClose, onDone }: FormProps) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const step = useStep(onDone);
  const [outcome, setOutcome] = useState<RequestOutcome | ''>('');
  const [reason, setReason] = useState('');
  return (
    <StepForm
      onSubmit={() => step.run(() => api['requests.decide']({ id: request.id, outcome: outcome as RequestOutcome, reason }))}
      onClose={onClose}
      step={step}
      submitLabel={t('actions.decide')}
    >
      <Stack gap={4}>
        <SegmentedControl
          aria-label={t('forms.outcome')}
          data={[
            { value: 'approved', label: t('outcome.approved') },
            { value: 'rejected', label: t('outcome.rejected') },
          ]}
          value={outcome}
          onChange={(value) => setOutcome(value as RequestOutcome)}
          color={outcome === 'rejected' ? 'red' : 'teal'}
        />
        {step.errors.outcome ? (
          <Text size="sm" c="red">
            {step.errors.outcome}
          </Text>
        ) : null}
      </Stack>
      <Textarea
        label={t('forms.reason')}
        description={t('forms.reasonHint')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={step.errors.reason}
        autosize
        minRows={3}
        required
        data-autofocus
      />
    </StepForm>
  );
}

/** `phone`: the beneficiary's first number (E.164), offered for a call; the officer then types what was said. */
function NotifyForm({ request, phone, onClose, onDone }: FormProps & { phone: string | null }) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const step = useStep(onDone);
  const [values, setValues] = useState({
    channel: 'phone' as Channel,
    summary: '',
    phoneNumber: phone ? formatSaudiPhone(phone) : '',
    platform: null as (typeof PLATFORMS)[number] | null,
    handle: '',
    webReference: '',
    letterBody: '',
  });
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));
  const send = () =>
    api['requests.notify']({
      id: request.id,
      channel: values.channel,
      summary: values.summary,
      phoneNumber: values.channel === 'phone' ? values.phoneNumber : null,
      platform: values.channel === 'social_media' ? values.platform : null,
      handle: values.channel === 'social_media' ? values.handle : null,
      webReference: values.channel === 'website' ? values.webReference : null,
      letterBody: values.channel === 'letter' ? values.letterBody : null,
    });
  return (
    <StepForm onSubmit={() => step.run(send)} onClose={onClose} step={step} submitLabel={t('actions.notify')}>
      {request.outcome ? (
        <Text size="sm">{t('forms.notifyOutcome', { outcome: t(`outcome.${request.outcome}`) })}</Text>
      ) : null}
      <SegmentedControl
        fullWidth
        aria-label={t('forms.channel')}
        data={CHANNELS.map((channel) => ({ value: channel, label: t(`contacts:channel.${channel}`) }))}
        value={values.channel}
        onChange={(channel) => set('channel', channel as Channel)}
      />
      {values.channel === 'phone' ? (
        <TextInput
          label={t('contacts:log.phoneNumber')}
          dir="ltr"
          value={values.phoneNumber}
          onChange={(event) => set('phoneNumber', event.currentTarget.value)}
          error={step.errors.phoneNumber}
          data-autofocus={phone ? undefined : true}
        />
      ) : null}
      {values.channel === 'social_media' ? (
        <Group grow align="flex-start">
          <ChoiceField
            label={t('contacts:log.platform')}
            data={PLATFORMS.map((platform) => ({ value: platform, label: t(`contacts:platform.${platform}`) }))}
            value={values.platform}
            onChange={(platform) => set('platform', platform as (typeof PLATFORMS)[number] | null)}
            error={step.errors.platform}
            required
          />
          <TextInput label={t('contacts:log.handle')} dir="ltr" value={values.handle} onChange={(event) => set('handle', event.currentTarget.value)} error={step.errors.handle} />
        </Group>
      ) : null}
      {values.channel === 'website' ? (
        <TextInput label={t('contacts:log.webReference')} dir="ltr" value={values.webReference} onChange={(event) => set('webReference', event.currentTarget.value)} error={step.errors.webReference} />
      ) : null}
      {values.channel === 'letter' ? (
        <Textarea
          label={t('forms.notificationLetter')}
          description={t('forms.notificationLetterHint')}
          value={values.letterBody}
          onChange={(event) => set('letterBody', event.currentTarget.value)}
          error={step.errors.letterBody}
          autosize
          minRows={3}
        />
      ) : null}
      <Textarea
        label={t('forms.notifySummary')}
        description={t('forms.notifySummaryHint')}
        value={values.summary}
        onChange={(event) => set('summary', event.currentTarget.value)}
        error={step.errors.summary ?? step.errors.occurredAt}
        autosize
        minRows={2}
        data-autofocus={phone ? true : undefined}
      />
    </StepForm>
  );
}

function WithdrawForm({ request, onClose, onDone }: FormProps) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const step = useStep(onDone);
  const [reason, setReason] = useState('');
  return (
    <StepForm
      onSubmit={() => step.run(() => api['requests.withdraw']({ id: request.id, reason }))}
      onClose={onClose}
      step={step}
      submitLabel={t('actions.withdraw')}
      danger
    >
      <Text size="sm" c="dimmed">
        {t('forms.withdrawHint')}
      </Text>
      <Textarea label={t('forms.withdrawReason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={step.errors.reason} autosize minRows={2} required data-autofocus />
    </StepForm>
  );
}

function ReassignForm({ request, onClose, onDone }: FormProps) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const step = useStep(onDone);
  const assignees = useCall('requests.assignees', {});
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  return (
    <StepForm
      onSubmit={async () => {
        if (ownerId === null) {
          step.refuse({ ownerId: t('errors:validation.required') });
          return;
        }
        await step.run(() => api['requests.reassign']({ id: request.id, ownerId, note }));
      }}
      onClose={onClose}
      step={step}
      submitLabel={t('actions.reassign')}
    >
      <Text size="sm" c="dimmed">
        {t('forms.currentOwner', { name: request.owner.displayName })}
      </Text>
      <ChoiceField
        label={t('forms.newOwner')}
        data={(assignees.data ?? [])
          .filter((user) => user.id !== request.owner.id)
          .map((user) => ({ value: user.id, label: `${user.displayName} — ${t(`session:menu.role.${user.role}`)}` }))}
        value={ownerId}
        onChange={setOwnerId}
        searchable
        required
        error={step.errors.ownerId}
        data-autofocus
      />
      <Textarea label={t('forms.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={step.errors.note} autosize minRows={1} />
    </StepForm>
  );
}
