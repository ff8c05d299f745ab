import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayView } from '../../../electron/api/requests';
import { useApi } from '../../api/context';
import { useCall } from '../../api/use-call';
import { useSaveForm, useSubmit } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { SaveForm } from '../../components/SaveForm';
import { CatalogPanel, type CatalogFormProps } from '../catalog/CatalogPanel';

/** Holidays: days off besides Friday and Saturday. Unlike the other lists, a holiday can be removed. */
export function HolidaysPanel() {
  const { t } = useTranslation('requests');
  const api = useApi();
  const holidays = useCall('holidays.list', {});
  const [removing, setRemoving] = useState<HolidayView | null>(null);
  // A button with no fields of its own: its refusal is always said above it.
  const removal = useSubmit({ failureWithFields: true });

  const remove = async () => {
    if (!removing) return;
    await removal.submit(() => api['holidays.remove']({ id: removing.id }), {
      savedMessage: t('holidays.removed'),
      // The list reads again by itself after the removal (see useCall).
      onSaved: () => setRemoving(null),
    });
  };

  return (
    <CatalogPanel
      list={holidays}
      intro={t('holidays.intro')}
      addLabel={t('holidays.add')}
      label={t('holidays.title')}
      columns={[
        { header: t('holidays.date'), cell: (holiday) => <DualDate date={holiday.date} /> },
        { header: t('holidays.name'), cell: (holiday) => holiday.name, cellProps: { fw: 500 } },
      ]}
      editLabel={t('holidays.edit')}
      editActionLabel={(holiday) => t('holidays.editAction', { name: holiday.name })}
      moreActions={(holiday) => (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          aria-label={t('holidays.removeAction', { name: holiday.name })}
          onClick={() => {
            removal.clearError();
            setRemoving(holiday);
          }}
        >
          {t('holidays.remove')}
        </Button>
      )}
      empty={t('holidays.empty')}
      formTitle={(holiday) => (holiday ? t('holidays.titleEdit') : t('holidays.titleAdd'))}
      form={HolidayForm}
    >
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('holidays.removeTitle')}>
        <Stack gap="md">
          <Text>{t('holidays.removeConfirm', { name: removing?.name ?? '' })}</Text>
          {removing ? <DualDate date={removing.date} /> : null}
          {removal.failure ? (
            <Alert color="red" role="alert">
              {removal.failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
              {t('cancel')}
            </Button>
            <Button color="red" loading={removal.busy} onClick={() => void remove()}>
              {t('holidays.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </CatalogPanel>
  );
}

function HolidayForm({ record: holiday, onClose, onSaved }: CatalogFormProps<HolidayView>) {
  const { t } = useTranslation('requests');
  const form = useSaveForm('holidays.save', {
    initial: { date: holiday?.date ?? '', name: holiday?.name ?? '' },
    input: (values) => ({ id: holiday?.id ?? null, ...values }),
    savedMessage: t('holidays.saved'),
    onSaved,
  });
  const { values, set, errors } = form;

  return (
    <SaveForm form={form} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('save')}>
      <DateField label={t('holidays.date')} value={values.date} onChange={(date) => set('date', date)} error={errors.date} required data-autofocus />
      <TextInput label={t('holidays.name')} value={values.name} onChange={(event) => set('name', event.currentTarget.value)} error={errors.name} required />
    </SaveForm>
  );
}
