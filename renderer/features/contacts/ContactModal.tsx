import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, DIRECTIONS, PLATFORMS, PURPOSES, type Channel, type ContactView, type LogContactInput } from '../../../electron/api/contacts';
import { formatSaudiPhone } from '../../../electron/api/fields/phone';
import type { Result } from '../../../electron/api/result';
import { useApi } from '../../api/context';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { Ltr } from '../../components/Ltr';
import { FormFooter } from '../../components/SaveForm';
import { answerFields, answerMissing, InquiryAnswerSection, NO_ANSWER, type InquiryAnswer } from '../inquiries/InquiryAnswerSection';
import { LetterModal } from '../letters/LetterModal';
import { useSession } from '../session/session-context';
import { ContactLetterField, type JustRegisteredLetter } from './ContactLetterField';
import { OccurredAtField, occurredAtInput, occurredNow } from './OccurredAtField';
import { usePhoneOwners } from './use-phone-owner';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';

/**
 * What an officer keeps choosing, per user: the channel they work on (the front desk: in person; the
 * phone line: phone) and the purpose of their last contact.
 */
const REMEMBERED_KEYS = { channel: 'wasl.contactChannel', purpose: 'wasl.contactPurpose' } as const;
type RememberedField = keyof typeof REMEMBERED_KEYS;

const rememberedKey = (field: RememberedField, userId: string) => `${REMEMBERED_KEYS[field]}.${userId}`;

/** The choice this officer last saved, when it is still one of the options; otherwise the default. */
function rememberedChoice<Choice extends string>(field: RememberedField, userId: string, choices: readonly Choice[], fallback: Choice): Choice {
  const stored = localStorage.getItem(rememberedKey(field, userId));
  return choices.find((choice) => choice === stored) ?? fallback;
}

function rememberChoices(userId: string, choices: Record<RememberedField, string>) {
  for (const field of Object.keys(REMEMBERED_KEYS) as RememberedField[]) localStorage.setItem(rememberedKey(field, userId), choices[field]);
}

export interface ContactModalProps {
  /** The person, when known. Null logs a contact with someone not registered yet (by name and phone). */
  beneficiary: { id: string; name: string } | null;
  /** What the officer had typed in the search box, for someone not registered yet. */
  prefill?: { personName?: string; personPhone?: string };
  onClose: () => void;
  onLogged: (contact: ContactView) => void;
}

/**
 * Logging a contact in a few keystrokes: the summary has the focus, the channel and purpose are the
 * ones this officer last used, the time is now; Ctrl+Enter saves. For someone not registered yet, the number
 * is matched to its owner as it is typed, and one click logs against that person instead. An
 * inquiry is logged with its answer given on the spot, or left for the inquiries queue; a contact
 * by letter names the letter in the register.
 */
export function ContactModal({ beneficiary, prefill, onClose, onLogged }: ContactModalProps) {
  const { t } = useTranslation('contacts');
  const api = useApi();
  const session = useSession();
  const userId = session.state.user?.id ?? '';
  // A refusal's fields under the names of this form's inputs: an inquiry's contact is `contact.…` to the api.
  const { submit, refuse, clearError, errors, failure, busy } = useSubmit({ fieldOf: (path) => path.replace(/^contact\./, '') });
  const [values, setValues] = useState({
    channel: rememberedChoice<Channel>('channel', userId, CHANNELS, 'in_person'),
    direction: 'incoming' as (typeof DIRECTIONS)[number],
    purpose: rememberedChoice<(typeof PURPOSES)[number]>('purpose', userId, PURPOSES, 'inquiry'),
    summary: '',
    durationMinutes: '' as number | '',
    phoneNumber: '',
    platform: null as (typeof PLATFORMS)[number] | null,
    handle: '',
    webReference: '',
    personName: prefill?.personName ?? '',
    personPhone: prefill?.personPhone ?? '',
  });
  // Opened now: left as it is, the contact is logged at the moment it is saved.
  const [opened] = useState(occurredNow);
  const [occurred, setOccurred] = useState(opened);
  const [answer, setAnswer] = useState<InquiryAnswer>(NO_ANSWER);
  const [letterId, setLetterId] = useState<string | null>(null);
  const [registeringLetter, setRegisteringLetter] = useState(false);
  const [justRegistered, setJustRegistered] = useState<JustRegisteredLetter[]>([]);
  // The person the contact is logged against: given, or the owner of the number typed.
  const [person, setPerson] = useState(beneficiary);
  const phoneOwners = usePhoneOwners(person === null ? values.personPhone : '');
  // A phone contact with a registered person is most often on their number: offered, and editable.
  const personFile = useCall('beneficiaries.get', person === null ? null : { id: person.id });
  const firstPhone = personFile.data?.phones[0] ?? null;
  useEffect(() => {
    if (firstPhone === null) return;
    setValues((current) => (current.phoneNumber === '' ? { ...current, phoneNumber: formatSaudiPhone(firstPhone) } : current));
  }, [firstPhone]);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));

  const inquiry = values.purpose === 'inquiry';

  const save = async () => {
    // What the api cannot check: a time typed but not readable, an answer on the spot left blank.
    const when = occurredAtInput(occurred, opened);
    const unreadable: Record<string, string> = {};
    if (!when.ok) unreadable[when.field === 'date' ? 'occurredOn' : 'occurredAt'] = when.field === 'date' ? t('common:dateField.invalid') : t('log.timeInvalid');
    if (inquiry && answerMissing(answer)) unreadable.answer = t('log.answerMissing');
    if (Object.keys(unreadable).length > 0) {
      refuse(unreadable);
      return;
    }
    const input: LogContactInput = {
      beneficiaryId: person?.id ?? null,
      personName: person === null ? values.personName : null,
      personPhone: person === null ? values.personPhone : null,
      channel: values.channel,
      direction: values.direction,
      purpose: values.purpose,
      summary: values.summary,
      durationMinutes: values.durationMinutes === '' ? null : values.durationMinutes,
      // Before registration, the person's number is the number of the call.
      phoneNumber: values.channel === 'phone' && person !== null ? values.phoneNumber : null,
      platform: values.channel === 'social_media' ? values.platform : null,
      handle: values.channel === 'social_media' ? values.handle : null,
      webReference: values.channel === 'website' ? values.webReference : null,
      letterId: values.channel === 'letter' ? letterId : null,
      occurredAt: when.ok ? when.occurredAt : null,
    };
    // An inquiry is the contact and the inquiry together: answered now, or waiting in the queue.
    const send = (): Promise<Result<ContactView>> =>
      inquiry
        ? api['inquiries.ask']({ contact: input, ...answerFields(answer) }).then((asked) => (asked.ok ? { ok: true as const, value: asked.value.contact } : asked))
        : api['contacts.log'](input);
    await submit(send, {
      savedMessage: !inquiry ? t('log.saved') : answer.answeredNow ? t('log.savedAnswered') : t('log.savedPending'),
      onSaved: (contact) => {
        rememberChoices(userId, { channel: values.channel, purpose: values.purpose });
        onLogged(contact);
      },
    });
  };

  return (
    <>
    <Modal
      opened
      // While a letter is being registered over this form, Escape belongs to that form.
      onClose={() => !registeringLetter && onClose()}
      title={person ? t('log.titleFor', { name: person.name }) : t('log.titleUnregistered')}
      size="lg"
    >
      <CheckedForm onSave={save}>
        <Stack gap="md">
          <SegmentedControl
            fullWidth
            aria-label={t('log.channel')}
            data={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
            value={values.channel}
            onChange={(channel) => set('channel', channel as Channel)}
          />
          <Group grow align="flex-start">
            <SegmentedControl
              aria-label={t('log.direction')}
              data={DIRECTIONS.map((value) => ({ value, label: t(`direction.${value}`) }))}
              value={values.direction}
              onChange={(direction) => set('direction', direction as (typeof DIRECTIONS)[number])}
            />
            <ChoiceField
              label={t('log.purpose')}
              data={PURPOSES.map((value) => ({ value, label: t(`purpose.${value}`) }))}
              value={values.purpose}
              onChange={(purpose) => set('purpose', (purpose ?? 'inquiry') as (typeof PURPOSES)[number])}
              allowDeselect={false}
              error={errors.purpose}
            />
          </Group>
          {person === null ? (
            <Stack gap="xs">
              <Group grow align="flex-start">
                <TextInput
                  label={t('log.personName')}
                  value={values.personName}
                  onChange={(event) => set('personName', event.currentTarget.value)}
                  error={errors.personName}
                  required
                />
                <TextInput
                  label={t('log.personPhone')}
                  dir="ltr"
                  value={values.personPhone}
                  onChange={(event) => set('personPhone', event.currentTarget.value)}
                  error={errors.personPhone}
                />
              </Group>
              {phoneOwners.length > 0 ? (
                <Alert color="wasl" role="status" title={t('log.numberBelongsTo')}>
                  <Stack gap={6}>
                    {phoneOwners.map((owner) => (
                      <Group key={owner.id} justify="space-between" wrap="nowrap">
                        <Text fz="sm">
                          {owner.fullName} · {t('log.fileNumber')} <Ltr>{owner.fileNumber}</Ltr>
                        </Text>
                        <Button size="xs" onClick={() => setPerson({ id: owner.id, name: owner.fullName })}>
                          {t('log.logAgainstOwner')}
                        </Button>
                      </Group>
                    ))}
                  </Stack>
                </Alert>
              ) : null}
            </Stack>
          ) : null}
          {values.channel === 'phone' && person !== null ? (
            <TextInput label={t('log.phoneNumber')} dir="ltr" value={values.phoneNumber} onChange={(event) => set('phoneNumber', event.currentTarget.value)} error={errors.phoneNumber} />
          ) : null}
          {values.channel === 'social_media' ? (
            <Group grow align="flex-start">
              <ChoiceField label={t('log.platform')} data={PLATFORMS.map((value) => ({ value, label: t(`platform.${value}`) }))} value={values.platform} onChange={(platform) => set('platform', platform as (typeof PLATFORMS)[number] | null)} error={errors.platform} required />
              <TextInput label={t('log.handle')} dir="ltr" value={values.handle} onChange={(event) => set('handle', event.currentTarget.value)} error={errors.handle} />
            </Group>
          ) : null}
          {values.channel === 'website' ? (
            <TextInput label={t('log.webReference')} dir="ltr" value={values.webReference} onChange={(event) => set('webReference', event.currentTarget.value)} error={errors.webReference} />
          ) : null}
          {values.channel === 'letter' ? (
            <ContactLetterField
              beneficiaryId={person?.id ?? null}
              value={letterId}
              onChange={setLetterId}
              onRegister={() => setRegisteringLetter(true)}
              justRegistered={justRegistered}
              version={justRegistered.length}
              error={errors.letterId}
            />
          ) : null}
          <Textarea
            label={t('log.summary')}
            description={t('log.summaryHint')}
            value={values.summary}
            onChange={(event) => set('summary', event.currentTarget.value)}
            error={errors.summary}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          {inquiry ? <InquiryAnswerSection value={answer} onChange={setAnswer} question={values.summary} error={errors.answer} /> : null}
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <OccurredAtField
              value={occurred}
              onChange={(next) => {
                setOccurred(next);
                clearError('occurredOn');
                clearError('occurredAt');
              }}
              dateError={errors.occurredOn}
              timeError={errors.occurredAt}
            />
            <NumberInput
              label={t('log.duration')}
              value={values.durationMinutes}
              onChange={(value) => set('durationMinutes', value === '' ? '' : Number(value))}
              min={0}
              max={600}
              allowDecimal={false}
              error={errors.durationMinutes}
              style={{ flex: 1 }}
            />
          </Group>
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('log.cancel')} saveLabel={t('log.save')} />
        </Stack>
      </CheckedForm>
    </Modal>
    {/* Outside the contact's form: its Ctrl+Enter and its submit must not reach this one. */}
    <LetterModal
      opened={registeringLetter}
      beneficiaryId={person?.id ?? null}
      direction={values.direction}
      onClose={() => setRegisteringLetter(false)}
      onRegistered={(letter) => {
        setRegisteringLetter(false);
        setJustRegistered((current) => [...current, letter]);
        setLetterId(letter.id);
      }}
    />
    </>
  );
}
