import { Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestTypeView } from '../../../electron/api/requests';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { Ltr } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';

/** The request catalog: names, whether an authority is needed, the target in working days. */
export function RequestTypesPanel() {
  const { t } = useTranslation('requests');
  const errorMessage = useErrorMessage();
  const [showInactive, setShowInactive] = useState(true);
  const types = useCall('requests.types', showInactive ? {} : { active: true });
  // null: closed; { type: null }: adding one.
  const [editing, setEditing] = useState<{ type: RequestTypeView | null } | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" maw={700}>
          {t('types.intro')}
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ type: null })}>
          {t('types.add')}
        </Button>
      </Group>
      <Checkbox label={t('types.showInactive')} checked={showInactive} onChange={(event) => setShowInactive(event.currentTarget.checked)} />
      {types.error ? (
        <Alert color="red" role="alert">
          {errorMessage(types.error)}
        </Alert>
      ) : null}
      <Paper withBorder radius="lg">
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('types.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('types.nameAr')}</Table.Th>
              <Table.Th>{t('types.nameEn')}</Table.Th>
              <Table.Th>{t('types.code')}</Table.Th>
              <Table.Th>{t('types.target')}</Table.Th>
              <Table.Th>{t('types.needsAuthority')}</Table.Th>
              <Table.Th>{t('types.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(types.data ?? []).map((type) => (
              <Table.Tr key={type.id}>
                <Table.Td fw={500}>{type.nameAr}</Table.Td>
                <Table.Td>
                  <Ltr>{type.nameEn}</Ltr>
                </Table.Td>
                <Table.Td>
                  <Ltr>{type.code}</Ltr>
                </Table.Td>
                <Table.Td>{t('workingDayCount', { count: type.targetWorkingDays })}</Table.Td>
                <Table.Td>{type.needsAuthority ? t('types.yes') : t('types.no')}</Table.Td>
                <Table.Td>
                  <Badge color={type.active ? 'teal' : 'gray'} variant="light">
                    {type.active ? t('types.active') : t('types.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPencil size={14} />}
                      aria-label={t('types.editAction', { name: type.nameAr })}
                      onClick={() => setEditing({ type })}
                    >
                      {t('types.edit')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {types.data && types.data.length === 0 ? (
          <Text c="dimmed" ta="center" p="lg">
            {t('types.empty')}
          </Text>
        ) : null}
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.type ? t('types.titleEdit') : t('types.titleAdd')}>
        {editing ? (
          <RequestTypeForm
            type={editing.type}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              types.reload();
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function RequestTypeForm({ type, onClose, onSaved }: { type: RequestTypeView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('requests');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({
    nameAr: type?.nameAr ?? '',
    nameEn: type?.nameEn ?? '',
    code: type?.code ?? '',
    needsAuthority: type?.needsAuthority ?? false,
    targetWorkingDays: (type?.targetWorkingDays ?? 10) as number | '',
    active: type?.active ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [field]: value }));

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api['requests.saveType']({
      id: type?.id ?? null,
      ...values,
      // An emptied box is sent as 0, so the refusal says it is out of range.
      targetWorkingDays: values.targetWorkingDays === '' ? 0 : values.targetWorkingDays,
    });
    setBusy(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('types.saved') });
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
        <TextInput label={t('types.nameAr')} value={values.nameAr} onChange={(event) => set('nameAr', event.currentTarget.value)} error={errors.nameAr} required data-autofocus />
        <TextInput label={t('types.nameEn')} dir="ltr" value={values.nameEn} onChange={(event) => set('nameEn', event.currentTarget.value)} error={errors.nameEn} required />
        <TextInput
          label={t('types.code')}
          description={t('types.codeHint')}
          dir="ltr"
          value={values.code}
          onChange={(event) => set('code', event.currentTarget.value)}
          error={errors.code}
        />
        <NumberInput
          label={t('types.target')}
          description={t('types.targetHint')}
          value={values.targetWorkingDays}
          onChange={(value) => set('targetWorkingDays', value === '' ? '' : Number(value))}
          min={1}
          max={365}
          allowDecimal={false}
          error={errors.targetWorkingDays}
          required
          maw={220}
        />
        <Switch label={t('types.needsAuthorityLabel')} checked={values.needsAuthority} onChange={(event) => set('needsAuthority', event.currentTarget.checked)} />
        <Switch label={t('types.activeLabel')} checked={values.active} onChange={(event) => set('active', event.currentTarget.checked)} />
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
