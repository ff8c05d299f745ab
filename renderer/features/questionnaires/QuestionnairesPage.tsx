import { Alert, Anchor, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { useSession } from '../session/session-context';
import { QuestionnaireStatusBadge, useTitleOf } from './parts';

/**
 * The satisfaction questionnaires: which are in use, at which version, with how many responses.
 * Administrators build and change them from here; the other roles read them, since they are the ones
 * who offer them and read their questions out by phone.
 */
export function QuestionnairesPage() {
  const { t } = useTranslation('questionnaires');
  const errorMessage = useErrorMessage();
  const session = useSession();
  const [, navigate] = useLocation();
  const titleOf = useTitleOf();
  const [includeRetired, setIncludeRetired] = useState(false);
  const list = useCall('questionnaires.list', { includeRetired });
  const manages = session.can('questionnaires.manage');
  const open = (id: string) => navigate(`/questionnaires/${id}`);

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('list.title')}</Title>
        {manages ? (
          <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/questionnaires/new')}>
            {t('list.new')}
          </Button>
        ) : null}
      </Group>
      {manages ? null : <Text c="dimmed">{t('list.readOnly')}</Text>}
      <Checkbox label={t('list.showRetired')} checked={includeRetired} onChange={(event) => setIncludeRetired(event.currentTarget.checked)} />
      {list.error ? <Alert color="red">{errorMessage(list.error)}</Alert> : null}
      <Paper withBorder radius="lg">
        <ListTable
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover
          label={t('list.title')}
          rows={list.data}
          rowKey={(row) => row.id}
          onOpen={(row) => open(row.id)}
          emptyMessage={t('list.empty')}
          columns={[
            {
              header: t('list.columns.title'),
              cell: (row) => (
                <Stack gap={0}>
                  <Anchor
                    component="button"
                    type="button"
                    ta="start"
                    onClick={(event) => {
                      event.stopPropagation();
                      open(row.id);
                    }}
                  >
                    {titleOf(row)}
                  </Anchor>
                  {row.shipped ? (
                    <Text size="xs" c="dimmed">
                      {t('list.shipped')}
                    </Text>
                  ) : null}
                </Stack>
              ),
            },
            { header: t('list.columns.status'), cell: (row) => <QuestionnaireStatusBadge status={row.status} /> },
            { header: t('list.columns.version'), cell: (row) => t('version', { version: row.currentVersion }) },
            { header: t('list.columns.responses'), cell: (row) => row.responses },
            { header: t('list.columns.doubleEntry'), cell: (row) => (row.doubleEntry ? t('yesNo.yes') : t('yesNo.no')) },
            { header: t('list.columns.updated'), cell: (row) => <DualDate instant={row.updatedAt} /> },
          ]}
        />
      </Paper>
    </Stack>
  );
}
