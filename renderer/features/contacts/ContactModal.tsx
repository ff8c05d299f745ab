import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, DIRECTIONS, PLATFORMS, PURPOSES, type Channel, type ContactView, type LogContactInput } from '../../../electron/api/contacts';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { Ltr } from '../../components/Ltr';
import { useSession } from '../session/session-context';
import { usePhoneOwners } from './use-phone-owner';

/** The channel an officer works on (the front desk: in person; the phone line: phone), per user. */
const channelKey = (userId: string) => `wasl.contactChannel.${userId}`;

function rememberedChannel(userId: string): Channel {
  const stored = localStorage.getItem(channelKey(userId));
  return CHANNELS.find((channel) => channel === stored) ?? 'in_person';
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
 * Logging a contact in a few keystrokes: the summary has the focus, the channel is the one this
 * officer last used, the time is now; Ctrl+Enter saves. For someone not registered yet, the number
 * is matched to its owner as it is typed, and one click logs against that person instead.
 */
export function ContactModal({ beneficiary, prefill, onClose, onLogged }: ContactModalProps) {
  const { t } = useTranslation('contacts');
  const api = useApi();
  const session = useSession();
  const userId = session.state.user?.id ?? '';
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({
    channel: rememberedChannel(userId),
    direction: 'incoming' as (typeof DIRECTIONS)[number],
    purpose: 'inquiry' as (typeof PURPOSES)[number],
    summary: '',
    durationMinutes: '' as number | '',
    phoneNumber: '',
    platform: null as (typeof PLATFORMS)[number] | null,
    handle: '',
    webReference: '',
    personName: prefill?.personName ?? '',
    personPhone: prefill?.personPhone ?? '',
  });
  // The person the contact is logged against: given, or the owner of the number typed.
  const [person, setPerson] = useState(beneficiary);
  const phoneOwners = usePhoneOwners(person === null ? values.personPhone : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
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
    };
    const result = await api['contacts.log'](input);
    setBusy(false);
    if (result.ok) {
      localStorage.setItem(channelKey(userId), values.channel);
      notifications.show({ color: 'teal', message: t('log.saved') });
      onLogged(result.value);
      return;
    }
    const fields = fieldErrors(result.error);
    setErrors(fields);
    setFailure(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
  };

  const options = <T extends string>(values: readonly T[], group: string) => values.map((value) => ({ value, label: t(`${group}.${value}`) }));

  return (
    <Modal opened onClose={onClose} title={person ? t('log.titleFor', { name: person.name }) : t('log.titleUnregistered')} size="lg">
      <form onSubmit={(event) => void save(event)} onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])} noValidate>
        <Stack gap="md">
          <SegmentedControl
            fullWidth
            aria-label={t('log.channel')}
            data={options(CHANNELS, 'channel')}
            value={values.channel}
            onChange={(channel) => set('channel', channel as Channel)}
          />
          <Group grow align="flex-start">
            <SegmentedControl
              aria-label={t('log.direction')}
              data={options(DIRECTIONS, 'direction')}
              value={values.direction}
              onChange={(direction) => set('direction', direction as (typeof DIRECTIONS)[number])}
            />
            <Select
              label={t('log.purpose')}
              data={options(PURPOSES, 'purpose')}
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
              <Select label={t('log.platform')} data={options(PLATFORMS, 'platform')} value={values.platform} onChange={(platform) => set('platform', platform as (typeof PLATFORMS)[number] | null)} error={errors.platform} required />
              <TextInput label={t('log.handle')} dir="ltr" value={values.handle} onChange={(event) => set('handle', event.currentTarget.value)} error={errors.handle} />
            </Group>
          ) : null}
          {values.channel === 'website' ? (
            <TextInput label={t('log.webReference')} dir="ltr" value={values.webReference} onChange={(event) => set('webReference', event.currentTarget.value)} error={errors.webReference} />
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
          <NumberInput
            label={t('log.duration')}
            value={values.durationMinutes}
            onChange={(value) => set('durationMinutes', value === '' ? '' : Number(value))}
            min={0}
            max={600}
            allowDecimal={false}
            error={errors.durationMinutes}
            maw={200}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('log.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('log.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
