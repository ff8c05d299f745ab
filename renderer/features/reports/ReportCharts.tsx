import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportChartImages } from '../../../electron/api/reports';

/**
 * The three charts as the reports.trend call answers them: drawn by the service, with the printed
 * report's own functions and in the reader's language, as self-contained SVG built from escaped labels
 * only (electron/services/reports/charts.ts), hence safe to insert as markup.
 */
export function ReportCharts({ charts }: { charts: ReportChartImages }) {
  const { t } = useTranslation('reports');
  const drawn = [
    { id: 'contacts', svg: charts.contactsByChannel },
    { id: 'stages', svg: charts.requestsByStage },
    { id: 'overdue', svg: charts.overdueTrend },
  ];
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="report-charts-title">
      <Stack gap="md">
        <Title order={3} fz="lg" id="report-charts-title">
          {t('sections.charts')}
        </Title>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {drawn.map((chart) => (
            <div key={chart.id} className="wasl-report-chart" data-chart={chart.id} dangerouslySetInnerHTML={{ __html: chart.svg }} />
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
