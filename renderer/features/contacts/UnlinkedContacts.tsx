import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconLink, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../electron/api/contacts';
import { formatSaudiPhone } from '../../../electron/api/fields/phone';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { CloseUnlinkedModal } from './CloseUnlinkedModal';
import { LinkContactModal } from './LinkContactModal';

/** The unlinked queue shown at once; a desk that leaves more than this has a backlog to clear first. */
const SHOWN = 50;

/**
 * Contacts logged with someone not registered yet (a name and a phone), newest first, each with
 * "link to a file": the officer finds the person with the usual search. Shown only when there are some.
 */
export function UnlinkedContacts() {
  const { t } = useTranslation('contacts');
  const unlinked = useCall('contacts.unlinked', { limit: SHOWN });
  const [linking, setLinking] = useState<ContactView | null>(null);
  const [closing, setClosing] = useState<ContactView | null>(null);
  const contacts = unlinked.data ?? [];
  if (contacts.length === 0 && linking === null && closing === null) return null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="unlinked-contacts-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3} id="unlinked-contacts-title">
            {t('unlinked.title')}
          </Title>
          <Text c="dimmed" fz="sm">
            {t('unlinked.intro')}
          </Text>
        </Stack>
        <Badge size="lg" variant="light" color="orange">
          {t('unlinked.count', { count: contacts.length })}
        </Badge>
      </Group>
      <Paper withBorder radius="lg">
        <Table.ScrollContainer minWidth={760}>
          <ListTable
            verticalSpacing="sm"
            horizontalSpacing="md"
            label={t('unlinked.title')}
            rows={contacts}
            rowKey={(contact) => contact.id}
            columns={[
              { header: t('unlinked.when'), cell: (contact) => <DualDate instant={contact.occurredAt} />, cellProps: { fz: 'sm' } },
              {
                header: t('unlinked.person'),
                cell: (contact) => (
                  <>
                    <Text fz="sm" fw={500}>
                      {contact.personName ?? '—'}
                    </Text>
                    {/* The number given, or (for an answer phoned to someone not registered) the one called: what matches them to a file. */}
                    {(contact.personPhone ?? contact.phoneNumber) ? (
                      <Text fz="sm">
                        <Ltr>{formatSaudiPhone(contact.personPhone ?? contact.phoneNumber ?? '')}</Ltr>
                      </Text>
                    ) : null}
                  </>
                ),
              },
              {
                header: t('unlinked.what'),
                cell: (contact) => (
                  <>
                    <Text fz="sm">{t(`purpose.${contact.purpose}`)}</Text>
                    <Text fz="xs" c="dimmed">
                      {t(`channel.${contact.channel}`)}
                    </Text>
                  </>
                ),
              },
              {
                header: t('unlinked.summary'),
                cell: (contact) => (
                  <Text fz="sm" lineClamp={2}>
                    {contact.summary}
                  </Text>
                ),
                cellProps: { maw: 380 },
              },
              {
                cell: (contact) => (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconLink size={14} />}
                      onClick={() => setLinking(contact)}
                      aria-label={t('unlinked.linkNamed', { name: contact.personName ?? '' })}
                    >
                      {t('unlinked.link')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="gray"
                      leftSection={<IconUserOff size={14} />}
                      onClick={() => setClosing(contact)}
                      aria-label={t('unlinked.closeNamed', { name: contact.personName ?? '' })}
                    >
                      {t('unlinked.close')}
                    </Button>
                  </Group>
                ),
              },
            ]}
          />
        </Table.ScrollContainer>
      </Paper>
      {linking ? (
        <LinkContactModal
          contact={linking}
          beneficiary={null}
          onClose={() => setLinking(null)}
          onLinked={() => {
            setLinking(null);
            unlinked.reload();
          }}
        />
      ) : null}
      {closing ? (
        <CloseUnlinkedModal
          contact={closing}
          onClose={() => setClosing(null)}
          onClosed={() => {
            setClosing(null);
            unlinked.reload();
          }}
        />
      ) : null}
    </Stack>
  );
}
