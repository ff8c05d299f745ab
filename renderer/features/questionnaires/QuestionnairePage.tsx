import { Alert, Anchor, Badge, Button, Group, Loader, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBack, IconEdit } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { QuestionnaireStatus, QuestionnaireView } from '../../../electron/api/questionnaires';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { Fact } from '../../components/Fact';
import { ListTable } from '../../components/ListTable';
import { useSession } from '../session/session-context';
import { QuestionnaireStatusBadge, useTitleOf } from './parts';
import { QuestionsPreview } from './QuestionsPreview';

/** Where a questionnaire may be moved from where it stands. */
const MOVES: Record<QuestionnaireStatus, { to: 'active' | 'retired'; label: string }[]> = {
  draft: [{ to: 'active', label: 'page.activate' }],
  active: [{ to: 'retired', label: 'page.retire' }],
  retired: [{ to: 'active', label: 'page.reactivate' }],
};

/**
 * One questionnaire: where it stands, the questions its current version asks, and every version
 * with its responses, each readable as it was asked. An administrator edits it and puts it in use
 * or retires it from here.
 */
export function QuestionnairePage({ id }: { id: string }) {
  const { t } = useTranslation('questionnaires');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const session = useSession();
  const [, navigate] = useLocation();
  const titleOf = useTitleOf();
  const questionnaire = useCall('questionnaires.get', { id });
  const [shown, setShown] = useState<QuestionnaireView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [viewing, setViewing] = useState<{ id: string; version: number } | null>(null);
  const detail = shown ?? questionnaire.data;
  useEffect(() => setShown(null), [questionnaire.data]);
  const manages = session.can('questionnaires.manage');

  const back = (
    <Anchor component="button" type="button" onClick={() => navigate('/questionnaires')}>
      <Group gap={4}>
        <IconArrowBack size={16} />
        {t('page.back')}
      </Group>
    </Anchor>
  );
  if (questionnaire.error) {
    return (
      <Stack>
        {back}
        <Alert color="red">{errorMessage(questionnaire.error)}</Alert>
      </Stack>
    );
  }
  if (!detail) return back;

  const move = async (to: 'active' | 'retired') => {
    if (moving) return;
    setMoving(true);
    const result = await api['questionnaires.setStatus']({ id: detail.id, status: to });
    setMoving(false);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    setFailure(null);
    setShown(result.value);
    notifications.show({ color: 'teal', message: to === 'active' ? t('page.activated') : t('page.retiredDone') });
  };

  return (
    <Stack gap="lg" maw={1100}>
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{titleOf(detail)}</Title>
            <QuestionnaireStatusBadge status={detail.status} />
            {detail.shipped ? (
              <Badge color="gray" variant="outline" radius="sm">
                {t('list.shipped')}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        {manages ? (
          <Group>
            <Button leftSection={<IconEdit size={18} />} onClick={() => navigate(`/questionnaires/${detail.id}/edit`)}>
              {t('page.edit')}
            </Button>
            {MOVES[detail.status].map((each) => (
              <Button key={each.to} variant={each.to === 'retired' ? 'default' : 'light'} color={each.to === 'retired' ? 'orange' : undefined} loading={moving} onClick={() => void move(each.to)}>
                {t(each.label)}
              </Button>
            ))}
          </Group>
        ) : null}
      </Group>
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Fact label={t('list.columns.version')}>{t('version', { version: detail.currentVersion })}</Fact>
        <Fact label={t('list.columns.responses')}>{t('page.responsesCount', { count: detail.responses })}</Fact>
        <Fact label={t('list.columns.doubleEntry')}>{detail.doubleEntry ? t('page.doubleEntryOn') : t('page.doubleEntryOff')}</Fact>
        <Fact label={t('list.columns.updated')}>
          <DualDate instant={detail.updatedAt} />
        </Fact>
      </SimpleGrid>
      <Paper withBorder radius="lg" p="md">
        <Stack gap="sm">
          <Title order={3}>{t('page.questions')}</Title>
          <QuestionsPreview content={detail.current.content} />
        </Stack>
      </Paper>
      <Paper withBorder radius="lg" p="md">
        <Stack gap="sm">
          <Title order={3}>{t('page.versions')}</Title>
          <ListTable
            label={t('page.versions')}
            rows={detail.versions}
            rowKey={(row) => row.id}
            columns={[
              {
                header: t('list.columns.version'),
                cell: (row) => (
                  <Group gap="xs">
                    {t('version', { version: row.version })}
                    {row.id === detail.current.id ? (
                      <Badge variant="light" radius="sm">
                        {t('page.current')}
                      </Badge>
                    ) : null}
                  </Group>
                ),
              },
              { header: t('page.createdAt'), cell: (row) => <DualDate instant={row.createdAt} /> },
              { header: t('page.responses'), cell: (row) => row.responses },
              {
                cell: (row) => (
                  <Button variant="subtle" size="xs" onClick={() => setViewing({ id: row.id, version: row.version })} aria-label={t('page.viewVersion', { version: row.version })}>
                    {t('page.view')}
                  </Button>
                ),
              },
            ]}
          />
        </Stack>
      </Paper>
      <VersionModal title={titleOf(detail)} version={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}

/** One version's questions, read only, as its answers were given to them. */
function VersionModal({ title, version, onClose }: { title: string; version: { id: string; version: number } | null; onClose: () => void }) {
  const { t } = useTranslation('questionnaires');
  const errorMessage = useErrorMessage();
  const read = useCall('questionnaires.version', version === null ? null : { id: version.id });
  return (
    <Modal opened={version !== null} onClose={onClose} size="xl" title={version === null ? '' : t('page.versionTitle', { title, version: version.version })}>
      <Stack>
        {read.error ? <Alert color="red">{errorMessage(read.error)}</Alert> : null}
        {read.data && read.data.id === version?.id ? (
          <>
            <Text size="sm" c="dimmed">
              {t('page.responsesCount', { count: read.data.responses })}
            </Text>
            <QuestionsPreview content={read.data.content} />
          </>
        ) : read.error ? null : (
          <Loader />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('page.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
