import { Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { WAIVER_DECISIONS, type EnrolmentFees, type WaiverDecision, type WaiverView } from '../../../electron/api/program-fees';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';
import { useRiyals } from './riyals';

/** A supervisor approves or refuses a waiver request, with a note, reading the officer's reason first. */
export function WaiverDecisionModal({
  waiver,
  onClose,
  onSaved,
}: {
  /** The request, from the enrolment's Fees card or from the supervisor's queue; null while closed. */
  waiver: Pick<WaiverView, 'id' | 'kind' | 'amount' | 'reason' | 'requestedBy'> | null;
  onClose: () => void;
  onSaved?: (fees: EnrolmentFees) => void;
}) {
  const { t } = useTranslation('program-fees');
  const riyals = useRiyals();
  const form = useSaveForm('programFees.decideWaiver', {
    initial: { decision: 'approved' as WaiverDecision, note: '' },
    input: (values) => ({ id: waiver?.id ?? '', decision: values.decision, note: values.note }),
    savedMessage: t('decisionDialog.saved'),
    onSaved: (saved) => {
      onSaved?.(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;
  const opened = waiver !== null;

  useEffect(() => {
    if (!opened) return;
    fill({ decision: 'approved', note: '' });
    clearError();
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('decisionDialog.title')} size="md">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('screen.cancel')} saveLabel={t('decisionDialog.save')}>
        {waiver ? (
          <Stack gap={4}>
            <Text fw={500}>
              {t(`kind.${waiver.kind}`)} · {riyals(waiver.amount)}
            </Text>
            <Text size="sm" dir="auto" w="fit-content">
              {waiver.reason}
            </Text>
            <Text size="xs" c="dimmed">
              {waiver.requestedBy.displayName}
            </Text>
          </Stack>
        ) : null}
        <SegmentedControl
          aria-label={t('decisionDialog.decisionLabel')}
          value={values.decision}
          onChange={(value) => set('decision', value as WaiverDecision)}
          data={WAIVER_DECISIONS.map((decision) => ({ value: decision, label: t(`decisionDialog.${decision}`) }))}
        />
        <Textarea label={t('decisionDialog.note')} value={values.note} onChange={(event) => set('note', event.currentTarget.value)} error={errors.note} autosize minRows={2} data-autofocus />
      </SaveForm>
    </Modal>
  );
}
