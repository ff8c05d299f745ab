import { Alert, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeLink, OfficeServerSeen, OfficeSyncState, PairingCodeMade } from '../../../electron/api/office';
import { fingerprintLines } from '../../../electron/api/sync/office';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { CheckedForm } from '../../components/CheckedForm';
import { DualDate } from '../../components/DualDate';
import { Fact } from '../../components/Fact';
import { Ltr } from '../../components/Ltr';
import { FlaggedDesks } from './FlaggedDesks';
import { OfficeDesks } from './OfficeDesks';

/**
 * Pairing this desk with the office server, in two steps an administrator takes with the server's
 * console in view: the server's address, then its certificate's fingerprint compared with the one
 * the server printed, and the one-time pairing code it printed. Once paired, what the desk keeps of it.
 */
export function OfficeServerSection() {
  const { t } = useTranslation('settings');
  const status = useCall('office.status', {});
  const link = status.data?.link ?? null;

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="office-server-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} fz="h4" id="office-server-title">
            {t('office.title')}
          </Title>
          <Text c="dimmed" fz="sm">
            {t('office.intro')}
          </Text>
        </Stack>
        {status.data === null ? null : link ? <PairedDesk link={link} sync={status.data.sync} /> : <PairDesk onPaired={status.reload} />}
      </Stack>
    </Paper>
  );
}

function PairedDesk({ link, sync }: { link: OfficeLink; sync: OfficeSyncState | null }) {
  const { t } = useTranslation('settings');
  return (
    <Stack gap="md">
      <Alert color="teal" icon={<IconPlugConnected size={18} />} title={t('office.paired')}>
        {t('office.sharing')}
      </Alert>
      {sync ? <SyncState sync={sync} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Fact label={t('office.address')}>
          <Ltr>{link.address}</Ltr>
        </Fact>
        <Fact label={t('office.deskName')}>
          <bdi>{link.deskName}</bdi>
        </Fact>
        <Fact label={t('office.deskId')}>
          <Ltr>{link.deskId}</Ltr>
        </Fact>
        <Fact label={t('office.pairedAt')}>
          <DualDate instant={link.pairedAt} />
          <Text span c="dimmed">
            {' '}
            {t('office.pairedBy', { name: link.pairedBy.displayName })}
          </Text>
        </Fact>
      </SimpleGrid>
      <Fact label={t('office.fingerprint')}>
        <Fingerprint value={link.fingerprint} />
      </Fact>
      <PairingCodeForAnotherDesk />
      <OfficeDesks />
    </Stack>
  );
}

/** What waits to be sent, when the desk last reached the office, and what stops it; a round on demand. */
function SyncState({ sync }: { sync: OfficeSyncState }) {
  const { t } = useTranslation('settings');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const round = useSubmit({ failureWithFields: true });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Fact label={t('office.sync.pendingLabel')}>{sync.pending}</Fact>
        <Fact label={t('office.sync.lastSyncedLabel')}>
          <DualDate instant={sync.lastSyncedAt} />
        </Fact>
        {sync.offlineSince ? (
          <Fact label={t('office.sync.offlineLabel')}>
            <DualDate instant={sync.offlineSince} />
          </Fact>
        ) : null}
      </SimpleGrid>
      <FlaggedDesks desks={sync.flaggedDesks} />
      {sync.problem ? (
        <Alert color="red" role="alert">
          {errorMessage(sync.problem)}
        </Alert>
      ) : null}
      {round.failure ? (
        <Alert color="red" role="alert">
          {round.failure}
        </Alert>
      ) : null}
      <Group>
        <Button variant="default" loading={round.busy} onClick={() => void round.submit(() => api['office.syncNow']({}), { onSaved: () => undefined })}>
          {t('office.sync.now')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * A one-time code for pairing another desk, made here so that the office's key goes with it. Shown
 * once, large, to be typed at the other desk; never kept.
 */
function PairingCodeForAnotherDesk() {
  const { t } = useTranslation('settings');
  const api = useApi();
  const [made, setMade] = useState<PairingCodeMade | null>(null);
  const make = useSubmit({ failureWithFields: true });
  return (
    <Stack gap="sm">
      <Text fz="sm">{t('office.anotherDeskIntro')}</Text>
      {made ? (
        <Alert color="blue" title={t('office.codeMadeTitle')}>
          <Stack gap={6}>
            <Code fz="xl" fw={700} dir="ltr" aria-label={t('office.code')}>
              {made.code}
            </Code>
            <Text fz="sm">
              {t('office.codeMadeHint')} <DualDate instant={made.expiresAt} />
            </Text>
          </Stack>
        </Alert>
      ) : null}
      {make.failure ? (
        <Alert color="red" role="alert">
          {make.failure}
        </Alert>
      ) : null}
      <Group>
        <Button variant="light" loading={make.busy} onClick={() => void make.submit(() => api['office.newPairingCode']({}), { onSaved: setMade })}>
          {t('office.makeCode')}
        </Button>
      </Group>
    </Stack>
  );
}

function PairDesk({ onPaired }: { onPaired: () => void }) {
  const { t } = useTranslation('settings');
  const api = useApi();
  const [address, setAddress] = useState('');
  const [seen, setSeen] = useState<OfficeServerSeen | null>(null);
  const [code, setCode] = useState('');
  const [deskName, setDeskName] = useState('');
  const connect = useSubmit({ failureWithFields: false, shownFields: ['address'] });
  const pair = useSubmit({ shownFields: ['code', 'deskName'] });

  if (seen === null) {
    return (
      <CheckedForm onSave={() => connect.submit(() => api['office.inspect']({ address }), { onSaved: setSeen })}>
        <Stack gap="sm">
          <Group align="flex-end">
            <TextInput
              label={t('office.address')}
              description={t('office.addressHint')}
              value={address}
              onChange={(event) => setAddress(event.currentTarget.value)}
              error={connect.errors.address}
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              style={{ flex: 1 }}
              data-autofocus
            />
            <Button type="submit" loading={connect.busy}>
              {t('office.connect')}
            </Button>
          </Group>
          {connect.failure ? (
            <Alert color="red" role="alert">
              {connect.failure}
            </Alert>
          ) : null}
        </Stack>
      </CheckedForm>
    );
  }

  return (
    <CheckedForm
      onSave={() =>
        pair.submit(() => api['office.pair']({ address: seen.address, fingerprint: seen.fingerprint, code, deskName }), {
          savedMessage: t('office.pairedMessage'),
          onSaved: onPaired,
        })
      }
    >
      <Stack gap="md">
        <Fact label={t('office.serverAt')}>
          <Ltr>{seen.address}</Ltr>
        </Fact>
        <Stack gap={4}>
          <Text fw={600}>{t('office.compare')}</Text>
          <Fingerprint value={seen.fingerprint} />
          <Text fz="sm" c="dimmed">
            {t('office.compareHint')}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('office.code')}
            description={t('office.codeHint')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={pair.errors.code}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <TextInput
            label={t('office.deskName')}
            description={t('office.deskNameHint')}
            value={deskName}
            onChange={(event) => setDeskName(event.currentTarget.value)}
            error={pair.errors.deskName}
          />
        </SimpleGrid>
        {pair.failure ? (
          <Alert color="red" role="alert">
            {pair.failure}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={pair.busy}>
            {t('office.pair')}
          </Button>
          <Button variant="default" onClick={() => setSeen(null)}>
            {t('office.back')}
          </Button>
        </Group>
      </Stack>
    </CheckedForm>
  );
}

/** A certificate's fingerprint in groups of four bytes, left to right, as the server's console shows it. */
function Fingerprint({ value }: { value: string }) {
  const [first, second] = fingerprintLines(value);
  return (
    <Code block dir="ltr" fz="md" aria-label={value}>
      {first}
      {'\n'}
      {second}
    </Code>
  );
}
