import { Alert, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SATISFACTION_EXPORT_FORMATS } from '../../../electron/api/exports';
import { FIGURE_CUTS, MIN_RESPONSES, type FigureCut, type SatisfactionFigures } from '../../../electron/api/satisfaction-figures';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { ChoiceField } from '../../components/ChoiceField';
import { DateField } from '../../components/DateField';
import { todayInRiyadh } from '../../lib/dates';
import { ExportMenu } from '../exports/ExportMenu';
import { useSession } from '../session/session-context';
import { FigureCard } from './FigureCard';
import { CommentsList, QuestionFiguresTable } from './QuestionFigures';
import { useFigureText } from './format';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The satisfaction figures of a period: CSAT, NPS and the response rate, each with its formula and
 * the responses it stands on; each question's average and distribution; the figures cut by a
 * dimension of the case; the comments as written. An officer reads their own cases' (the service
 * decides, whatever is asked); a supervisor everyone's, or one officer's.
 */
export function SatisfactionFiguresPage() {
  const { t } = useTranslation('satisfaction-figures');
  const session = useSession();
  const errorMessage = useErrorMessage();
  const today = todayInRiyadh();
  const [from, setFrom] = useState(() => new Date(Date.parse(`${today}T00:00:00Z`) - 89 * DAY_MS).toISOString().slice(0, 10));
  const [to, setTo] = useState(today);
  const [questionnaireId, setQuestionnaireId] = useState<string | null>(null);
  const [cut, setCut] = useState<FigureCut | null>(null);
  const [officerId, setOfficerId] = useState<string | null>(null);
  const office = session.can('satisfaction.office');
  const questionnaires = useCall('questionnaires.list', { includeRetired: true });
  const ready = ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to;
  const figures = useCall('satisfactionFigures.figures', ready ? { from, to, questionnaireId, cut, officerId } : null);
  const data = figures.data;
  const text = useFigureText();

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('title')}</Title>
        {ready ? (
          <ExportMenu subject={{ kind: 'satisfactionResponses', questionnaireId, period: { from, to } }} formats={SATISFACTION_EXPORT_FORMATS} label={t('exportResponses')} />
        ) : null}
      </Group>
      <Paper withBorder radius="lg" p="md">
        <Group align="flex-start" gap="md">
          <DateField label={t('from')} value={from} onChange={setFrom} data-autofocus />
          <DateField label={t('to')} value={to} onChange={setTo} error={ready || !ISO_DATE.test(to) || !ISO_DATE.test(from) ? null : t('errors:validation.reports.endBeforeStart')} />
          <ChoiceField
            label={t('questionnaire')}
            data={(questionnaires.data ?? []).map((one) => ({ value: one.id, label: text.inLanguage(one.titleAr, one.titleEn) }))}
            value={questionnaireId ?? data?.questionnaire.id ?? null}
            onChange={setQuestionnaireId}
            w={280}
          />
          <ChoiceField
            label={t('cut')}
            data={[{ value: 'none', label: t('cuts.none') }, ...FIGURE_CUTS.map((value) => ({ value, label: t(`cuts.${value}`) }))]}
            value={cut ?? 'none'}
            onChange={(value) => setCut(value === null || value === 'none' ? null : (value as FigureCut))}
            w={200}
          />
          {office ? (
            <ChoiceField
              label={t('officer')}
              data={[{ value: 'everyone', label: t('everyone') }, ...(data?.officers ?? []).map((one) => ({ value: one.id, label: one.displayName }))]}
              value={officerId ?? 'everyone'}
              onChange={(value) => setOfficerId(value === null || value === 'everyone' ? null : value)}
              searchable
              w={240}
            />
          ) : null}
        </Group>
      </Paper>

      {figures.error ? (
        <Alert color="red" role="alert">
          {errorMessage(figures.error)}
        </Alert>
      ) : null}

      {data ? <Figures data={data} /> : null}
    </Stack>
  );
}

function Figures({ data }: { data: SatisfactionFigures }) {
  const { t } = useTranslation('satisfaction-figures');
  const text = useFigureText();
  const { total } = data;
  return (
    <>
      <Stack gap={4}>
        {data.scope === 'own' ? <Text fw={600}>{t('ownOnly')}</Text> : null}
        <Text c="dimmed" fz="sm" data-testid="versions-covered">
          {data.versions.length === 0 ? t('noVersions') : t('versionsCovered', { versions: data.versions.map((version) => text.number(version)).join(text.listSeparator) })}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <FigureCard title={t('figures.csat')} figure={total.csat} unit="percent" />
        <FigureCard title={t('figures.nps')} figure={total.nps} unit="signed" detail={t('npsParts', { promoters: total.nps.promoters, passives: total.nps.passives, detractors: total.nps.detractors })} />
        <FigureCard
          title={t('figures.responseRate')}
          figure={total.responseRate}
          unit="percent"
          detail={t('rateParts', { answered: total.responseRate.answered, offered: total.responseRate.offered })}
        />
      </SimpleGrid>
      <Text c="dimmed" fz="xs">
        {t('formulas.minimum', { min: MIN_RESPONSES })}
      </Text>

      {data.cut === null ? null : (
        <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="satisfaction-groups">
          <Title order={3} fz="lg" id="satisfaction-groups" mb="sm">
            {t('groups', { cut: t(`cuts.${data.cut}`) })}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={6} aria-labelledby="satisfaction-groups">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`cuts.${data.cut}`)}</Table.Th>
                  <Table.Th>{t('figures.responses')}</Table.Th>
                  <Table.Th>{t('figures.csat')}</Table.Th>
                  <Table.Th>{t('figures.nps')}</Table.Th>
                  <Table.Th>{t('figures.responseRate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.groups.map((group) => (
                  <Table.Tr key={group.key ?? 'none'}>
                    <Table.Td>{text.inLanguage(group.labelAr, group.labelEn)}</Table.Td>
                    <Table.Td>{text.number(group.responses)}</Table.Td>
                    <Table.Td>{text.figure(group.csat, 'percent')}</Table.Td>
                    <Table.Td>{text.figure(group.nps, 'signed')}</Table.Td>
                    <Table.Td>{text.figure(group.responseRate, 'percent')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="satisfaction-questions">
        <Title order={3} fz="lg" id="satisfaction-questions" mb="sm">
          {t('questions')}
        </Title>
        <QuestionFiguresTable questions={data.questions} />
      </Paper>

      <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="satisfaction-comments">
        <Title order={3} fz="lg" id="satisfaction-comments">
          {t('comments')}
        </Title>
        <Text c="dimmed" fz="xs" mb="sm">
          {t('commentsNote')}
        </Text>
        <CommentsList comments={data.comments} label={t('comments')} empty={t(data.commentsWithheld ? 'commentsWithheld' : 'noComments')} />
      </Paper>
    </>
  );
}
