import { Alert, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BeneficiaryDetail } from '../../../electron/api/beneficiaries';
import { useSaveForm } from '../../api/use-save-form';
import { isolateLtr } from '../../lib/bidi';
import { CheckedForm } from '../../components/CheckedForm';
import { FormFooter } from '../../components/SaveForm';

/**
 * Destroying a person's personal data (the right to erasure): what goes and what stays is spelled
 * out, the reason is recorded, and the file number is typed again so the wrong file is never erased.
 */
export function EraseModal({ person, onClose, onErased }: { person: BeneficiaryDetail; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation('beneficiaries');
  const { values, set, errors, failure, busy, save } = useSaveForm('beneficiaries.erase', {
    initial: { reason: '', confirmFileNumber: '' },
    input: (typed) => ({ id: person.id, ...typed }),
    savedMessage: t('erase.done', { fileNumber: isolateLtr(person.fileNumber) }),
    onSaved: onErased,
  });

  return (
    <Modal opened onClose={onClose} title={t('erase.title')} size="lg">
      <CheckedForm onSave={save}>
        <Stack gap="md">
          <Alert color="red">{t('erase.explain')}</Alert>
          <Textarea
            label={t('erase.reason')}
            description={t('erase.reasonHint')}
            value={values.reason}
            onChange={(event) => set('reason', event.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={2}
            required
            data-autofocus
          />
          <TextInput
            label={t('erase.confirmFileNumber', { fileNumber: isolateLtr(person.fileNumber) })}
            value={values.confirmFileNumber}
            onChange={(event) => set('confirmFileNumber', event.currentTarget.value)}
            error={errors.confirmFileNumber}
            dir="ltr"
            required
            autoComplete="off"
          />
          <Text fz="sm" c="dimmed">
            {person.fullName}
          </Text>
          <FormFooter
            failure={failure}
            busy={busy}
            onCancel={onClose}
            cancelLabel={t('erase.cancel')}
            saveLabel={t('erase.submit')}
            saveColor="red"
            shortcutHint={false}
          />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
