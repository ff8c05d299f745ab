import { Alert, Modal, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentDetail, OpenProgram } from '../../../electron/api/enrolments';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { ChoiceField } from '../../components/ChoiceField';
import { SaveForm } from '../../components/SaveForm';
import { useSession } from '../session/session-context';
import { useProgramName } from './labels';

export interface EnrolModalProps {
  opened: boolean;
  beneficiaryId: string;
  onClose: () => void;
  onEnrolled: (enrolment: EnrolmentDetail) => void;
}

const EMPTY = { programId: null as string | null, overrideReason: '' };

/**
 * Enrols a person from their file in a few keystrokes: the programs open for applications are listed
 * with their places and whether they have an interview; typing narrows them, Enter picks one and
 * Ctrl+Enter enrols. A program the person does not meet the conditions of says which; a supervisor may
 * enrol them all the same with the reason, which the enrolment keeps.
 */
export function EnrolModal({ opened, beneficiaryId, onClose, onEnrolled }: EnrolModalProps) {
  const { t } = useTranslation('enrolments');
  const errorMessage = useErrorMessage();
  const session = useSession();
  const programName = useProgramName();
  const programs = useCall('enrolments.openFor', opened ? { beneficiaryId } : null, { followChanges: false });
  const form = useSaveForm('enrolments.apply', {
    initial: EMPTY,
    check: (values) => (values.programId === null ? { programId: t('errors:validation.required') } : null),
    input: (values) => ({ programId: values.programId ?? '', beneficiaryId, overrideReason: values.overrideReason }),
    savedMessage: t('picker.applied'),
    onSaved: (enrolment) => {
      onEnrolled(enrolment);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    // Each opening starts afresh.
    if (opened) {
      fill(EMPTY);
      clearError();
    }
  }, [opened, fill, clearError]);

  const chosen: OpenProgram | null = programs.data?.find((program) => program.id === values.programId) ?? null;
  const conditionsOf = (program: OpenProgram) => program.unmet.map((condition) => t(`condition.${condition}`)).join('، ');
  const optionLabel = (program: OpenProgram) =>
    [
      programName(program),
      t('picker.places', { taken: program.placesTaken, capacity: program.capacity }),
      program.hasInterview ? t('picker.interview') : null,
      program.enrolled ? t('picker.enrolled') : null,
      program.unmet.length > 0 ? t('picker.unmet', { conditions: conditionsOf(program) }) : null,
    ]
      .filter((part) => part !== null)
      .join(' — ');

  return (
    <Modal opened={opened} onClose={onClose} title={t('picker.title')} size="lg">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('dialog.cancel')} saveLabel={t('picker.apply')}>
        {programs.data !== null && programs.data.length === 0 ? <Text c="dimmed">{t('picker.none')}</Text> : null}
        <ChoiceField
          label={t('person.program')}
          placeholder={t('picker.search')}
          data={(programs.data ?? []).map((program) => ({ value: program.id, label: optionLabel(program), disabled: program.enrolled }))}
          value={values.programId}
          onChange={(programId) => set('programId', programId)}
          searchable
          error={errors.programId}
          required
          data-autofocus
        />
        {chosen !== null && chosen.unmet.length > 0 ? (
          <>
            <Alert color="yellow">{t('picker.overrideHint')}</Alert>
            {session.can('enrolments.supervise') ? (
              <Textarea
                label={t('picker.overrideReason')}
                value={values.overrideReason}
                onChange={(event) => set('overrideReason', event.currentTarget.value)}
                error={errors.overrideReason}
                autosize
                minRows={2}
              />
            ) : null}
          </>
        ) : null}
        {programs.error ? <Text c="red">{errorMessage(programs.error)}</Text> : null}
      </SaveForm>
    </Modal>
  );
}
