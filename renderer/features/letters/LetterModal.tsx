import { Alert, FileInput, Group, Modal, Paper, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LETTER_DIRECTIONS, type LetterDirection, type RegisterLetterInput } from '../../../electron/api/letters';
import { useApi } from '../../api/context';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { BeneficiaryPicker } from '../../components/BeneficiaryPicker';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/SaveForm';
import { codeDirection } from '../../../electron/api/bidi';
import { isolateCode, isolateLtr } from '../../lib/bidi';
import { todayInRiyadh } from '../../lib/dates';
import { ChosenScanName } from './ChosenScanName';
import { endsWithClosing } from './letter-template';
import { readScan, SCAN_ACCEPT } from './scan-files';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';

/** Registers an incoming or outgoing letter (with its scan), optionally for a beneficiary or a request. */
export interface LetterModalProps {
  opened: boolean;
  onClose: () => void;
  /** Prefilled and fixed when registering from a beneficiary's page or a request. */
  beneficiaryId?: string | null;
  requestId?: string | null;
  direction?: 'incoming' | 'outgoing';
  onRegistered?: (letter: { id: string; number: string }) => void;
}

export function LetterModal({ opened, onClose, direction, ...rest }: LetterModalProps) {
  const { t } = useTranslation('letters');
  // A fixed direction names the form; otherwise it is chosen inside it.
  const title = direction === 'outgoing' ? t('form.titleOutgoing') : direction === 'incoming' ? t('form.titleIncoming') : t('form.titleAny');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      {/* Mounted only while open, so every opening starts from an empty form. */}
      {opened ? <LetterForm onClose={onClose} fixedDirection={direction ?? null} {...rest} /> : null}
    </Modal>
  );
}

/** The fields a refusal can name and the form shows under an input. */
const SHOWN_FIELDS = ['number', 'letterDate', 'authorityId', 'beneficiaryId', 'requestId', 'subject', 'body', 'scan'] as const;

function LetterForm({
  onClose,
  fixedDirection,
  beneficiaryId: fixedBeneficiaryId = null,
  requestId: fixedRequestId = null,
  onRegistered,
}: Omit<LetterModalProps, 'opened' | 'direction'> & { fixedDirection: LetterDirection | null }) {
  const { t, i18n } = useTranslation('letters');
  const api = useApi();
  // A scan's problem is shown under the file, whichever part of it (name or bytes) the register named.
  const { submit, markError, clearError, errors, failure, busy } = useSubmit({
    fieldOf: (path) => (path.startsWith('scan') ? 'scan' : path),
    shownFields: SHOWN_FIELDS,
  });
  const authorities = useCall('authorities.list', {});
  const [direction, setDirection] = useState<LetterDirection>(fixedDirection ?? 'incoming');
  const [values, setValues] = useState({ number: '', letterDate: todayInRiyadh(), authorityId: null as string | null, subject: '', body: '' });
  // From the letters desk the officer names the person and their request; from a file or a request they are given.
  const [pickedBeneficiaryId, setPickedBeneficiaryId] = useState<string | null>(null);
  const [pickedRequestId, setPickedRequestId] = useState<string | null>(null);
  const beneficiaryId = fixedBeneficiaryId ?? pickedBeneficiaryId;
  const requestId = fixedRequestId ?? pickedRequestId;
  const personsRequests = useCall('requests.list', beneficiaryId === null || fixedRequestId !== null ? null : { beneficiaryId, limit: 50 });
  const [scan, setScan] = useState<{ file: File; fileName: string; contentBase64: string } | null>(null);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));
  const outgoing = direction === 'outgoing';
  // The letter prints in Arabic whatever the officer's language: its template is shown as it prints.
  const printed = i18n.getFixedT('ar', 'letters');
  const template = { opening: printed('document.greeting'), closing: printed('document.closing') };
  const closingTypedAgain = outgoing && endsWithClosing(values.body, template.closing);

  const chooseScan = async (file: File | null) => {
    clearError('scan');
    if (file === null) {
      setScan(null);
      return;
    }
    const reading = await readScan(file);
    if (!reading.ok) {
      setScan(null);
      const messages = { empty: t('form.scanEmpty'), tooLarge: t('form.scanTooLarge'), unreadable: t('form.scanUnreadable') };
      markError('scan', messages[reading.problem]);
      return;
    }
    setScan({ file, fileName: reading.fileName, contentBase64: reading.contentBase64 });
  };

  const save = async () => {
    const input: RegisterLetterInput = {
      direction,
      number: outgoing ? null : values.number,
      letterDate: values.letterDate,
      authorityId: values.authorityId,
      subject: values.subject,
      body: outgoing ? values.body : null,
      beneficiaryId,
      requestId,
      scan: scan ? { fileName: scan.fileName, contentBase64: scan.contentBase64 } : null,
    };
    await submit(() => api['letters.register'](input), {
      savedMessage: (letter) => t('form.saved', { number: isolateCode(letter.number) }),
      onSaved: (letter) => {
        if (onRegistered) onRegistered({ id: letter.id, number: letter.number });
        else onClose();
      },
    });
  };

  const authorityOptions = (authorities.data ?? []).map((authority) => ({ value: authority.id, label: authority.nameAr }));

  return (
    <CheckedForm onSave={save}>
      <Stack gap="md">
        {fixedDirection === null ? (
          <SegmentedControl
            fullWidth
            aria-label={t('form.direction')}
            data={LETTER_DIRECTIONS.map((value) => ({ value, label: t(`direction.${value}`) }))}
            value={direction}
            onChange={(value) => setDirection(value as LetterDirection)}
          />
        ) : null}
        {fixedBeneficiaryId !== null || fixedRequestId !== null ? (
          <Text fz="sm" c="dimmed">
            {[fixedBeneficiaryId !== null ? t('form.linkedBeneficiary') : null, fixedRequestId !== null ? t('form.linkedRequest') : null].filter(Boolean).join(' ')}
          </Text>
        ) : null}
        <Group grow align="flex-start">
          {outgoing ? (
            <Alert color="wasl" variant="light" p="xs">
              <Text fz="sm">{t('form.outgoingNumber')}</Text>
            </Alert>
          ) : (
            <TextInput
              label={t('form.number')}
              description={t('form.numberHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={values.number}
              onChange={(event) => set('number', event.currentTarget.value)}
              error={errors.number}
              dir={codeDirection(values.number)}
              required
              data-autofocus
            />
          )}
          <DateField label={t('form.letterDate')} value={values.letterDate} onChange={(date) => set('letterDate', date)} error={errors.letterDate} required />
        </Group>
        <ChoiceField
          label={outgoing ? t('form.authorityOutgoing') : t('form.authorityIncoming')}
          description={beneficiaryId !== null ? t('form.authorityForPerson') : undefined}
          placeholder={t('form.authorityPlaceholder')}
          data={authorityOptions}
          value={values.authorityId}
          onChange={(value) => set('authorityId', value)}
          searchable
          clearable
          nothingFoundMessage={t('form.noAuthorityFound')}
          error={errors.authorityId}
          required={beneficiaryId === null}
        />
        {fixedBeneficiaryId === null ? (
          <BeneficiaryPicker
            label={t('form.beneficiary')}
            description={t('form.beneficiaryHint')}
            value={pickedBeneficiaryId}
            onChange={(id) => {
              setPickedBeneficiaryId(id);
              setPickedRequestId(null);
            }}
            error={errors.beneficiaryId}
          />
        ) : null}
        {fixedRequestId === null && beneficiaryId !== null ? (
          <ChoiceField
            label={t('form.request')}
            placeholder={t('form.requestPlaceholder')}
            data={(personsRequests.data?.rows ?? []).map((request) => ({
              value: request.id,
              label: `${isolateLtr(request.number)} — ${i18n.language === 'en' ? request.type.nameEn : request.type.nameAr}`,
            }))}
            value={pickedRequestId}
            onChange={setPickedRequestId}
            clearable
            error={errors.requestId}
          />
        ) : null}
        <TextInput
          label={t('form.subject')}
          value={values.subject}
          onChange={(event) => set('subject', event.currentTarget.value)}
          error={errors.subject}
          required
          data-autofocus={outgoing ? true : undefined}
        />
        {outgoing ? (
          <Stack gap={6}>
            <TemplateText label={t('form.templateOpening')} text={template.opening} />
            <Textarea
              label={t('form.body')}
              description={t('form.bodyHint')}
              value={values.body}
              onChange={(event) => set('body', event.currentTarget.value)}
              error={errors.body}
              autosize
              minRows={6}
              maxRows={16}
            />
            {closingTypedAgain ? (
              <Alert color="yellow" role="alert" p="xs">
                <Text fz="sm">{t('form.closingTyped')}</Text>
              </Alert>
            ) : null}
            <TemplateText label={t('form.templateClosing')} text={template.closing} />
          </Stack>
        ) : null}
        <FileInput
          label={t('form.scan')}
          description={t('form.scanHint')}
          placeholder={t('form.scanPlaceholder')}
          accept={SCAN_ACCEPT}
          value={scan?.file ?? null}
          valueComponent={ChosenScanName}
          onChange={(file) => void chooseScan(file)}
          error={errors.scan}
          leftSection={<IconPaperclip size={16} />}
          clearable
        />
        <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('form.cancel')} saveLabel={t('form.save')} />
      </Stack>
    </CheckedForm>
  );
}

/**
 * A part of the letter the template prints by itself, shown where it will stand and not editable, so
 * that it is not typed again.
 */
function TemplateText({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation('letters');
  return (
    <Paper role="note" aria-label={label} withBorder radius="sm" px="sm" py={6} bg="var(--mantine-color-gray-0)">
      <Text fz="xs" c="dimmed">
        {label} · {t('form.templateNote')}
      </Text>
      <Text fz="sm" lang="ar" dir="rtl">
        {text}
      </Text>
    </Paper>
  );
}
