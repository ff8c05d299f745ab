import { Alert, Badge, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconServer2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeDesksView } from '../../../electron/api/office';
import type { OfficeDesk } from '../../../electron/api/sync/office';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { CheckedForm } from '../../components/CheckedForm';
import { DualDate } from '../../components/DualDate';
import { Fact } from '../../components/Fact';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { FormFooter } from '../../components/SaveForm';

/**
 * The office's desks as the server knows them, for administrators: when each was last seen, what it
 * still holds unsent, its version, whether it was revoked; and the server's health. Asked of the
 * server each time it is shown: an old copy would hide a desk gone quiet.
 */
export function OfficeDesks() {
  const { t } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const desks = useCall('office.desks', {});
  const [revoking, setRevoking] = useState<OfficeDesk | null>(null);
  const view = desks.data;

  return (
    <Stack gap="sm" component="section" aria-labelledby="office-desks-title">
      <Title order={4} fz="h5" id="office-desks-title">
        {t('office.desks.title')}
      </Title>
      {desks.error ? (
        <Alert color="orange" role="alert" title={t('office.desks.serverUnreachable')}>
          {errorMessage(desks.error)}
        </Alert>
      ) : null}
      {view ? <ServerHealth server={view.server} /> : null}
      <ListTable
        verticalSpacing="xs"
        horizontalSpacing="sm"
        label={t('office.desks.title')}
        rows={view?.desks ?? null}
        rowKey={(desk) => desk.deskId}
        columns={[
          {
            header: t('office.desks.name'),
            cell: (desk) => (
              <Group gap={6} wrap="nowrap">
                <bdi>{desk.name}</bdi>
                {desk.deskId === view?.thisDeskId ? (
                  <Badge size="sm" variant="light">
                    {t('office.desks.thisDesk')}
                  </Badge>
                ) : null}
              </Group>
            ),
            cellProps: { fw: 500, style: { whiteSpace: 'nowrap' } },
          },
          { header: t('office.deskId'), cell: (desk) => <Ltr>{desk.deskId}</Ltr> },
          { header: t('office.desks.lastSeen'), cell: (desk) => <DualDate instant={desk.lastSeenAt} /> },
          { header: t('office.desks.pending'), cell: (desk) => (desk.pending === null ? <Text c="dimmed">—</Text> : desk.pending) },
          { header: t('office.desks.version'), cell: (desk) => <Ltr>{desk.appVersion}</Ltr> },
          {
            header: t('office.desks.state'),
            cell: (desk) =>
              desk.revokedAt === null ? (
                t('office.desks.active')
              ) : (
                <Text c="red" fz="sm">
                  {t('office.desks.revokedOn')} <DualDate instant={desk.revokedAt} />
                </Text>
              ),
          },
          {
            cell: (desk) =>
              desk.deskId !== view?.thisDeskId && desk.revokedAt === null ? (
                <Button size="xs" variant="light" color="red" onClick={() => setRevoking(desk)} aria-label={t('office.desks.revokeDesk', { name: desk.name })}>
                  {t('office.desks.revoke')}
                </Button>
              ) : null,
          },
        ]}
      />
      {revoking ? <RevokeDeskModal desk={revoking} onClose={() => setRevoking(null)} /> : null}
    </Stack>
  );
}

/** The server reached now: the Wasl version it runs, which PostgreSQL keeps the record, since when it runs, what it holds. */
function ServerHealth({ server }: { server: OfficeDesksView['server'] }) {
  const { t } = useTranslation('settings');
  return (
    <Alert color="teal" variant="light" icon={<IconServer2 size={18} />} title={t('office.desks.serverReachable')}>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('office.desks.serverVersion')}>
          <Ltr>{server.version}</Ltr>
        </Fact>
        <Fact label={t('office.desks.engine')}>{t(`office.desks.engines.${server.engine}`)}</Fact>
        <Fact label={t('office.desks.upSince')}>
          <DualDate instant={server.upSince} />
        </Fact>
        <Fact label={t('office.desks.operations')}>{server.operations}</Fact>
      </SimpleGrid>
    </Alert>
  );
}

/**
 * Revoking a desk (a lost or stolen PC) asks why, for the audit log: Enter or Ctrl+Enter confirms,
 * Esc cancels. The server then takes nothing from that desk any more.
 */
function RevokeDeskModal({ desk, onClose }: { desk: OfficeDesk; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const { values, set, errors, clearError, failure, busy, save } = useSaveForm('office.revokeDesk', {
    initial: { reason: '' },
    input: ({ reason }) => ({ deskId: desk.deskId, reason }),
    savedMessage: t('office.desks.revoked'),
    onSaved: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('office.desks.revokeTitle')} size="lg">
      <CheckedForm onSave={save}>
        <Stack gap="md">
          <Text>
            {t('office.desks.revokeIntro')}{' '}
            <Text span fw={700}>
              <bdi>{desk.name}</bdi>
            </Text>{' '}
            (<Ltr>{desk.deskId}</Ltr>)
          </Text>
          <Text fz="sm" c="dimmed">
            {t('office.desks.revokeHint')}
          </Text>
          <TextInput
            label={t('office.desks.reason')}
            description={t('office.desks.reasonHint')}
            value={values.reason}
            onChange={(event) => {
              set('reason', event.currentTarget.value);
              clearError('reason');
            }}
            error={errors.reason}
            required
            data-autofocus
          />
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('office.desks.cancel')} saveLabel={t('office.desks.confirmRevoke')} saveColor="red" />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
