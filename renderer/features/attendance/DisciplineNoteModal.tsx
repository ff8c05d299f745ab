import { Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCIPLINE_KINDS, type DisciplineKind, type EnrolmentAttendance } from '../../../electron/api/attendance';
import { useSaveForm } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { SaveForm } from '../../components/SaveForm';
import { todayInRiyadh } from '../../lib/dates';

/**
 * Records a warning or a note on a person's discipline in a program: what happened and the day it
 * did (today unless changed). Notes are only ever added; a dismissal is a supervisor's, on the enrolment.
 */
export function DisciplineNoteModal({
  line,
  onClose,
  onSaved,
}: {
  /** The person's enrolment; null while the dialog is closed. */
  line: { enrolmentId: string; beneficiary: { fullName: string } } | null;
  onClose: () => void;
  onSaved: (attendance: EnrolmentAttendance) => void;
}) {
  const { t } = useTranslation('attendance');
  const blank = { kind: 'warning' as DisciplineKind, whatHappened: '', occurredOn: todayInRiyadh() };
  const form = useSaveForm('attendance.addDisciplineNote', {
    initial: blank,
    input: (values) => ({ enrolmentId: line?.enrolmentId ?? '', ...values }),
    savedMessage: t('discipline.saved'),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;
  const opened = line !== null;

  useEffect(() => {
    if (!opened) return;
    fill({ kind: 'warning', whatHappened: '', occurredOn: todayInRiyadh() });
    clearError();
  }, [opened, fill, clearError]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('discipline.title')} size="md">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('screen.cancel')} saveLabel={t('discipline.save')}>
        <Stack gap="sm">
          <Text fw={500} dir="auto">
            {line?.beneficiary.fullName}
          </Text>
          <SegmentedControl
            aria-label={t('discipline.kindLabel')}
            value={values.kind}
            onChange={(value) => set('kind', value as DisciplineKind)}
            data={DISCIPLINE_KINDS.map((kind) => ({ value: kind, label: t(`discipline.kind.${kind}`) }))}
          />
          <Textarea
            label={t('discipline.whatHappened')}
            value={values.whatHappened}
            onChange={(event) => set('whatHappened', event.currentTarget.value)}
            error={errors.whatHappened}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          <DateField label={t('discipline.occurredOnLabel')} value={values.occurredOn} onChange={(date) => set('occurredOn', date)} error={errors.occurredOn} required />
        </Stack>
      </SaveForm>
    </Modal>
  );
}
