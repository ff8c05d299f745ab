import { Alert, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../electron/api/contacts';
import { formatSaudiPhone } from '../../../electron/api/fields/phone';
import { useApi } from '../../api/context';
import { useSubmit } from '../../api/use-save-form';
import { BeneficiaryPicker } from '../../components/BeneficiaryPicker';
import { Ltr } from '../../components/Ltr';
import { formatDualInstant } from '../../lib/dates';
import { CheckedForm } from '../../components/CheckedForm';

/** The dialog's focus trap places the focus on its next tick; the picker's input takes it just after. */
const FOCUS_AFTER_TRAP_MS = 30;

export interface LinkContactModalProps {
  contact: ContactView;
  /** The file to link to, when the officer is on it; otherwise they find the person with the search. */
  beneficiary: { id: string; name: string } | null;
  onClose: () => void;
  onLinked: (contact: ContactView) => void;
}

/**
 * Linking a contact logged before registration to the person's file: what was said moves to their
 * timeline, with the inquiry or complaint it started. It cannot be undone, so it is one more
 * keystroke: the contact is shown, the person named, and Enter (or Ctrl+Enter) links.
 */
export function LinkContactModal({ contact, beneficiary, onClose, onLinked }: LinkContactModalProps) {
  const { t } = useTranslation('contacts');
  const api = useApi();
  const { submit, refuse, clearError, errors, failure, busy } = useSubmit();
  const [picked, setPicked] = useState<string | null>(null);
  const error = errors.beneficiaryId ?? null;
  const picker = useRef<HTMLDivElement>(null);
  const beneficiaryId = beneficiary?.id ?? picked;

  useEffect(() => {
    // The search inside the picker is where the officer types first; the dialog's own focus trap
    // (which knows nothing of the input inside the picker) moves focus on the next tick, so after it.
    const timer = setTimeout(() => picker.current?.querySelector('input')?.focus(), FOCUS_AFTER_TRAP_MS);
    return () => clearTimeout(timer);
  }, []);

  const link = async () => {
    if (beneficiaryId === null) {
      refuse({ beneficiaryId: t('link.pickFirst') });
      return;
    }
    await submit(() => api['contacts.link']({ id: contact.id, beneficiaryId }), { savedMessage: t('link.linked'), onSaved: onLinked });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={beneficiary ? t('link.titleTo', { name: beneficiary.name }) : t('link.title')}
      size="lg"
    >
      <CheckedForm onSave={link}>
        <Stack gap="md">
          <ContactSummary contact={contact} />
          {beneficiary ? (
            <Text>{t('link.confirm', { name: beneficiary.name })}</Text>
          ) : (
            <div ref={picker}>
              <BeneficiaryPicker
                label={t('link.beneficiary')}
                description={t('link.beneficiaryHint')}
                value={picked}
                onChange={(id) => {
                  setPicked(id);
                  clearError('beneficiaryId');
                }}
                error={error}
              />
            </div>
          )}
          <Text fz="sm" c="dimmed">
            {t('link.carries')}
          </Text>
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          {beneficiary && error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('link.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-autofocus={beneficiary ? true : undefined}>
              {t('link.save')}
            </Button>
          </Group>
        </Stack>
      </CheckedForm>
    </Modal>
  );
}

/** What the contact was: when, through which channel, who gave which name and number, and what was said. */
export function ContactSummary({ contact }: { contact: ContactView }) {
  const { t, i18n } = useTranslation('contacts');
  const shown = formatDualInstant(contact.occurredAt, i18n.language === 'en' ? 'en' : 'ar');
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={4}>
        <Group gap="xs" fz="sm">
          <Text fz="sm" fw={600}>
            {contact.personName ?? '—'}
          </Text>
          {/* The number given, or the one an answer was phoned to. */}
          {(contact.personPhone ?? contact.phoneNumber) ? (
            <Text fz="sm" c="dimmed">
              <Ltr>{formatSaudiPhone(contact.personPhone ?? contact.phoneNumber ?? '')}</Ltr>
            </Text>
          ) : null}
        </Group>
        <Text fz="xs" c="dimmed">
          {[`${[shown.gregorian, t('common:calendar.gregorianMark')].filter(Boolean).join(' ')} · ${shown.hijri} ${shown.time}`, t(`channel.${contact.channel}`), t(`purpose.${contact.purpose}`), contact.officer.displayName].join(' · ')}
        </Text>
        <Text fz="sm" lineClamp={3}>
          {contact.summary}
        </Text>
      </Stack>
    </Paper>
  );
}
