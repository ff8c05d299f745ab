import { Group, Modal, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_ABOUT, COMPLAINT_KINDS, type ComplaintAbout, type ComplaintKind } from '../../../electron/api/complaints';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { formatDualDate } from '../../lib/dates';
import { ChoiceField } from '../../components/ChoiceField';
import { BeneficiaryPicker } from '../../components/BeneficiaryPicker';
import { SaveForm } from '../../components/SaveForm';

/** Receives a complaint, a note or a suggestion, from a beneficiary's page or from a contact. */
export interface NewComplaintModalProps {
  opened: boolean;
  onClose: () => void;
  beneficiaryId: string | null;
  sourceContactId?: string | null;
  kind?: 'complaint' | 'note' | 'suggestion';
  onReceived?: (complaint: { id: string; number: string }) => void;
}

const emptyValues = (kind: ComplaintKind) => ({
  kind,
  about: 'service' as ComplaintAbout,
  aboutStaffId: null as string | null,
  personName: '',
  subject: '',
  details: '',
});

/**
 * The subject has the focus; the kind is the one the screen it was opened from suggests; Ctrl+Enter
 * receives it. Someone not registered is received by name.
 */
export function NewComplaintModal({ opened, onClose, beneficiaryId: givenBeneficiaryId, sourceContactId = null, kind = 'complaint', onReceived }: NewComplaintModalProps) {
  const { t, i18n } = useTranslation('complaints');
  // Opened from the complaints page, the person is found among the registered; a name is typed only for someone who is not.
  const [pickedBeneficiaryId, setPickedBeneficiaryId] = useState<string | null>(null);
  const beneficiaryId = givenBeneficiaryId ?? pickedBeneficiaryId;
  const form = useSaveForm('complaints.receive', {
    initial: emptyValues(kind),
    input: (values) => ({
      kind: values.kind,
      beneficiaryId,
      personName: beneficiaryId === null ? values.personName : null,
      about: values.about,
      aboutStaffId: values.about === 'staff' ? values.aboutStaffId : null,
      subject: values.subject,
      details: values.details,
      sourceContactId,
    }),
    savedMessage: (received) => t('new.saved', { number: received.number, due: formatDualDate(received.dueDate, i18n.language as 'ar' | 'en').gregorian }),
    onSaved: (received) => {
      onReceived?.({ id: received.id, number: received.number });
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;
  const staff = useCall('complaints.staffOptions', opened && values.about === 'staff' ? {} : null);

  useEffect(() => {
    // Each opening starts afresh, with the kind the caller asks for.
    if (!opened) return;
    fill(emptyValues(kind));
    setPickedBeneficiaryId(null);
    clearError();
  }, [opened, kind, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('new.title')} size="lg">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('new.cancel')} saveLabel={t('new.save')} shortcutHint={false}>
        <Group grow align="flex-start">
          <ChoiceField
            label={t('new.kind')}
            data={COMPLAINT_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
            value={values.kind}
            onChange={(value) => set('kind', (value ?? kind) as ComplaintKind)}
            allowDeselect={false}
            error={errors.kind}
          />
          <ChoiceField
            label={t('new.about')}
            data={COMPLAINT_ABOUT.map((value) => ({ value, label: t(`about.${value}`) }))}
            value={values.about}
            onChange={(value) => set('about', (value ?? 'service') as ComplaintAbout)}
            allowDeselect={false}
            error={errors.about}
          />
        </Group>
        {values.about === 'staff' ? (
          <ChoiceField
            label={t('new.staff')}
            description={t('new.staffHint')}
            data={(staff.data ?? []).map((option) => ({ value: option.id, label: option.displayName }))}
            value={values.aboutStaffId}
            onChange={(value) => set('aboutStaffId', value)}
            searchable
            required
            error={errors.aboutStaffId}
          />
        ) : null}
        {givenBeneficiaryId === null && sourceContactId === null ? (
          <BeneficiaryPicker
            label={t('new.beneficiary')}
            description={t('new.beneficiaryHint')}
            value={pickedBeneficiaryId}
            onChange={setPickedBeneficiaryId}
            error={errors.beneficiaryId}
          />
        ) : null}
        {beneficiaryId === null ? (
          <TextInput
            label={t('new.personName')}
            description={t('new.personNameHint')}
            value={values.personName}
            onChange={(event) => set('personName', event.currentTarget.value)}
            error={errors.personName}
            required
          />
        ) : null}
        <TextInput
          label={t('new.subject')}
          value={values.subject}
          onChange={(event) => set('subject', event.currentTarget.value)}
          error={errors.subject}
          required
          data-autofocus
        />
        <Textarea
          label={t('new.details')}
          value={values.details}
          onChange={(event) => set('details', event.currentTarget.value)}
          error={errors.details}
          autosize
          minRows={3}
        />
      </SaveForm>
    </Modal>
  );
}
