import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '../../../electron/api/users';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { formatDualInstant } from '../../lib/dates';
import { UserModal, type UserModalMode } from './UserModal';

/** The administrator's list of accounts: roles, who is disabled or locked out, and the actions on each. */
export function UsersPage() {
  const { t, i18n } = useTranslation('users');
  const errorMessage = useErrorMessage();
  const users = useCall('users.list', {});
  const [modal, setModal] = useState<{ mode: UserModalMode; user: UserAccount | null } | null>(null);

  const statusOf = (user: UserAccount) => {
    if (!user.active) return <Badge color="gray">{t('status.disabled')}</Badge>;
    if (user.lockedUntil) {
      const time = formatDualInstant(user.lockedUntil, i18n.language as 'ar' | 'en').time;
      return <Badge color="red">{t('status.lockedOut', { time })}</Badge>;
    }
    if (user.mustChangePassword) return <Badge color="yellow">{t('status.mustChange')}</Badge>;
    return <Badge color="teal">{t('status.active')}</Badge>;
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2}>{t('title')}</Title>
          <Text c="dimmed">{t('intro')}</Text>
        </Stack>
        <Button leftSection={<IconUserPlus size={18} />} onClick={() => setModal({ mode: 'create', user: null })}>
          {t('add')}
        </Button>
      </Group>
      {users.error ? <Text c="red">{errorMessage(users.error)}</Text> : null}
      <Paper withBorder radius="lg">
        <ListTable
          verticalSpacing="sm"
          horizontalSpacing="md"
          label={t('title')}
          rows={users.data}
          rowKey={(user) => user.id}
          columns={[
            { header: t('columns.displayName'), cell: (user) => user.displayName, cellProps: { fw: 500 } },
            { header: t('columns.username'), cell: (user) => <Ltr>{user.username}</Ltr> },
            { header: t('columns.role'), cell: (user) => t(`session:menu.role.${user.role}`) },
            { header: t('columns.status'), cell: statusOf },
            { header: t('columns.lastSignIn'), cell: (user) => (user.lastSignInAt ? <DualDate instant={user.lastSignInAt} /> : <Text c="dimmed">{t('never')}</Text>) },
            {
              cell: (user) => (
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setModal({ mode: 'edit', user })} aria-label={`${t('editAction')} ${user.displayName}`}>
                    {t('editAction')}
                  </Button>
                  {user.active ? (
                    <Button size="xs" variant="subtle" leftSection={<IconKey size={14} />} onClick={() => setModal({ mode: 'reset', user })} aria-label={`${t('reset.action')} ${user.displayName}`}>
                      {t('reset.action')}
                    </Button>
                  ) : null}
                </Group>
              ),
            },
          ]}
        />
      </Paper>
      {modal ? (
        <UserModal
          mode={modal.mode}
          user={modal.user}
          onClose={() => setModal(null)}
          // The list reads again by itself after the save (see useCall).
          onSaved={() => setModal(null)}
        />
      ) : null}
    </Stack>
  );
}
