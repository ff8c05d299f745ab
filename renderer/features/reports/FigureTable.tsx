import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconListSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportRecordFigure } from '../../../electron/api/reports';
import { signedFigure } from '../../../electron/api/bidi';
import { Ltr } from '../../components/Ltr';
import { useReportFormat, type FigureUnit } from './format';

/** A figure whose records can be listed: which one, and the part of it. */
export interface Drill {
  figure: ReportRecordFigure;
  key?: string | null;
  label: string;
}

export interface FigureRow {
  label: string;
  current: number | null;
  previous: number | null;
  /** How the values read: a count, minutes, days, a percentage or riyals. */
  unit?: FigureUnit;
  drill?: Omit<Drill, 'label'>;
}

/**
 * Figures beside the previous period's, with the change. A figure that can be opened is a button:
 * clicked or chosen with Enter, it lists the records behind it.
 */
export function FigureTable({ rows, caption, onOpen }: { rows: FigureRow[]; caption: string; onOpen: (drill: Drill) => void }) {
  const { t } = useTranslation('reports');
  const format = useReportFormat();
  const shown = (row: FigureRow, value: number | null) => format.inUnit(row.unit, value);

  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={6} highlightOnHover aria-label={caption} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="46%">{t('columns.figure')}</Table.Th>
            <Table.Th>{t('columns.current')}</Table.Th>
            <Table.Th>{t('columns.previous')}</Table.Th>
            <Table.Th>{t('columns.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.label}-${row.drill?.figure ?? ''}-${row.drill?.key ?? ''}`}>
              <Table.Td>
                {row.drill ? (
                  <UnstyledButton
                    className="wasl-report-figure"
                    onClick={() => onOpen({ ...row.drill!, label: row.label })}
                    aria-label={t('open', { figure: row.label })}
                  >
                    <Group gap={6} wrap="nowrap">
                      <IconListSearch size={15} stroke={1.6} aria-hidden color="var(--mantine-color-wasl-7)" />
                      <Text fz="sm" c="wasl.8" td="underline" style={{ textUnderlineOffset: 3, textDecorationColor: 'var(--mantine-color-gray-4)' }}>
                        {row.label}
                      </Text>
                    </Group>
                  </UnstyledButton>
                ) : (
                  <Text fz="sm">{row.label}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text fz="sm" fw={700}>
                  {shown(row, row.current)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" c="dimmed">
                  {shown(row, row.previous)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Change row={row} shown={(value) => shown(row, value)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Change({ row, shown }: { row: FigureRow; shown: (value: number) => string }) {
  const { t } = useTranslation('reports');
  const format = useReportFormat();
  if (row.current === null || row.previous === null) return <Text fz="sm" c="dimmed">{t('none')}</Text>;
  // Riyals to the halala; other figures to the tenth they are shown in.
  const precision = row.unit === 'riyals' ? 100 : 10;
  const difference = Math.round((row.current - row.previous) * precision) / precision;
  if (difference === 0) return <Text fz="sm" c="dimmed">{t('change.same')}</Text>;
  const up = difference > 0;
  const Icon = up ? IconArrowUpRight : IconArrowDownRight;
  const inWords = t(up ? 'change.up' : 'change.down', { value: shown(Math.abs(difference)) });
  return (
    <Group gap={4} wrap="nowrap">
      <Icon size={14} aria-hidden />
      {/* A count's change reads signed, "+3" or "−3", as on the printed report; a duration's in words. */}
      {row.unit === undefined || row.unit === 'count' ? (
        <Text fz="sm" title={inWords}>
          <Ltr>{signedFigure(difference, format.count)}</Ltr>
        </Text>
      ) : (
        <Text fz="sm">{inWords}</Text>
      )}
    </Group>
  );
}
