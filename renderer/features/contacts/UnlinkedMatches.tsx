import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../electron/api/contacts';
import { useCall } from '../../api/use-call';
import { ContactSummary, LinkContactModal } from './LinkContactModal';

/** More than a handful would be a common name, not this person: the full list is on the home screen. */
const OFFERED = 10;

interface UnlinkedMatchesProps {
  beneficiary: { id: string; name: string; phones: readonly string[] };
  /** Something moved to the person's timeline. */
  onLinked: () => void;
}

/**
 * On a person's file: the contacts logged before they registered that may have been them (one of
 * their phones, or their name in any spelling), each with "link to this file". Shown only when there
 * are some.
 */
export function UnlinkedMatches({ beneficiary, onLinked }: UnlinkedMatchesProps) {
  const { t } = useTranslation('contacts');
  const matches = useCall('contacts.unlinked', { resembling: beneficiary.id, limit: OFFERED });
  const [linking, setLinking] = useState<ContactView | null>(null);
  const contacts = matches.data ?? [];
  if (contacts.length === 0 && linking === null) return null;

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="unlinked-matches-title">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={4} id="unlinked-matches-title">
            {t('matches.title')}
          </Title>
          <Text fz="sm" c="dimmed">
            {t('matches.intro')}
          </Text>
        </Stack>
        {contacts.map((contact) => (
          <Group key={contact.id} align="flex-start" wrap="nowrap" gap="md">
            <div style={{ flex: 1, minWidth: 0 }}>
              <ContactSummary contact={contact} />
            </div>
            <Stack gap={6} align="flex-end">
              <Badge variant="light" color={contact.personPhone !== null && beneficiary.phones.includes(contact.personPhone) ? 'teal' : 'gray'}>
                {contact.personPhone !== null && beneficiary.phones.includes(contact.personPhone) ? t('matches.samePhone') : t('matches.similarName')}
              </Badge>
              <Button
                size="xs"
                leftSection={<IconLink size={14} />}
                onClick={() => setLinking(contact)}
                aria-label={t('matches.linkNamed', { name: contact.personName ?? '' })}
              >
                {t('matches.link')}
              </Button>
            </Stack>
          </Group>
        ))}
      </Stack>
      {linking ? (
        <LinkContactModal
          contact={linking}
          beneficiary={{ id: beneficiary.id, name: beneficiary.name }}
          onClose={() => setLinking(null)}
          onLinked={() => {
            setLinking(null);
            matches.reload();
            onLinked();
          }}
        />
      ) : null}
    </Paper>
  );
}
