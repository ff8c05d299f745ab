import { List, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportFigures, SatisfactionSection as SatisfactionFigures } from '../../../electron/api/reports';
import { CommentsList } from '../satisfaction-figures/QuestionFigures';
import { FigureTable, type Drill, type FigureRow } from './FigureTable';
import { Section, Subtitle } from './ReportSection';

type Entry = SatisfactionFigures['questionnaires'][number];
const DEFINITIONS = ['csat', 'nps', 'responseRate', 'average', 'minimum'] as const;

/**
 * The satisfaction section of the report, as the printed report has it: per questionnaire its
 * responses, offers, response rate, CSAT and NPS, each with the responses it stands on in both
 * periods (a figure on too few of them left empty), the averages of its scales, and the period's
 * comments as written, without names.
 */
export function SatisfactionSection({ figures, onOpen, language }: { figures: ReportFigures; onOpen: (drill: Drill) => void; language: string }) {
  const { t } = useTranslation('reports');
  const [now, before] = [figures.current.satisfaction, figures.previous.satisfaction];
  const title = (entry: Entry) => {
    const name = language === 'ar' ? entry.questionnaire.titleAr : (entry.questionnaire.titleEn ?? entry.questionnaire.titleAr);
    return entry.versions.length === 0
      ? t('satisfaction.questionnaireNoVersions', { title: name })
      : t('satisfaction.questionnaire', { title: name, versions: entry.versions.join(language === 'ar' ? '، ' : ', ') });
  };
  // A figure of this period on too few responses says so beside it, as the printed report does.
  const withN = (label: string, current: number, previous: number, tooFew = false) =>
    t(tooFew ? 'satisfaction.withNTooFew' : 'satisfaction.withN', { label, current, previous });

  return (
    <Section id="satisfaction" title={t('satisfaction.section')}>
      {now.questionnaires.map((entry, index) => {
        const old: Entry | undefined = before.questionnaires[index];
        const [total, was] = [entry.total, old?.total];
        const figure = (key: 'csat' | 'nps' | 'responseRate', unit: FigureRow['unit']): FigureRow => ({
          label: withN(t(`satisfaction.figures.${key}`), total[key].n, was?.[key].n ?? 0, total[key].tooFew),
          current: total[key].value,
          previous: was?.[key].value ?? null,
          unit,
        });
        return (
          <Stack key={entry.questionnaire.id} gap="sm">
            <Subtitle>{title(entry)}</Subtitle>
            <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
              <FigureTable
                caption={title(entry)}
                onOpen={onOpen}
                rows={[
                  { label: t('satisfaction.figures.responses'), current: total.responses, previous: was?.responses ?? 0 },
                  { label: t('satisfaction.figures.offered'), current: total.responseRate.offered, previous: was?.responseRate.offered ?? 0 },
                  { label: t('satisfaction.figures.answered'), current: total.responseRate.answered, previous: was?.responseRate.answered ?? 0 },
                  figure('responseRate', 'percent'),
                  figure('csat', 'percent'),
                  figure('nps', 'count'),
                ]}
              />
              <Stack gap="sm">
                <Subtitle>{t('satisfaction.averages')}</Subtitle>
                <FigureTable
                  caption={t('satisfaction.averages')}
                  onOpen={onOpen}
                  rows={entry.questions.map((question) => {
                    const previous = old?.questions.find((one) => one.key === question.key);
                    const label = language === 'ar' ? question.textAr : (question.textEn ?? question.textAr);
                    return { label: withN(label, question.n, previous?.n ?? 0, question.tooFew), current: question.average, previous: previous?.average ?? null };
                  })}
                />
              </Stack>
            </SimpleGrid>
            <Subtitle>{t('satisfaction.comments')}</Subtitle>
            <CommentsList comments={entry.comments} label={`${t('satisfaction.comments')} — ${title(entry)}`} empty={t('satisfaction.noComments')} />
          </Stack>
        );
      })}
      <List size="xs" c="dimmed" spacing={2} aria-label={t('programs.howCounted')}>
        {DEFINITIONS.map((key) => (
          <List.Item key={key}>{t(`satisfaction.definitions.${key}`)}</List.Item>
        ))}
      </List>
    </Section>
  );
}
