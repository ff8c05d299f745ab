import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MIN_RESPONSES, type Figure } from '../../../electron/api/satisfaction-figures';
import { Ltr } from '../../components/Ltr';
import { useFigureText, type FigureUnit } from './format';

/** One headline figure: its value (or "too few to judge"), how many it stands on, and the formula it was read by. */
export function FigureCard({ title, figure, unit, detail }: { title: string; figure: Figure; unit: FigureUnit; detail?: string }) {
  const { t } = useTranslation('satisfaction-figures');
  const text = useFigureText();
  const id = `figure-${figure.formula}`;
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby={id} data-testid={id}>
      <Stack gap={6}>
        <Text fw={600} id={id}>
          {title}
        </Text>
        {figure.tooFew ? (
          <Text fz="lg" fw={700} c="orange.8">
            {t('tooFewLong', { count: figure.n, min: MIN_RESPONSES })}
          </Text>
        ) : (
          <Text fz={32} fw={800} lh={1.1} c="wasl.8">
            <Ltr>{figure.value === null ? '—' : text.value(figure.value, unit)}</Ltr>
          </Text>
        )}
        <Text fz="sm">{t('n', { count: figure.n })}</Text>
        {detail ? (
          <Text fz="sm" c="dimmed">
            {detail}
          </Text>
        ) : null}
        <Text fz="xs" c="dimmed">
          {t(`formulas.${figure.formula}`)}
        </Text>
      </Stack>
    </Paper>
  );
}
