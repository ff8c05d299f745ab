import { Checkbox, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EligibilityCriteria } from '../../../electron/api/eligibility';
import { useApi } from '../../api/context';
import { useSubmit } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';

const CRITERIA: (keyof EligibilityCriteria)[] = ['inScope', 'legalResident', 'receivesServices'];

interface Props {
  beneficiaryId: string;
  opened: boolean;
  onClose: () => void;
  onRecorded: () => void;
}

/** The policy's three criteria, one by one, then the outcome and its reason. */
export function EligibilityDecisionModal({ beneficiaryId, opened, onClose, onRecorded }: Props) {
  const { t } = useTranslation('eligibility');
  const api = useApi();
  const { submit, clearError, errors, failure, busy } = useSubmit({ failureWithFields: true });
  const [criteria, setCriteria] = useState<EligibilityCriteria>({ inScope: false, legalResident: false, receivesServices: false });
  const [outcome, setOutcome] = useState<'eligible' | 'not_eligible'>('not_eligible');
  const [outcomeTouched, setOutcomeTouched] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (!opened) return;
    setCriteria({ inScope: false, legalResident: false, receivesServices: false });
    setOutcome('not_eligible');
    setOutcomeTouched(false);
    setReason('');
    clearError();
  }, [opened, clearError]);

  const allMet = CRITERIA.every((criterion) => criteria[criterion]);
  // The outcome follows the criteria until the officer picks it; the app refuses a contradiction anyway.
  const shownOutcome = outcomeTouched ? outcome : allMet ? 'eligible' : 'not_eligible';

  const save = () =>
    submit(() => api['eligibility.record']({ beneficiaryId, ...criteria, outcome: shownOutcome, reason }), {
      onSaved: () => {
        onRecorded();
        onClose();
      },
    });

  return (
    <Modal opened={opened} onClose={onClose} title={t('modalTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <SaveForm form={{ save, failure, busy }} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('save')}>
        <Text c="dimmed" fz="sm">
          {t('policyNote')}
        </Text>
        {CRITERIA.map((criterion, index) => (
          <Checkbox
            key={criterion}
            data-autofocus={index === 0 ? true : undefined}
            label={t(`criteria.${criterion}`)}
            description={t(`criteriaHelp.${criterion}`)}
            checked={criteria[criterion]}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              setCriteria((current) => ({ ...current, [criterion]: checked }));
            }}
          />
        ))}
        <Stack gap={4}>
          <Text fz="sm" fw={500}>
            {t('outcome')}
          </Text>
          <SegmentedControl
            aria-label={t('outcome')}
            value={shownOutcome}
            onChange={(value) => {
              setOutcomeTouched(true);
              setOutcome(value as 'eligible' | 'not_eligible');
            }}
            data={[
              { value: 'eligible', label: t('outcomes.eligible') },
              { value: 'not_eligible', label: t('outcomes.not_eligible') },
            ]}
          />
          {errors.outcome ? (
            <Text c="red" fz="xs">
              {errors.outcome}
            </Text>
          ) : null}
        </Stack>
        <Textarea
          label={t('reason')}
          description={shownOutcome === 'not_eligible' ? t('reasonRequired') : t('reasonOptional')}
          required={shownOutcome === 'not_eligible'}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={errors.reason}
        />
      </SaveForm>
    </Modal>
  );
}
