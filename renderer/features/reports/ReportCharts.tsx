import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../electron/api/contacts';
import { contactsByChannelChart, overdueTrendChart, requestsByStageChart } from '../../../electron/api/report-charts';
import type { OpenRequestStage, PeriodFigures, ReportTrend, TrendBucket } from '../../../electron/api/reports';
import { OPEN_STAGES } from '../../../electron/api/requests';

/**
 * The three charts, drawn by the same functions as the printed report. Their SVG is built from
 * escaped labels only (electron/api/report-charts.ts), hence safe to insert as markup.
 */
export function ReportCharts({ trend, current }: { trend: ReportTrend; current: PeriodFigures }) {
  const { t, i18n } = useTranslation(['reports', 'contacts', 'requests']);
  const direction = i18n.dir() === 'rtl' ? 'rtl' : 'ltr';
  const locale = i18n.language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB';
  const dateLocale = i18n.language === 'ar' ? 'ar-SA-u-ca-gregory-nu-latn' : 'en-GB-u-ca-gregory-nu-latn';
  const multiYear = trend.buckets.length > 0 && trend.buckets[0]!.from.slice(0, 4) !== trend.buckets[trend.buckets.length - 1]!.to.slice(0, 4);
  const formatter = new Intl.DateTimeFormat(
    dateLocale,
    trend.unit === 'week' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', ...(multiYear ? { year: '2-digit' } : {}), timeZone: 'UTC' },
  );
  const bucketLabel = (bucket: TrendBucket) => formatter.format(new Date(`${bucket.from}T12:00:00Z`));
  const unit = t(`reports:charts.${trend.unit}`);
  const channelLabels = Object.fromEntries(CHANNELS.map((channel) => [channel, t(`contacts:channel.${channel}`)])) as Record<Channel, string>;
  const stageLabels = Object.fromEntries(OPEN_STAGES.map((stage) => [stage, t(`requests:stage.${stage}`)])) as Record<OpenRequestStage, string>;

  const charts = [
    { id: 'contacts', svg: contactsByChannelChart(trend, channelLabels, { direction, locale, title: t('reports:charts.contacts', { unit }), bucketLabel }) },
    { id: 'stages', svg: requestsByStageChart(current.requests.stagesAtEnd, stageLabels, { direction, locale, title: t('reports:charts.stages') }) },
    {
      id: 'overdue',
      svg: overdueTrendChart(trend, { requests: t('reports:charts.requests'), complaints: t('reports:charts.complaints') }, { direction, locale, title: t('reports:charts.overdue', { unit }), bucketLabel }),
    },
  ];
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="report-charts-title">
      <Stack gap="md">
        <Title order={3} fz="lg" id="report-charts-title">
          {t('reports:sections.charts')}
        </Title>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {charts.map((chart) => (
            <div key={chart.id} className="wasl-report-chart" data-chart={chart.id} dangerouslySetInnerHTML={{ __html: chart.svg }} />
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
