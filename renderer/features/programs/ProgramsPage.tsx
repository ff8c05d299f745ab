import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { PROGRAM_KINDS, PROGRAM_STATUSES, type ProgramKind, type ProgramStatus } from '../../../electron/api/programs';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { ChoiceField } from '../../components/ChoiceField';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { VerifyCertificateButton } from '../enrolments/VerifyCertificateModal';
import { ExportMenu } from '../exports/ExportMenu';
import { useSession } from '../session/session-context';
import { ProgramEditorModal } from './ProgramEditorModal';
import { ProgramStatusBadge, useFeeText } from './parts';

const PAGE_SIZE = 50;

/** The programs catalog: every program, where it stands, its dates, places and the fee in force. */
export function ProgramsPage() {
  const { t, i18n } = useTranslation('programs');
  const errorMessage = useErrorMessage();
  const session = useSession();
  const [, navigate] = useLocation();
  const feeText = useFeeText();
  const [status, setStatus] = useState<ProgramStatus | null>(null);
  const [kind, setKind] = useState<ProgramKind | null>(null);
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const filters = {
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
  };
  const page = useCall('programs.list', { ...filters, limit: PAGE_SIZE, offset });
  const open = (id: string) => navigate(`/programs/${id}`);
  const total = page.data?.total ?? 0;
  const filtered = (change: () => void) => {
    change();
    setOffset(0);
  };
  const nameOf = (row: { nameAr: string; nameEn: string | null }) => (i18n.language === 'en' && row.nameEn ? row.nameEn : row.nameAr);
  const filtering = status !== null || kind !== null || text.trim() !== '';

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('title')}</Title>
        <Group>
          <ExportMenu subject={{ kind: 'programs', filters }} disabled={total === 0} />
          <VerifyCertificateButton />
          {session.can('programs.manage') ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              {t('list.new')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label={t('list.search')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => {
            const value = event.currentTarget.value;
            filtered(() => setText(value));
          }}
          w={300}
          data-autofocus
          autoFocus
        />
        <ChoiceField
          label={t('list.status')}
          placeholder={t('list.anyStatus')}
          data={PROGRAM_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
          value={status}
          onChange={(value) => filtered(() => setStatus(value as ProgramStatus | null))}
          clearable
          w={220}
        />
        <ChoiceField
          label={t('list.kind')}
          placeholder={t('list.anyKind')}
          data={PROGRAM_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
          value={kind}
          onChange={(value) => filtered(() => setKind(value as ProgramKind | null))}
          clearable
          w={200}
        />
      </Group>
      {page.error ? <Text c="red">{errorMessage(page.error)}</Text> : null}
      <Paper withBorder radius="lg">
        <ListTable
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover
          label={t('title')}
          rows={page.data?.rows ?? null}
          rowKey={(row) => row.id}
          onOpen={(row) => open(row.id)}
          columns={[
            {
              header: t('list.columns.name'),
              cell: (row) => (
                <Anchor
                  component="button"
                  type="button"
                  ta="start"
                  onClick={(event) => {
                    event.stopPropagation();
                    open(row.id);
                  }}
                >
                  {nameOf(row)}
                </Anchor>
              ),
            },
            { header: t('list.columns.kind'), cell: (row) => t(`kinds.${row.kind}`) },
            { header: t('list.columns.status'), cell: (row) => <ProgramStatusBadge status={row.status} /> },
            {
              header: t('list.columns.dates'),
              cell: (row) => (
                <Stack gap={0}>
                  <DualDate date={row.startsOn} />
                  <DualDate date={row.endsOn} />
                </Stack>
              ),
            },
            { header: t('list.columns.capacity'), cell: (row) => row.capacity },
            { header: t('list.columns.sessions'), cell: (row) => row.sessionCount },
            {
              header: t('list.columns.fee'),
              cell: (row) => (row.currentFee ? feeText(row.currentFee.amount) : <Text c="dimmed">{t('list.noFee')}</Text>),
            },
          ]}
        />
        {page.data && page.data.rows.length === 0 ? (
          <Text c="dimmed" p="md">
            {filtering ? t('list.noMatch') : t('list.empty')}
          </Text>
        ) : null}
      </Paper>
      <Group justify="space-between">
        <Text c="dimmed">{t('list.total', { count: total })}</Text>
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            {t('list.previous')}
          </Button>
          <Button variant="default" size="xs" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
            {t('list.next')}
          </Button>
        </Group>
      </Group>
      <ProgramEditorModal opened={creating} program={null} onClose={() => setCreating(false)} onSaved={(program) => open(program.id)} />
    </Stack>
  );
}
