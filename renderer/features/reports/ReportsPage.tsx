import { ActionIcon, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_KINDS, SUGGESTION_DECISIONS } from '../../../electron/api/complaints';
import { CHANNELS, PURPOSES } from '../../../electron/api/contacts';
import type { PeriodFigures, ReportFigures } from '../../../electron/api/reports';
import { requestWorkflow } from '../../../electron/api/requests';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { ExportMenu } from '../exports/ExportMenu';
import { PeriodRecordsExport } from '../exports/PeriodRecordsExport';
import { formatDualInstant, todayInRiyadh } from '../../lib/dates';
import { FigureTable, type Drill, type FigureRow } from './FigureTable';
import { MatrixTable, type MatrixRow } from './MatrixTable';
import { periodOfChoice, thisWeekChoice, type PeriodChoice } from './period';
import { rememberReportPeriod, rememberedReportPeriod } from './period-memory';
import { PeriodLine, PeriodPicker } from './PeriodPicker';
import { ProgramsSection } from './ProgramsSection';
import { SatisfactionSection } from './SatisfactionSection';
import { RecordsModal } from './RecordsModal';
import { Section, Subtitle } from './ReportSection';
import { ReportCharts } from './ReportCharts';

/** The report's dashboard (supervisors): every figure of a period beside the previous period's, and the charts. */
export function ReportsPage() {
  const { t, i18n } = useTranslation(['reports', 'contacts', 'requests', 'complaints', 'eligibility']);
  const errorMessage = useErrorMessage();
  const today = todayInRiyadh();
  // This week so far, unless another period was chosen earlier in the session.
  const [choice, setChoice] = useState<PeriodChoice>(() => rememberedReportPeriod() ?? thisWeekChoice(today));
  const choose = (next: PeriodChoice) => {
    rememberReportPeriod(next);
    setChoice(next);
  };
  const period = periodOfChoice(choice, today);
  const figures = useCall('reports.figures', period);
  const trend = useCall('reports.trend', period);
  const [drill, setDrill] = useState<Drill | null>(null);
  const reload = () => {
    figures.reload();
    trend.reload();
  };
  // The charts come drawn in the reader's language: switched to another, they are drawn again.
  const { reload: redrawCharts } = trend;
  const chartsLanguage = useRef(i18n.language);
  useEffect(() => {
    if (chartsLanguage.current === i18n.language) return;
    chartsLanguage.current = i18n.language;
    redrawCharts();
  }, [i18n.language, redrawCharts]);

  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={2} maw={520}>
          <Title order={2}>{t('title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('intro')}
          </Text>
        </Stack>
        <Group gap="xs" align="center">
          {period ? <ExportMenu subject={{ kind: 'report', period }} disabled={!figures.data} /> : null}
          <Tooltip label={t('refresh')}>
            <ActionIcon variant="subtle" size="lg" onClick={reload} loading={figures.loading} aria-label={t('refresh')}>
              <IconRefresh size={20} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>

      <Paper withBorder radius="lg" p="md">
        <Stack gap="xs">
          <PeriodPicker choice={choice} onChange={choose} period={period} today={today} shortcuts={drill === null} />
          {figures.data ? <Comparison figures={figures.data} /> : null}
        </Stack>
      </Paper>

      {figures.error ? (
        <Text c="red" role="alert">
          {t('loadFailed')} {errorMessage(figures.error)}
        </Text>
      ) : null}

      {figures.data && period ? (
        <>
          {trend.data ? <ReportCharts charts={trend.data.charts} /> : null}
          <Sections figures={figures.data} onOpen={setDrill} language={i18n.language} />
          <ProgramsSection figures={figures.data} onOpen={setDrill} language={i18n.language} />
          <SatisfactionSection figures={figures.data} onOpen={setDrill} language={i18n.language} />
          <RecordsModal period={period} drill={drill} onClose={() => setDrill(null)} />
          <PeriodRecordsExport period={period} />
          <DataUpTo desks={figures.data.dataUpTo} />
        </>
      ) : null}
    </Stack>
  );
}

/** The period compared with, and when "at the end" was read for a period not yet over. */
function Comparison({ figures }: { figures: ReportFigures }) {
  const { t, i18n } = useTranslation('reports');
  const { current, previous } = figures;
  const ongoing = current.period.asOf < current.period.endsAt;
  const when = ongoing ? formatDualInstant(current.period.asOf, i18n.language as 'ar' | 'en') : null;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="wrap">
        <Text fz="sm" c="dimmed">
          {t('period.comparedWith')}
        </Text>
        <PeriodLine period={previous.period} dimmed />
      </Group>
      {when ? (
        <Text fz="xs" c="orange.8">
          {t('period.asOf', { when: `${when.gregorian} ${when.time}` })}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * Under the report, on a desk paired with the office server: each desk and when it last synced (the
 * report holds its work up to then). Nothing on a desk that works alone.
 */
function DataUpTo({ desks }: { desks: ReportFigures['dataUpTo'] }) {
  const { t, i18n } = useTranslation('reports');
  if (desks === null) return null;
  const language = i18n.language as 'ar' | 'en';
  return (
    <Text fz="sm" c="dimmed">
      <Text span fw={600} fz="sm">
        {t('dataUpTo.label')}:
      </Text>{' '}
      {desks.length === 0
        ? t('dataUpTo.noDesk')
        : desks.map((desk, index) => {
            const when = desk.lastSyncedAt === null ? null : formatDualInstant(desk.lastSyncedAt, language);
            return (
              <Text span key={desk.deskId} fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {index === 0 ? '' : ' · '}
                <bdi>{desk.name}</bdi>
                {t('dataUpTo.separator')}
                {when === null ? t('dataUpTo.notYet') : `${when.hijri} (${when.gregorian}) ${when.time}`}
              </Text>
            );
          })}
    </Text>
  );
}

/** Every figure of the report, grouped as the printed report groups them. */
function Sections({ figures, onOpen, language }: { figures: ReportFigures; onOpen: (drill: Drill) => void; language: string }) {
  const { t } = useTranslation(['reports', 'contacts', 'requests', 'complaints', 'eligibility', 'session']);
  const { current, previous } = figures;
  const row = (label: string, pick: (period: PeriodFigures) => number | null, drill?: FigureRow['drill'], unit?: FigureRow['unit']): FigureRow => ({
    label,
    current: pick(current),
    previous: pick(previous),
    drill,
    unit,
  });
  const name = (entry: { nameAr: string; nameEn: string | null }) => (language === 'ar' ? entry.nameAr : (entry.nameEn ?? entry.nameAr));

  const typeRows = useMemo<MatrixRow[]>(
    () =>
      current.requests.byType.map((type, index) => {
        const before = previous.requests.byType[index]!;
        const cell = (field: 'received' | 'decided' | 'notified' | 'openAtEnd' | 'overdueAtEnd') => ({
          current: type[field],
          previous: before[field],
          drill: { figure: `requests.${field}` as const, key: type.type.id },
        });
        return {
          key: type.type.id,
          label: language === 'ar' ? type.type.nameAr : type.type.nameEn,
          inactive: !type.type.active,
          cells: [cell('received'), cell('decided'), cell('notified'), cell('openAtEnd'), cell('overdueAtEnd')],
        };
      }),
    [current, previous, language],
  );

  const kindRows: MatrixRow[] = COMPLAINT_KINDS.map((kind) => {
    const cell = (field: 'opened' | 'resolved' | 'answered' | 'overdueAtEnd') => ({
      current: current.complaints.byKind[kind][field],
      previous: previous.complaints.byKind[kind][field],
      drill: { figure: `complaints.${field}` as const, key: kind },
    });
    return { key: kind, label: t(`complaints:kind.${kind}`), cells: [cell('opened'), cell('resolved'), cell('answered'), cell('overdueAtEnd')] };
  });
  const totalCell = (field: 'opened' | 'resolved' | 'answered' | 'overdueAtEnd') => ({
    current: current.complaints.total[field],
    previous: previous.complaints.total[field],
    drill: { figure: `complaints.${field}` as const },
  });
  kindRows.push({ key: 'total', label: t('kindTotal'), cells: [totalCell('opened'), totalCell('resolved'), totalCell('answered'), totalCell('overdueAtEnd')] });

  const workRows: MatrixRow[] = current.workload.map((work, index) => {
    const before = previous.workload[index]!;
    const cell = (field: 'contactsLogged' | 'inquiriesAnswered' | 'requestsHeld' | 'requestsOverdue' | 'requestsDecided' | 'complaintsAnswered') => ({
      current: work[field],
      previous: before[field],
      drill:
        field === 'contactsLogged'
          ? { figure: 'contacts.byOfficer' as const, key: work.user.id }
          : field === 'requestsHeld'
            ? { figure: 'requests.heldAtEnd' as const, key: work.user.id }
            : undefined,
    });
    return {
      key: work.user.id,
      label: work.user.displayName,
      inactive: !work.user.active,
      cells: [cell('contactsLogged'), cell('inquiriesAnswered'), cell('requestsHeld'), cell('requestsOverdue'), cell('requestsDecided'), cell('complaintsAnswered')],
    };
  });

  const referralRows: MatrixRow[] = current.referrals.map((referral, index) => {
    const before = previous.referrals[index]!;
    return {
      key: referral.authority.id,
      label: name(referral.authority),
      cells: [
        { current: referral.waiting, previous: before.waiting, drill: { figure: 'referrals.waiting', key: referral.authority.id } },
        { current: referral.oldestDays, previous: before.oldestDays, unit: 'days' },
        { current: referral.averageDays, previous: before.averageDays, unit: 'days' },
      ],
    };
  });

  return (
    <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
      <Section id="beneficiaries" title={t('sections.beneficiaries')}>
        <FigureTable
          caption={t('sections.beneficiaries')}
          onOpen={onOpen}
          rows={[
            row(t('figures.registered'), (p) => p.beneficiaries.registered, { figure: 'beneficiaries.registered' }),
            row(t('figures.eligibilityDecided'), (p) => p.eligibility.decided, { figure: 'eligibility.decided' }),
            row(t('figures.eligible'), (p) => p.eligibility.eligible, { figure: 'eligibility.decided', key: 'eligible' }),
            row(t('figures.notEligible'), (p) => p.eligibility.notEligible, { figure: 'eligibility.decided', key: 'not_eligible' }),
          ]}
        />
      </Section>

      <Section id="inquiries" title={t('sections.inquiries')}>
        <FigureTable
          caption={t('sections.inquiries')}
          onOpen={onOpen}
          rows={[
            row(t('figures.asked'), (p) => p.inquiries.asked, { figure: 'inquiries.asked' }),
            row(t('figures.answered'), (p) => p.inquiries.answered, { figure: 'inquiries.answered' }),
            row(t('figures.pendingAtEnd'), (p) => p.inquiries.pendingAtEnd, { figure: 'inquiries.pendingAtEnd' }),
            row(t('figures.minutesMedian'), (p) => p.inquiries.minutesToAnswer.median, undefined, 'minutes'),
            row(t('figures.minutesP90'), (p) => p.inquiries.minutesToAnswer.p90, undefined, 'minutes'),
          ]}
        />
      </Section>

      <Section id="contacts" title={t('sections.contacts')}>
        <FigureTable caption={t('sections.contacts')} onOpen={onOpen} rows={[row(t('figures.contactsTotal'), (p) => p.contacts.total, { figure: 'contacts.total' })]} />
        <Subtitle>{t('sections.contactsByChannel')}</Subtitle>
        <FigureTable
          caption={t('sections.contactsByChannel')}
          onOpen={onOpen}
          rows={CHANNELS.map((channel) => row(t(`contacts:channel.${channel}`), (p) => p.contacts.byChannel[channel], { figure: 'contacts.byChannel', key: channel }))}
        />
        <Subtitle>{t('sections.contactsByPurpose')}</Subtitle>
        <FigureTable
          caption={t('sections.contactsByPurpose')}
          onOpen={onOpen}
          rows={PURPOSES.map((purpose) => row(t(`contacts:purpose.${purpose}`), (p) => p.contacts.byPurpose[purpose], { figure: 'contacts.byPurpose', key: purpose }))}
        />
        <Subtitle>{t('sections.contactsByOfficer')}</Subtitle>
        <FigureTable
          caption={t('sections.contactsByOfficer')}
          onOpen={onOpen}
          rows={current.contacts.byOfficer.map((entry, index) => ({
            label: entry.user.displayName,
            current: entry.count,
            previous: previous.contacts.byOfficer[index]?.count ?? 0,
            drill: { figure: 'contacts.byOfficer', key: entry.user.id },
          }))}
        />
      </Section>

      <Section id="requests" title={t('sections.requests')}>
        <FigureTable
          caption={t('sections.requests')}
          onOpen={onOpen}
          rows={[
            row(t('figures.received'), (p) => p.requests.received, { figure: 'requests.received' }),
            row(t('figures.decided'), (p) => p.requests.decided, { figure: 'requests.decided' }),
            row(t('figures.approved'), (p) => p.requests.approved, { figure: 'requests.approved' }),
            row(t('figures.rejected'), (p) => p.requests.rejected, { figure: 'requests.rejected' }),
            row(t('figures.notified'), (p) => p.requests.notified, { figure: 'requests.notified' }),
            row(t('figures.closed'), (p) => p.requests.closed, { figure: 'requests.closed' }),
            row(t('figures.withdrawn'), (p) => p.requests.withdrawn, { figure: 'requests.withdrawn' }),
            row(t('figures.openAtEnd'), (p) => p.requests.openAtEnd, { figure: 'requests.openAtEnd' }),
            row(t('figures.overdueAtEnd'), (p) => p.requests.overdueAtEnd, { figure: 'requests.overdueAtEnd' }),
            row(t('figures.daysToDecisionMedian'), (p) => p.requests.daysToDecision.median, undefined, 'days'),
            row(t('figures.daysToDecisionP90'), (p) => p.requests.daysToDecision.p90, undefined, 'days'),
            row(t('figures.daysToNotificationMedian'), (p) => p.requests.daysToNotification.median, undefined, 'days'),
            row(t('figures.daysToNotificationP90'), (p) => p.requests.daysToNotification.p90, undefined, 'days'),
          ]}
        />
        <Subtitle>{t('sections.requestStages')}</Subtitle>
        <FigureTable
          caption={t('sections.requestStages')}
          onOpen={onOpen}
          rows={requestWorkflow.groups.open.map((stage) => row(t(`requests:stage.${stage}`), (p) => p.requests.stagesAtEnd[stage], { figure: 'requests.stageAtEnd', key: stage }))}
        />
      </Section>

      <Section id="complaints" title={t('sections.complaints')}>
        <MatrixTable
          caption={t('sections.complaints')}
          rowHeader={t('sections.complaints')}
          columns={[t('figures.opened'), t('figures.resolved'), t('figures.complaintsAnswered'), t('figures.overdueAtEnd')]}
          rows={kindRows}
          onOpen={onOpen}
        />
        <Subtitle>{t('sections.suggestions')}</Subtitle>
        <FigureTable
          caption={t('sections.suggestions')}
          onOpen={onOpen}
          rows={[
            row(t('figures.suggestionsDecided'), (p) => p.complaints.suggestionsDecided.total, { figure: 'complaints.suggestionsDecided' }),
            ...SUGGESTION_DECISIONS.map((decision) =>
              row(t(`complaints:decision.${decision}`), (p) => p.complaints.suggestionsDecided.byDecision[decision], { figure: 'complaints.suggestionsDecided', key: decision }),
            ),
          ]}
        />
      </Section>

      <Section id="referrals" title={t('sections.referrals')}>
        {referralRows.length === 0 ? (
          <Text c="dimmed">{t('none')}</Text>
        ) : (
          <MatrixTable
            caption={t('sections.referrals')}
            rowHeader={t('authority')}
            columns={[t('figures.waiting'), t('figures.oldestDays'), t('figures.averageDays')]}
            rows={referralRows}
            onOpen={onOpen}
          />
        )}
      </Section>

      <Section id="request-types" title={`${t('sections.requests')} — ${t('sections.requestTypes')}`}>
        <MatrixTable
          caption={t('sections.requestTypes')}
          rowHeader={t('typeColumns.type')}
          columns={[t('figures.received'), t('figures.decided'), t('figures.notified'), t('figures.openAtEnd'), t('figures.overdueAtEnd')]}
          rows={typeRows}
          onOpen={onOpen}
        />
      </Section>

      <Section id="workload" title={t('sections.workload')}>
        <MatrixTable
          caption={t('sections.workload')}
          rowHeader={t('workload.officer')}
          columns={[
            t('workload.contactsLogged'),
            t('workload.inquiriesAnswered'),
            t('workload.requestsHeld'),
            t('workload.requestsOverdue'),
            t('workload.requestsDecided'),
            t('workload.complaintsAnswered'),
          ]}
          rows={workRows}
          onOpen={onOpen}
        />
      </Section>
    </SimpleGrid>
  );
}
