import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayView } from '../../../electron/api/requests';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { Shortcut } from '../../components/Shortcut';

/** Holidays: days off besides Friday and Saturday. */
export function HolidaysPanel() {
  const { t } = useTranslation('requests');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const holidays = useCall('holidays.list', {});
  // null: closed; { holiday: null }: adding one.
  const [editing, setEditing] = useState<{ holiday: HolidayView | null } | null>(null);
  const [removing, setRemoving] = useState<HolidayView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    if (!removing || busy) return;
    setBusy(true);
    const result = await api['holidays.remove']({ id: removing.id });
    setBusy(false);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    notifications.show({ color: 'teal', message: t('holidays.removed') });
    setRemoving(null);
    holidays.reload();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" maw={700}>
          {t('holidays.intro')}
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ holiday: null })}>
          {t('holidays.add')}
        </Button>
      </Group>
      {holidays.error ? (
        <Alert color="red" role="alert">
          {errorMessage(holidays.error)}
        </Alert>
      ) : null}
      <Paper withBorder radius="lg">
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('holidays.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('holidays.date')}</Table.Th>
              <Table.Th>{t('holidays.name')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(holidays.data ?? []).map((holiday) => (
              <Table.Tr key={holiday.id}>
                <Table.Td>
                  <DualDate date={holiday.date} />
                </Table.Td>
                <Table.Td fw={500}>{holiday.name}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPencil size={14} />}
                      aria-label={t('holidays.editAction', { name: holiday.name })}
                      onClick={() => setEditing({ holiday })}
                    >
                      {t('holidays.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      aria-label={t('holidays.removeAction', { name: holiday.name })}
                      onClick={() => {
                        setFailure(null);
                        setRemoving(holiday);
                      }}
                    >
                      {t('holidays.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {holidays.data && holidays.data.length === 0 ? (
          <Text c="dimmed" ta="center" p="lg">
            {t('holidays.empty')}
          </Text>
        ) : null}
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.holiday ? t('holidays.titleEdit') : t('holidays.titleAdd')}>
        {editing ? (
          <HolidayForm
            holiday={editing.holiday}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              holidays.reload();
            }}
          />
        ) : null}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('holidays.removeTitle')}>
        <Stack gap="md">
          <Text>{t('holidays.removeConfirm', { name: removing?.name ?? '' })}</Text>
          {removing ? <DualDate date={removing.date} /> : null}
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
              {t('cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void remove()}>
              {t('holidays.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function HolidayForm({ holiday, onClose, onSaved }: { holiday: HolidayView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({ date: holiday?.date ?? '', name: holiday?.name ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api['holidays.save']({ id: holiday?.id ?? null, ...values });
    setBusy(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('holidays.saved') });
      onSaved();
      return;
    }
    const fields = fieldErrors(result.error);
    setErrors(fields);
    setFailure(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
  };

  return (
    <form onSubmit={(event) => void save(event)} onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])} noValidate>
      <Stack gap="md">
        <DateField label={t('holidays.date')} value={values.date} onChange={(date) => setValues({ ...values, date })} error={errors.date} required data-autofocus />
        <TextInput label={t('holidays.name')} value={values.name} onChange={(event) => setValues({ ...values, name: event.currentTarget.value })} error={errors.name} required />
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('save')}
            <Shortcut keys={['Ctrl', 'Enter']} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
