import { Anchor, Button, Checkbox, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { COMPLAINT_KINDS, COMPLAINT_STAGES, REGISTER_DECISIONS, type ComplaintKind, type ComplaintStage } from '../../../electron/api/complaints';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { useSession } from '../session/session-context';
import { NewComplaintModal } from './NewComplaintModal';
import { DecisionBadge, DueDate, personOf, StageBadge } from './parts';
import { ExportMenu } from '../exports/ExportMenu';
import { ChoiceField } from '../../components/ChoiceField';

const PAGE_SIZE = 50;
type Tab = ComplaintKind | 'register';

/** Complaints, notes and suggestions, and the suggestions register. */
export function ComplaintsPage() {
  const { t } = useTranslation('complaints');
  const [tab, setTab] = useState<Tab>('complaint');
  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={2}>
        <Title order={2}>{t('title')}</Title>
        <Text c="dimmed">{t('intro')}</Text>
      </Stack>
      <Tabs value={tab} onChange={(value) => setTab((value ?? 'complaint') as Tab)} keepMounted={false}>
        <Tabs.List>
          {COMPLAINT_KINDS.map((kind) => (
            <Tabs.Tab key={kind} value={kind}>
              {t(`tabs.${kind}`)}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="register">{t('tabs.register')}</Tabs.Tab>
        </Tabs.List>
        {COMPLAINT_KINDS.map((kind) => (
          <Tabs.Panel key={kind} value={kind} pt="md">
            <ComplaintList kind={kind} />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="register" pt="md">
          <SuggestionsRegister />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ComplaintList({ kind }: { kind: ComplaintKind }) {
  const { t } = useTranslation('complaints');
  const errorMessage = useErrorMessage();
  const session = useSession();
  const [, navigate] = useLocation();
  const [stage, setStage] = useState<ComplaintStage | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [mine, setMine] = useState(false);
  const [offset, setOffset] = useState(0);
  const [receiving, setReceiving] = useState(false);
  const userId = session.state.user?.id;
  const page = useCall('complaints.list', {
    kind,
    ...(stage ? { stage } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(mine && userId ? { ownerId: userId } : {}),
    limit: PAGE_SIZE,
    offset,
  });
  const open = (id: string) => navigate(`/complaints/${id}`);
  const total = page.data?.total ?? 0;
  // A filter changed: back to the first page.
  const filtered = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <ChoiceField
            label={t('filters.stage')}
            placeholder={t('filters.anyStage')}
            data={COMPLAINT_STAGES.map((value) => ({ value, label: t(`status.${value}`) }))}
            value={stage}
            onChange={filtered((value: string | null) => setStage(value as ComplaintStage | null))}
            clearable
            w={220}
          />
          <Checkbox label={t('filters.overdue')} checked={overdue} onChange={(event) => filtered(setOverdue)(event.currentTarget.checked)} mb={8} />
          <Checkbox label={t('filters.mine')} checked={mine} onChange={(event) => filtered(setMine)(event.currentTarget.checked)} mb={8} />
        </Group>
        <Group>
          <ExportMenu
            subject={{ kind: 'complaints', filters: { kind, ...(stage ? { stage } : {}), ...(overdue ? { overdue: true } : {}), ...(mine && userId ? { ownerId: userId } : {}) } }}
            disabled={total === 0}
          />
          <Button leftSection={<IconPlus size={18} />} onClick={() => setReceiving(true)}>
            {t(`new.button.${kind}`)}
          </Button>
        </Group>
      </Group>
      {page.error ? <Text c="red">{errorMessage(page.error)}</Text> : null}
      <Paper withBorder radius="lg">
        <ListTable
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover
          label={t(`tabs.${kind}`)}
          rows={page.data?.rows ?? null}
          rowKey={(row) => row.id}
          onOpen={(row) => open(row.id)}
          columns={[
            { header: t('columns.number'), cell: (row) => <NumberButton number={row.number} onOpen={() => open(row.id)} /> },
            { header: t('columns.person'), cell: personOf },
            { header: t('columns.about'), cell: (row) => (row.aboutStaff ? `${t('about.staff')}: ${row.aboutStaff.displayName}` : t(`about.${row.about}`)) },
            { header: t('columns.subject'), cell: (row) => row.subject },
            { header: t('columns.stage'), cell: (row) => <StageBadge stage={row.stage} /> },
            { header: t('columns.owner'), cell: (row) => row.owner.displayName },
            { header: t('columns.due'), cell: (row) => <DueDate complaint={row} /> },
          ]}
        />
        {page.data && page.data.rows.length === 0 ? (
          <Text c="dimmed" p="md">
            {t('empty')}
          </Text>
        ) : null}
      </Paper>
      <Group justify="space-between">
        <Text c="dimmed">{t('total', { count: total })}</Text>
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            {t('previous')}
          </Button>
          <Button variant="default" size="xs" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
            {t('next')}
          </Button>
        </Group>
      </Group>
      <NewComplaintModal
        opened={receiving}
        onClose={() => setReceiving(false)}
        beneficiaryId={null}
        kind={kind}
        onReceived={(complaint) => open(complaint.id)}
      />
    </Stack>
  );
}

/** The policy's register: every suggestion, the decision on it and when, and the improvement made. */
function SuggestionsRegister() {
  const { t } = useTranslation('complaints');
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const [decision, setDecision] = useState<(typeof REGISTER_DECISIONS)[number] | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const open = (id: string) => navigate(`/complaints/${id}`);
  const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  const register = useCall('complaints.suggestionsRegister', {
    ...(decision ? { decision } : {}),
    ...(isDate(from) ? { from } : {}),
    ...(isDate(to) ? { to } : {}),
  });

  return (
    <Stack gap="md">
      <Text c="dimmed">{t('registerIntro')}</Text>
      <Group align="flex-start">
        <ChoiceField
          label={t('filters.decision')}
          placeholder={t('filters.anyDecision')}
          data={REGISTER_DECISIONS.map((value) => ({ value, label: t(`decision.${value}`) }))}
          value={decision}
          onChange={(value) => setDecision(value as (typeof REGISTER_DECISIONS)[number] | null)}
          clearable
          w={220}
        />
        <DateField label={t('filters.from')} value={from} onChange={setFrom} />
        <DateField label={t('filters.to')} value={to} onChange={setTo} />
      </Group>
      {register.error ? <Text c="red">{errorMessage(register.error)}</Text> : null}
      <Paper withBorder radius="lg">
        <ListTable
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover
          label={t('tabs.register')}
          rows={register.data}
          rowKey={(entry) => entry.id}
          onOpen={(entry) => open(entry.id)}
          columns={[
            { header: t('columns.number'), cell: (entry) => <NumberButton number={entry.number} onOpen={() => open(entry.id)} /> },
            { header: t('columns.received'), cell: (entry) => <DualDate instant={entry.receivedAt} /> },
            { header: t('columns.person'), cell: personOf },
            { header: t('columns.subject'), cell: (entry) => entry.subject },
            { header: t('columns.decision'), cell: (entry) => <DecisionBadge decision={entry.decision} /> },
            { header: t('columns.decidedAt'), cell: (entry) => (entry.decidedAt ? <DualDate instant={entry.decidedAt} /> : null) },
            { header: t('columns.improvement'), cell: (entry) => entry.improvement },
          ]}
        />
        {register.data && register.data.length === 0 ? (
          <Text c="dimmed" p="md">
            {t('registerEmpty')}
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}

/** A row's number: the row opens on a click, and from the keyboard by this button it holds. */
function NumberButton({ number, onOpen }: { number: string; onOpen: () => void }) {
  return (
    <Anchor
      component="button"
      type="button"
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      <Ltr>{number}</Ltr>
    </Anchor>
  );
}
