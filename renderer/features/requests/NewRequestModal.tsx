import { Modal, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { useNameIn } from './labels';
import { ChoiceField } from '../../components/ChoiceField';
import { SaveForm } from '../../components/SaveForm';

/** Opens a request for a beneficiary, from their page or from the contact it came up in. */
export interface NewRequestModalProps {
  opened: boolean;
  onClose: () => void;
  beneficiaryId: string;
  sourceContactId?: string | null;
  onOpened?: (request: { id: string; number: string }) => void;
}

/** A fresh form: no type chosen yet, nothing asked. */
const EMPTY = { typeId: null as string | null, summary: '' };

/**
 * The type (with its target and whether an authority's permit is needed) and what is asked for;
 * Ctrl+Enter saves. The request is due after its type's target in working days.
 */
export function NewRequestModal({ opened, onClose, beneficiaryId, sourceContactId, onOpened }: NewRequestModalProps) {
  const { t } = useTranslation('requests');
  const nameIn = useNameIn();
  const errorMessage = useErrorMessage();
  const types = useCall('requests.types', opened ? { active: true } : null);
  const form = useSaveForm('requests.open', {
    initial: EMPTY,
    check: (values) => (values.typeId === null ? { typeId: t('errors:validation.required') } : null),
    // The type is checked above: never sent empty.
    input: (values) => ({ beneficiaryId, typeId: values.typeId ?? '', summary: values.summary, sourceContactId: sourceContactId ?? null }),
    savedMessage: (request) => t('new.opened', { number: request.number }),
    onSaved: (request) => {
      onOpened?.({ id: request.id, number: request.number });
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    // Each opening starts a fresh form.
    if (opened) {
      fill(EMPTY);
      clearError();
    }
  }, [opened, fill, clearError]);

  const chosen = types.data?.find((type) => type.id === values.typeId) ?? null;

  return (
    <Modal opened={opened} onClose={onClose} title={t('new.title')} size="lg">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('new.save')}>
        <ChoiceField
          label={t('new.type')}
          placeholder={t('new.typePlaceholder')}
          data={(types.data ?? []).map((type) => ({ value: type.id, label: `${nameIn(type)} — ${t('workingDayCount', { count: type.targetWorkingDays })}` }))}
          value={values.typeId}
          onChange={(typeId) => set('typeId', typeId)}
          searchable
          allowDeselect={false}
          error={errors.typeId}
          required
          data-autofocus
        />
        {chosen ? (
          <Text size="sm" c="dimmed">
            {t('new.targetHint', { days: t('workingDayCount', { count: chosen.targetWorkingDays }) })}
            {chosen.needsAuthority ? ` ${t('new.needsAuthorityHint')}` : ''}
          </Text>
        ) : null}
        <Textarea
          label={t('new.summary')}
          description={t('new.summaryHint')}
          value={values.summary}
          onChange={(event) => set('summary', event.currentTarget.value)}
          error={errors.summary}
          autosize
          minRows={3}
          required
        />
        {types.error ? <Text c="red">{errorMessage(types.error)}</Text> : null}
      </SaveForm>
    </Modal>
  );
}
