import { List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, GENDERS } from '../../../electron/api/beneficiaries';
import type { FairnessCounts, ProgramCounts, ProgramFigures, ReportFigures } from '../../../electron/api/reports';
import { FigureTable, type Drill, type FigureRow } from './FigureTable';
import type { FigureUnit } from './format';
import { MatrixTable, type MatrixRow } from './MatrixTable';
import { Section, Subtitle } from './ReportSection';

const FLOWS = ['applications', 'acceptances', 'waitlistAtEnd', 'peopleActive', 'completions', 'dismissals'] as const;
const FAIRNESS = ['applicants', 'accepted', 'waitlisted', 'declined'] as const;
const NO_FAIRNESS: FairnessCounts = { applicants: 0, accepted: 0, waitlisted: 0, declined: 0 };
/** The program figures the section shows, each with its label. */
type ShownCount = (typeof FLOWS)[number] | 'sessionsHeld' | 'attendanceRate' | 'feesAnnounced' | 'collected' | 'waived';
type FigureKey = ShownCount | (typeof FAIRNESS)[number] | 'total' | 'waitlistReordered';
/** How each figure is counted, in the order the printed report lists them. */
const DEFINITIONS = ['flows', 'waitlist', 'active', 'sessions', 'rate', 'fees', 'fairness', 'reordered'] as const;

/** A fee's halalas as the riyals the report shows. */
const riyals = (halalas: number) => halalas / 100;

/**
 * The programs section of the report, as the printed report has it: the totals; per program its
 * enrolments, its attendance with the rule its rate was read by, and its fees; the fairness figures
 * by category, gender and district, and the waitlist's manual reorderings; how each is counted.
 */
export function ProgramsSection({ figures, onOpen, language }: { figures: ReportFigures; onOpen: (drill: Drill) => void; language: string }) {
  const { t } = useTranslation(['reports', 'beneficiaries']);
  const [now, before] = [figures.current.programs, figures.previous.programs];
  const name = (program: { nameAr: string; nameEn: string | null }) => (language === 'ar' ? program.nameAr : (program.nameEn ?? program.nameAr));
  const label = (key: FigureKey) => t(`programs.figures.${key}`);

  const total = (key: ShownCount, unit?: FigureUnit): FigureRow => {
    const money = unit === 'riyals';
    const value = (counts: ProgramCounts) => (money ? riyals(counts[key] ?? 0) : counts[key]);
    return { label: label(key), current: value(now.total), previous: value(before.total), unit };
  };

  const programRows = (keys: readonly ShownCount[], units: FigureUnit[] = []): MatrixRow[] =>
    now.byProgram.map((entry, index) => {
      const old = before.byProgram[index];
      return {
        key: entry.program.id,
        label: name(entry.program),
        cells: keys.map((key, at) => {
          const unit = units[at];
          const value = (counts: ProgramCounts | undefined) =>
            counts === undefined ? (key === 'attendanceRate' ? null : 0) : unit === 'riyals' ? riyals(counts[key] ?? 0) : counts[key];
          return { current: value(entry), previous: value(old), unit };
        }),
        note: entry.program.ruleInWords[language === 'ar' ? 'ar' : 'en'],
      };
    });

  const fairnessRows = (entries: Array<{ key: string; label: string; now: FairnessCounts; before: FairnessCounts }>): MatrixRow[] =>
    [...entries, { key: 'total', label: label('total'), now: now.fairness.total, before: before.fairness.total }].map((entry) => ({
      key: entry.key,
      label: entry.label,
      cells: FAIRNESS.map((key) => ({ current: entry.now[key], previous: entry.before[key] })),
    }));
  const fairnessTable = (caption: string, rowHeader: string, rows: MatrixRow[]) => (
    <>
      <Subtitle>{caption}</Subtitle>
      <MatrixTable caption={caption} rowHeader={rowHeader} columns={FAIRNESS.map(label)} rows={rows} onOpen={onOpen} />
    </>
  );
  const district = (entry: ProgramFigures['fairness']['byDistrict'][number]) =>
    entry.district === null ? t('programs.noDistrict') : language === 'ar' ? entry.district.nameAr : entry.district.nameEn;

  return (
    <Section id="programs" title={t('programs.section')}>
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <FigureTable
          caption={t('programs.section')}
          onOpen={onOpen}
          rows={[
            ...FLOWS.map((key) => total(key)),
            total('sessionsHeld'),
            total('attendanceRate', 'percent'),
            total('feesAnnounced'),
            total('collected', 'riyals'),
            total('waived', 'riyals'),
          ]}
        />
        <Stack gap="sm">
          <Subtitle>{t('programs.feesByProgram')}</Subtitle>
          {now.byProgram.length === 0 ? (
            <Text c="dimmed">{t('none')}</Text>
          ) : (
            <MatrixTable
              caption={t('programs.feesByProgram')}
              rowHeader={t('programs.program')}
              columns={[label('feesAnnounced'), label('collected'), label('waived')]}
              rows={programRows(['feesAnnounced', 'collected', 'waived'], ['count', 'riyals', 'riyals'])}
              onOpen={onOpen}
            />
          )}
        </Stack>
      </SimpleGrid>
      {now.byProgram.length === 0 ? null : (
        <>
          <Subtitle>{t('programs.byProgram')}</Subtitle>
          <MatrixTable caption={t('programs.byProgram')} rowHeader={t('programs.program')} columns={FLOWS.map(label)} rows={programRows(FLOWS)} onOpen={onOpen} />
          <Subtitle>{t('programs.attendanceByProgram')}</Subtitle>
          <MatrixTable
            caption={t('programs.attendanceByProgram')}
            rowHeader={t('programs.program')}
            columns={[label('sessionsHeld'), label('attendanceRate')]}
            rows={programRows(['sessionsHeld', 'attendanceRate'], ['count', 'percent'])}
            onOpen={onOpen}
            noteColumn={t('programs.rule')}
          />
        </>
      )}
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <Stack gap="sm">
          {fairnessTable(
            t('programs.fairnessByCategory'),
            t('programs.category'),
            fairnessRows(CATEGORIES.map((key) => ({ key, label: t(`beneficiaries:category.${key}`), now: now.fairness.byCategory[key], before: before.fairness.byCategory[key] }))),
          )}
          {fairnessTable(
            t('programs.fairnessByGender'),
            t('programs.gender'),
            fairnessRows(GENDERS.map((key) => ({ key, label: t(`beneficiaries:gender.${key}`), now: now.fairness.byGender[key], before: before.fairness.byGender[key] }))),
          )}
        </Stack>
        <Stack gap="sm">
          {fairnessTable(
            t('programs.fairnessByDistrict'),
            t('programs.district'),
            fairnessRows(
              now.fairness.byDistrict.map((entry, index) => ({
                key: entry.district?.id ?? 'none',
                label: district(entry),
                now: entry,
                before: before.fairness.byDistrict[index] ?? NO_FAIRNESS,
              })),
            ),
          )}
          <Subtitle>{t('programs.waitlistOrder')}</Subtitle>
          <FigureTable
            caption={t('programs.waitlistOrder')}
            onOpen={onOpen}
            rows={[{ label: label('waitlistReordered'), current: now.fairness.waitlistReordered, previous: before.fairness.waitlistReordered }]}
          />
        </Stack>
      </SimpleGrid>
      <List size="xs" c="dimmed" spacing={2} aria-label={t('programs.howCounted')}>
        {DEFINITIONS.map((key) => (
          <List.Item key={key}>{t(`programs.definitions.${key}`)}</List.Item>
        ))}
      </List>
    </Section>
  );
}
