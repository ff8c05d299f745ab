import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconFileImport, IconFileExport, IconPaperclip, IconFileOff, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterDirection, LetterView } from '../../../electron/api/letters';
import { byPhysicalKey } from '../../app/hotkeys';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr, TypedCode } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';
import { LetterDetailsModal } from './LetterDetailsModal';
import { LetterModal } from './LetterModal';
import { LetterPreviewModal } from './LetterPreviewModal';
import { registerLines } from './register-lines';
import { ExportMenu } from '../exports/ExportMenu';
import { ChoiceField } from '../../components/ChoiceField';

const PAGE_SIZE = 50;

/** A date filter applies once it is a whole date; half-typed, it filters nothing yet. */
const asFilterDate = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/** The register of incoming and outgoing letters (الصادر والوارد). */
export function LettersPage() {
  const { t, i18n } = useTranslation('letters');
  const errorMessage = useErrorMessage();
  const [direction, setDirection] = useState<'all' | LetterDirection>('all');
  const [authorityId, setAuthorityId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [typed] = useDebouncedValue(text.trim(), 250);
  const [offset, setOffset] = useState(0);
  const [registering, setRegistering] = useState<LetterDirection | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [printing, setPrinting] = useState<string | null>(null);

  // Every letter's body, inactive ones included: old letters name them.
  const authorities = useCall('authorities.list', { includeInactive: true });
  const letters = useCall('letters.list', {
    direction: direction === 'all' ? null : direction,
    authorityId,
    from: asFilterDate(from),
    to: asFilterDate(to),
    text: typed === '' ? null : typed,
    limit: PAGE_SIZE,
    offset,
  });

  // Only from the register itself: inside an open form or letter they would change what is on screen.
  const nothingOpen = registering === null && opened === null && printing === null;
  useHotkeys(
    byPhysicalKey([
      ['alt+I', () => nothingOpen && setRegistering('incoming')],
      ['alt+O', () => nothingOpen && setRegistering('outgoing')],
    ]),
  );

  /** A filter change starts again from the first page. */
  const filtered =
    <T,>(apply: (value: T) => void) =>
    (value: T) => {
      apply(value);
      setOffset(0);
    };

  const authorityName = (authority: NonNullable<LetterView['authority']>) =>
    i18n.language === 'en' && authority.nameEn ? authority.nameEn : authority.nameAr;
  const page = letters.data;
  const total = page?.total ?? 0;
  const hasFilters = direction !== 'all' || authorityId !== null || from !== '' || to !== '' || text !== '';

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{t('title')}</Title>
          <Text c="dimmed">{t('intro')}</Text>
        </Stack>
        <Group>
          <ExportMenu
            subject={{
              kind: 'letters',
              filters: { direction: direction === 'all' ? null : direction, authorityId, from: asFilterDate(from), to: asFilterDate(to), text: typed === '' ? null : typed },
            }}
            disabled={total === 0}
          />
          <Button leftSection={<IconFileImport size={18} />} onClick={() => setRegistering('incoming')}>
            {t('actions.registerIncoming')}
            <Shortcut keys={['Alt', 'I']} />
          </Button>
          <Button variant="light" leftSection={<IconFileExport size={18} />} onClick={() => setRegistering('outgoing')}>
            {t('actions.newOutgoing')}
            <Shortcut keys={['Alt', 'O']} />
          </Button>
        </Group>
      </Group>

      <Paper withBorder radius="lg" p="md" component="section" aria-label={t('filters.label')}>
        <Group align="flex-end" gap="md">
          <SegmentedControl
            aria-label={t('columns.direction')}
            data={[
              { value: 'all', label: t('filters.all') },
              { value: 'incoming', label: t('direction.incoming') },
              { value: 'outgoing', label: t('direction.outgoing') },
            ]}
            value={direction}
            onChange={filtered((value: string) => setDirection(value as 'all' | LetterDirection))}
          />
          <ChoiceField
            label={t('filters.authority')}
            placeholder={t('filters.anyAuthority')}
            data={(authorities.data ?? []).map((authority) => ({ value: authority.id, label: authorityName(authority) }))}
            value={authorityId}
            onChange={filtered(setAuthorityId)}
            searchable
            clearable
            w={260}
          />
          <DateField label={t('filters.from')} value={from} onChange={filtered(setFrom)} />
          <DateField label={t('filters.to')} value={to} onChange={filtered(setTo)} />
          <TextInput
            label={t('filters.text')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setOffset(0);
            }}
            w={240}
          />
          {hasFilters ? (
            <Button
              variant="subtle"
              onClick={() => {
                setDirection('all');
                setAuthorityId(null);
                setFrom('');
                setTo('');
                setText('');
                setOffset(0);
              }}
            >
              {t('filters.clear')}
            </Button>
          ) : null}
        </Group>
      </Paper>

      {letters.error ? (
        <Alert color="red" role="alert">
          {errorMessage(letters.error)}
        </Alert>
      ) : null}

      <Paper withBorder radius="lg">
        <ListTable
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover
          label={t('title')}
          rows={page ? registerLines(page) : null}
          rowKey={(line) => (line.letter ? line.letter.id : `void-${line.voided.number}`)}
          onOpen={(line) => line.letter && setOpened(line.letter.id)}
          emptyMessage={t('empty')}
          columns={[
            {
              header: t('columns.number'),
              cell: ({ letter, voided }) =>
                voided ? (
                  <Text component="span" c="dimmed" td="line-through">
                    <TypedCode>{voided.number}</TypedCode>
                  </Text>
                ) : (
                  // The row's keyboard way in: a button named for the letter.
                  <Anchor
                    component="button"
                    type="button"
                    fw={500}
                    aria-label={t('actions.open', { number: letter.number })}
                    onClick={(event) => {
                      event.stopPropagation();
                      setOpened(letter.id);
                    }}
                  >
                    <TypedCode>{letter.number}</TypedCode>
                  </Anchor>
                ),
            },
            { header: t('columns.date'), cell: ({ letter }) => (letter ? <DualDate date={letter.letterDate} /> : null) },
            {
              header: t('columns.direction'),
              cell: ({ letter }) =>
                letter ? (
                  <Badge color={letter.direction === 'incoming' ? 'blue' : 'grape'} variant="light" radius="sm">
                    {t(`direction.${letter.direction}`)}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="outline" radius="sm">
                    {t('voided.badge')}
                  </Badge>
                ),
            },
            { header: t('columns.party'), cell: ({ letter }) => (letter ? (letter.authority ? authorityName(letter.authority) : (letter.beneficiary?.name ?? '')) : null) },
            {
              header: t('columns.subject'),
              cell: ({ letter, voided }) =>
                voided ? <Text c="dimmed">{t('voided.yearEnded')}</Text> : letter.erased ? <Text c="dimmed">{letter.subject}</Text> : letter.subject,
              cellProps: { dir: 'auto' },
            },
            {
              header: t('columns.scan'),
              cell: ({ letter }) =>
                !letter ? null : letter.scan ? (
                  <Tooltip label={t('hasScan')}>
                    <IconPaperclip size={18} aria-label={t('hasScan')} />
                  </Tooltip>
                ) : letter.scanErased ? (
                  <Tooltip label={t('scanErasedShort')}>
                    <IconFileOff size={18} aria-label={t('scanErasedShort')} color="var(--mantine-color-dimmed)" />
                  </Tooltip>
                ) : null,
            },
            {
              header: t('columns.request'),
              cell: ({ letter }) => (letter?.request ? <Ltr>{letter.request.number}</Ltr> : null),
              cellProps: { style: { whiteSpace: 'nowrap' } },
            },
          ]}
        />
      </Paper>

      {total > PAGE_SIZE ? (
        <Group justify="space-between">
          <Text c="dimmed" fz="sm">
            {t('pageInfo', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total })}
          </Text>
          <Group gap="xs">
            <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              {t('previousPage')}
            </Button>
            <Button variant="default" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {t('nextPage')}
            </Button>
          </Group>
        </Group>
      ) : null}

      <LetterModal
        opened={registering !== null}
        direction={registering ?? undefined}
        onClose={() => setRegistering(null)}
        onRegistered={(letter) => {
          // A new outgoing letter is printed next, most of the time.
          if (registering === 'outgoing') setPrinting(letter.id);
          setRegistering(null);
          letters.reload();
        }}
      />
      <LetterDetailsModal letterId={opened} onClose={() => setOpened(null)} />
      <LetterPreviewModal letterId={printing} onClose={() => setPrinting(null)} />
    </Stack>
  );
}
