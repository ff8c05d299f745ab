import { Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../electron/api/complaints';
import { useApi } from '../../api/context';
import { useSubmit } from '../../api/use-save-form';
import { BeneficiaryPicker } from '../../components/BeneficiaryPicker';
import { CheckedForm } from '../../components/CheckedForm';
import { FormFooter } from '../../components/SaveForm';
import { isolateLtr } from '../../lib/bidi';

/** The dialog's focus trap places the focus on its next tick; the picker's input takes it just after. */
const FOCUS_AFTER_TRAP_MS = 30;

/**
 * Links a complaint, note or suggestion received from someone by name to their file, once found or
 * registered: it moves to their file with its steps and the contacts that brought or answered it.
 */
export function LinkComplaintModal({ complaint, onClose, onLinked }: { complaint: ComplaintDetail; onClose: () => void; onLinked: (complaint: ComplaintDetail) => void }) {
  const { t } = useTranslation('complaints');
  const api = useApi();
  // The picker is the form's one field: a refusal about anything else is said above the buttons.
  const { submit, refuse, clearError, errors, failure, busy } = useSubmit({ shownFields: ['beneficiaryId'] });
  const [beneficiaryId, setBeneficiaryId] = useState<string | null>(null);
  const picker = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => picker.current?.querySelector('input')?.focus(), FOCUS_AFTER_TRAP_MS);
    return () => clearTimeout(timer);
  }, []);

  const link = async () => {
    if (beneficiaryId === null) {
      refuse({ beneficiaryId: t('link.pickFirst') });
      return;
    }
    await submit(() => api['complaints.link']({ id: complaint.id, beneficiaryId }), { savedMessage: t('link.linked'), onSaved: onLinked });
  };

  return (
    <Modal opened onClose={onClose} title={t('link.title', { number: isolateLtr(complaint.number) })} size="lg">
      <CheckedForm onSave={link}>
        <Stack gap="md">
          <Text fz="sm">
            {complaint.personName} · <bdi>{complaint.subject}</bdi>
          </Text>
          <div ref={picker}>
            <BeneficiaryPicker
              label={t('link.beneficiary')}
              description={t('link.beneficiaryHint')}
              value={beneficiaryId}
              onChange={(id) => {
                setBeneficiaryId(id);
                clearError('beneficiaryId');
              }}
              error={errors.beneficiaryId}
            />
          </div>
          <Text fz="sm" c="dimmed">
            {t('link.intro')}
          </Text>
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('link.cancel')} saveLabel={t('link.save')} />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
