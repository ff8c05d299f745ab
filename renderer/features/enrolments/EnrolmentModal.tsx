import { Alert, Badge, Button, Group, Loader, Modal, NumberInput, Stack, Stepper, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCertificate, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enrolmentWorkflow, type EnrolmentDetail, type EnrolmentEventAction, type EnrolmentOffer } from '../../../electron/api/enrolments';
import { todayInRiyadh } from '../../../electron/api/fields/riyadh-date';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { Fact } from '../../components/Fact';
import { FormFooter } from '../../components/SaveForm';
import { saveFile } from '../../lib/save-file';
import { STAGE_COLORS, useProgramName } from './labels';
import { EnrolmentAttendanceCard } from '../attendance/EnrolmentAttendanceCard';
import { EnrolmentFeesCard } from '../program-fees/EnrolmentFeesCard';
import { SatisfactionBlock } from '../satisfaction/SatisfactionBlock';

/** What a move asks for besides the enrolment: all of it in one form, each move reading its own fields. */
interface MoveValues {
  interviewOn: string;
  interviewerId: string | null;
  result: string | null;
  notes: string;
  reason: string;
  position: number | string;
  overrideReason: string;
}

/** The moves whose reason is required, and the one where it may be left out. */
const NEEDS_REASON: readonly EnrolmentOffer[] = ['decline', 'dismiss', 'reorder'];

/**
 * One enrolment: its program and person, the stepper of its path, the interview and decision, its
 * steps, and the moves the reader may make now (from the record), each with its own few fields; Ctrl+
 * Enter saves the move, Esc closes. A program with an interview prints its form.
 */
export function EnrolmentModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('enrolments');
  const errorMessage = useErrorMessage();
  const api = useApi();
  const programName = useProgramName();
  const [printingCertificate, setPrintingCertificate] = useState(false);
  const enrolment = useCall('enrolments.get', { id });
  const [move, setMove] = useState<EnrolmentOffer | null>(null);
  const detail = enrolment.data;

  const printForm = async () => {
    const result = await api['enrolments.interviewForm']({ id });
    if (!result.ok) {
      notifications.show({ color: 'red', message: errorMessage(result.error) });
      return;
    }
    saveFile(result.value);
  };

  const printCertificate = async () => {
    setPrintingCertificate(true);
    const result = await api['enrolments.certificate']({ id, language: i18n.language === 'en' ? 'en' : 'ar' });
    setPrintingCertificate(false);
    if (!result.ok) {
      notifications.show({ color: 'red', message: errorMessage(result.error) });
      return;
    }
    saveFile(result.value);
    // Isolated left to right: the number's dashes keep their places inside an Arabic sentence.
    notifications.show({ color: 'teal', message: t('certificate.printed', { number: `\u2066${result.value.verificationNumber}\u2069` }) });
  };

  return (
    <Modal opened onClose={onClose} title={detail ? `${detail.beneficiary.fullName} — ${programName(detail.program)}` : t('title')} size="xl">
      {enrolment.error ? <Text c="red">{errorMessage(enrolment.error)}</Text> : null}
      {detail === null ? (
        <Loader />
      ) : (
        <Stack gap="md">
          <Stepper active={detail.stage === detail.path.at(-1) ? detail.path.length : detail.path.indexOf(detail.stage) + 1} size="xs" allowNextStepsSelect={false}>
            {detail.path.map((stage) => (
              <Stepper.Step key={stage} label={t(`stage.${stage}`)} />
            ))}
          </Stepper>
          <Group gap="lg" align="flex-start">
            <Fact label={t('person.stage')}>
              <Badge variant="light" color={STAGE_COLORS[detail.stage]}>
                {t(`stage.${detail.stage}`)}
              </Badge>
            </Fact>
            <Fact label={t('person.appliedAt')}>
              <DualDate instant={detail.appliedAt} />
            </Fact>
            {detail.interviewOn ? (
              <Fact label={t('dialog.interviewOn')}>
                <DualDate date={detail.interviewOn} />
              </Fact>
            ) : null}
            {detail.interviewer ? <Fact label={t('dialog.interviewer')}>{detail.interviewer.displayName}</Fact> : null}
            {detail.interviewResult ? <Fact label={t('dialog.result')}>{t(`result.${detail.interviewResult}`)}</Fact> : null}
          </Group>
          {detail.interviewNotes ? <Fact label={t('dialog.notes')}>{detail.interviewNotes}</Fact> : null}
          {detail.decisionReason ? <Fact label={t('dialog.reason')}>{detail.decisionReason}</Fact> : null}
          {detail.conditionsOverride ? (
            <Fact label={t('picker.overrideReason')}>
              {detail.conditionsOverride.reason ?? '—'} — {detail.conditionsOverride.approvedBy.displayName}
            </Fact>
          ) : null}
          <EnrolmentAttendanceCard enrolmentId={detail.id} fullName={detail.beneficiary.fullName} />
          <EnrolmentFeesCard enrolmentId={detail.id} />
          <Timeline bulletSize={14} lineWidth={2}>
            {detail.events.map((event) => (
              <Timeline.Item key={event.id} title={t(`event.${event.action}`)}>
                <Text fz="xs" c="dimmed">
                  <DualDate instant={event.at} /> · {event.actor.displayName}
                </Text>
                {event.note ? (
                  <Text fz="sm" dir="auto" w="fit-content">
                    {event.note}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
          {move === null ? (
            <Group gap="xs">
              {detail.allowedMoves.map((offer, index) => (
                <Button key={offer} variant={index === 0 ? 'filled' : 'default'} onClick={() => setMove(offer)} data-autofocus={index === 0 ? true : undefined}>
                  {t(`move.${offer}`)}
                </Button>
              ))}
              {detail.stage === 'completed' ? (
                <Button
                  leftSection={<IconCertificate size={16} />}
                  onClick={() => void printCertificate()}
                  loading={printingCertificate}
                  // A completed enrolment has no move left: printing its certificate is what comes next,
                  // whether the dialog opens on it or it has just been completed.
                  data-autofocus
                  autoFocus
                >
                  {t('certificate.print')}
                </Button>
              ) : null}
              {detail.path.includes('interviewed') ? (
                <Button variant="subtle" leftSection={<IconPrinter size={16} />} onClick={() => void printForm()}>
                  {t('dialog.printForm')}
                </Button>
              ) : null}
            </Group>
          ) : (
            <MoveForm
              detail={detail}
              move={move}
              onCancel={() => setMove(null)}
              onDone={() => {
                setMove(null);
                enrolment.reload();
              }}
            />
          )}
          {detail.stage === 'completed' ? <SatisfactionBlock offeredCase={{ enrolmentId: detail.id }} /> : null}
        </Stack>
      )}
    </Modal>
  );
}

function MoveForm({ detail, move, onCancel, onDone }: { detail: EnrolmentDetail; move: EnrolmentOffer; onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation('enrolments');
  const api = useApi();
  const staff = useCall('complaints.staffOptions', move === 'scheduleInterview' ? {} : null);
  // Completing is held to the program's attendance rule: where it is not met, a supervisor says why.
  const attendance = useCall('attendance.ofEnrolment', move === 'complete' ? { enrolmentId: detail.id } : null);
  const ruleUnmet = move === 'complete' && attendance.data !== null && !attendance.data.summary.ruleMet;
  const [values, setValues] = useState<MoveValues>({
    interviewOn: detail.interviewOn ?? todayInRiyadh(new Date()),
    interviewerId: null,
    result: null,
    notes: '',
    reason: '',
    position: 1,
    overrideReason: '',
  });
  const set = <K extends keyof MoveValues>(field: K, value: MoveValues[K]) => setValues((current) => ({ ...current, [field]: value }));
  const submit = useSubmit();
  const { id } = detail;

  const send = () => {
    switch (move) {
      case 'scheduleInterview':
        return api['enrolments.scheduleInterview']({ id, interviewOn: values.interviewOn, interviewerId: values.interviewerId ?? '', note: values.notes });
      case 'recordInterview':
        return api['enrolments.recordInterview']({ id, result: (values.result ?? '') as 'passed', notes: values.notes });
      case 'decline':
        return api['enrolments.decline']({ id, reason: values.reason });
      case 'dismiss':
        return api['enrolments.dismiss']({ id, reason: values.reason });
      case 'withdraw':
        return api['enrolments.withdraw']({ id, reason: values.reason });
      case 'reorder':
        return api['enrolments.reorder']({ id, position: Number(values.position), reason: values.reason });
      case 'complete':
        return api['enrolments.complete']({ id, note: values.notes, overrideReason: ruleUnmet ? values.overrideReason : null });
      default:
        return api[`enrolments.${move}`]({ id, note: values.notes });
    }
  };
  const save = () => submit.submit<unknown>(send, { savedMessage: t(`event.${eventOf(move)}`), onSaved: onDone });

  return (
    <CheckedForm onSave={save}>
      <Stack gap="sm">
        <Text fw={600}>{t(`move.${move}`)}</Text>
        {move === 'scheduleInterview' ? (
          <>
            <DateField label={t('dialog.interviewOn')} value={values.interviewOn} onChange={(date) => set('interviewOn', date)} error={submit.errors.interviewOn} required />
            <ChoiceField
              label={t('dialog.interviewer')}
              data={(staff.data ?? []).map((account) => ({ value: account.id, label: account.displayName }))}
              value={values.interviewerId}
              onChange={(value) => set('interviewerId', value)}
              searchable
              error={submit.errors.interviewerId}
              required
              // The date is today unless changed: the officer names the interviewer first.
              autoFocus
            />
          </>
        ) : null}
        {move === 'recordInterview' ? (
          <ChoiceField
            label={t('dialog.result')}
            data={(['passed', 'not_passed'] as const).map((value) => ({ value, label: t(`result.${value}`) }))}
            value={values.result}
            onChange={(value) => set('result', value)}
            error={submit.errors.result}
            required
            autoFocus
          />
        ) : null}
        {move === 'reorder' ? (
          <NumberInput label={t('dialog.position')} min={1} value={values.position} onChange={(value) => set('position', value)} error={submit.errors.position} required autoFocus />
        ) : null}
        {ruleUnmet && attendance.data ? (
          <>
            <Alert color="orange" variant="light">
              <Text fz="sm">{t('completion.ruleNotMet')}</Text>
              <Text fz="sm" fw={600}>
                {attendance.data.summary.ruleInWords[i18n.language === 'en' ? 'en' : 'ar']}
              </Text>
              <Text fz="sm">
                {t('completion.figures', {
                  rate: attendance.data.summary.ratePercent ?? '—',
                  unexcused: attendance.data.summary.unexcused,
                })}
              </Text>
            </Alert>
            <Textarea
              label={t('completion.overrideReason')}
              description={t('completion.overrideHint')}
              value={values.overrideReason}
              onChange={(event) => set('overrideReason', event.currentTarget.value)}
              error={submit.errors.overrideReason}
              required
              autosize
              minRows={2}
              autoFocus
            />
          </>
        ) : null}
        {NEEDS_REASON.includes(move) || move === 'withdraw' ? (
          <Textarea
            label={t('dialog.reason')}
            value={values.reason}
            onChange={(event) => set('reason', event.currentTarget.value)}
            error={submit.errors.reason}
            required={NEEDS_REASON.includes(move)}
            autosize
            minRows={2}
            autoFocus={move !== 'reorder'}
          />
        ) : (
          <Textarea
            label={move === 'recordInterview' ? t('dialog.notes') : t('dialog.note')}
            value={values.notes}
            onChange={(event) => set('notes', event.currentTarget.value)}
            error={submit.errors.notes ?? submit.errors.note}
            autosize
            minRows={2}
            autoFocus={move !== 'recordInterview' && move !== 'scheduleInterview' && !ruleUnmet}
          />
        )}
        <FormFooter failure={submit.failure} busy={submit.busy} onCancel={onCancel} cancelLabel={t('dialog.cancel')} saveLabel={t('dialog.save')} />
      </Stack>
    </CheckedForm>
  );
}

/** The event a move records, for the sentence that says it was saved: the workflow's own action. */
function eventOf(move: EnrolmentOffer): EnrolmentEventAction {
  return move === 'reorder' ? 'reordered' : enrolmentWorkflow.moves[move].action;
}
