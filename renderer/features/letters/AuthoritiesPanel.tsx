import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthorityView } from '../../../electron/api/letters';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { Ltr } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';

/** The authorities letters are sent to and received from. */
export function AuthoritiesPanel() {
  const { t } = useTranslation('letters');
  const errorMessage = useErrorMessage();
  const [showInactive, setShowInactive] = useState(true);
  const authorities = useCall('authorities.list', { includeInactive: showInactive });
  // null: closed; { authority: null }: adding one.
  const [editing, setEditing] = useState<{ authority: AuthorityView | null } | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" maw={700}>
          {t('authorities.intro')}
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ authority: null })}>
          {t('authorities.add')}
        </Button>
      </Group>
      <Checkbox label={t('authorities.showInactive')} checked={showInactive} onChange={(event) => setShowInactive(event.currentTarget.checked)} />
      {authorities.error ? (
        <Alert color="red" role="alert">
          {errorMessage(authorities.error)}
        </Alert>
      ) : null}
      <Paper withBorder radius="lg">
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('authorities.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('authorities.nameAr')}</Table.Th>
              <Table.Th>{t('authorities.nameEn')}</Table.Th>
              <Table.Th>{t('authorities.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(authorities.data ?? []).map((authority) => (
              <Table.Tr key={authority.id}>
                <Table.Td fw={500}>{authority.nameAr}</Table.Td>
                <Table.Td>{authority.nameEn ? <Ltr>{authority.nameEn}</Ltr> : null}</Table.Td>
                <Table.Td>
                  <Badge color={authority.active ? 'teal' : 'gray'} variant="light">
                    {authority.active ? t('authorities.active') : t('authorities.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPencil size={14} />}
                      aria-label={t('authorities.editAction', { name: authority.nameAr })}
                      onClick={() => setEditing({ authority })}
                    >
                      {t('authorities.edit')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {authorities.data && authorities.data.length === 0 ? (
          <Text c="dimmed" ta="center" p="lg">
            {t('authorities.empty')}
          </Text>
        ) : null}
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.authority ? t('authorities.titleEdit') : t('authorities.titleAdd')}
      >
        {editing ? (
          <AuthorityForm
            authority={editing.authority}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              authorities.reload();
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function AuthorityForm({ authority, onClose, onSaved }: { authority: AuthorityView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('letters');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({ nameAr: authority?.nameAr ?? '', nameEn: authority?.nameEn ?? '', active: authority?.active ?? true });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api['authorities.save']({ id: authority?.id ?? null, ...values });
    setBusy(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: t('authorities.saved') });
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
        <TextInput
          label={t('authorities.nameAr')}
          value={values.nameAr}
          onChange={(event) => setValues({ ...values, nameAr: event.currentTarget.value })}
          error={errors.nameAr}
          required
          data-autofocus
        />
        <TextInput
          label={t('authorities.nameEn')}
          value={values.nameEn}
          onChange={(event) => setValues({ ...values, nameEn: event.currentTarget.value })}
          error={errors.nameEn}
          dir="ltr"
        />
        <Switch
          label={t('authorities.activeLabel')}
          checked={values.active}
          onChange={(event) => setValues({ ...values, active: event.currentTarget.checked })}
        />
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('authorities.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('authorities.save')}
            <Shortcut keys={['Ctrl', 'Enter']} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
