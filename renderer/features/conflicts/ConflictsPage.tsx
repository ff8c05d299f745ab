import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BeneficiarySummary } from '../../../electron/api/beneficiaries';
import type { ComplaintStage } from '../../../electron/api/complaints';
import type { EnrolmentStage } from '../../../electron/api/enrolments';
import type { RequestStage } from '../../../electron/api/requests';
import type { ConflictList, ConflictSide, ConflictView, NumberedRecord } from '../../../electron/api/conflicts';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { isolateAuto, isolateLtr } from '../../lib/bidi';
import { formatDualInstant } from '../../lib/dates';

/**
 * What the merge of the office's desks left for a supervisor: both versions side by side, with who
 * and when; keep one, or take the other back; for one person registered twice, merge the two files
 * or keep them as two people's. Each settlement is audited and reaches every desk.
 */
export function ConflictsPage() {
  const { t } = useTranslation('conflicts');
  const errorMessage = useErrorMessage();
  const loaded = useCall('conflicts.list', {});
  const [list, setList] = useState<ConflictList | null>(null);
  const firstAction = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (loaded.data) setList(loaded.data);
  }, [loaded.data]);
  // The officer's hands are on the keyboard: the first conflict's first choice is where they start.
  const firstId = list?.conflicts[0]?.id;
  useEffect(() => {
    firstAction.current?.focus();
  }, [firstId]);

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <Title order={2}>{t('title')}</Title>
        <Text c="dimmed">{t('intro')}</Text>
      </Stack>
      {loaded.error ? <Alert color="red">{errorMessage(loaded.error)}</Alert> : null}
      {list && list.conflicts.length === 0 ? <Alert color="teal">{t('none')}</Alert> : null}
      {list && list.total > list.conflicts.length ? <Text c="dimmed">{t('more', { shown: list.conflicts.length, total: list.total })}</Text> : null}
      {list?.conflicts.map((conflict, index) => (
        <ConflictCard key={conflict.id} conflict={conflict} onSettled={setList} firstAction={index === 0 ? firstAction : undefined} />
      ))}
      <HeldChanges />
    </Stack>
  );
}

/** The changes received and not taken yet: tried again at every round; listed for whoever looks into why. */
function HeldChanges() {
  const { t } = useTranslation('conflicts');
  const held = useCall('conflicts.held', {});
  if (!held.data || held.data.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="held-changes">
      <Stack gap="xs">
        <Text fw={600} id="held-changes">
          {t('held.title', { count: held.data.length })}
        </Text>
        <Text c="dimmed" fz="sm">
          {t('held.intro')}
        </Text>
        {held.data.map((change) => (
          <Text key={change.serverSeq} fz="sm">
            <FieldName entity={change.entity} field={null} /> · <Ltr>{change.action}</Ltr> · <Ltr>{change.reason}</Ltr> · <DualDate instant={change.receivedAt} />
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

const KIND_COLORS = { field: 'yellow', deleted: 'red', duplicate: 'orange', stage: 'grape', number: 'cyan' } as const;

function ConflictCard({ conflict, onSettled, firstAction }: { conflict: ConflictView; onSettled: (list: ConflictList) => void; firstAction?: React.Ref<HTMLButtonElement> }) {
  const { t, i18n } = useTranslation('conflicts');
  const api = useApi();
  const settling = useSubmit();
  const [merging, setMerging] = useState<BeneficiarySummary | null>(null);
  const settle = (outcome: 'kept' | 'other_kept') =>
    settling.submit(() => api['conflicts.settle']({ id: conflict.id, outcome }), { onSaved: onSettled, savedMessage: t('settled') });
  const merge = (keep: BeneficiarySummary) =>
    settling.submit(() => api['conflicts.merge']({ id: conflict.id, keepId: keep.id }), {
      onSaved: (list) => {
        setMerging(null);
        onSettled(list);
      },
      savedMessage: t('merged', { fileNumber: isolateLtr(keep.fileNumber) }),
    });
  const renumber = (renumberId: string) =>
    settling.submit(() => api['conflicts.renumber']({ id: conflict.id, renumberId }), { onSaved: onSettled, savedMessage: t('renumbered') });
  const titleId = `conflict-${conflict.id}`;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Badge color={KIND_COLORS[conflict.kind]}>{t(`kind.${conflict.kind}`)}</Badge>
            <Text fw={600} id={titleId}>
              {conflict.kind === 'duplicate' ? (
                t('duplicateTitle')
              ) : conflict.kind === 'number' && conflict.numbered ? (
                <>
                  {t('numberTitle')} <Ltr>{conflict.numbered.number}</Ltr>
                </>
              ) : (
                <FieldName entity={conflict.entity} field={conflict.field} />
              )}
            </Text>
            {/* A duplicate names both files below. */}
            {conflict.person && conflict.kind !== 'duplicate' ? (
              <Link href={`/beneficiaries/${conflict.person.id}`}>
                {conflict.person.fullName} · <Ltr>{conflict.person.fileNumber}</Ltr>
              </Link>
            ) : null}
          </Group>
          <Text c="dimmed" fz="sm">
            {t('found')} <DualDate instant={conflict.foundAt} />
          </Text>
        </Group>

        {conflict.kind === 'number' && conflict.numbered ? (
          <SimpleGrid cols={2}>
            {conflict.numbered.records.map((record) => (
              <NumberedSummary key={record.id} record={record} number={conflict.numbered!.number} />
            ))}
          </SimpleGrid>
        ) : conflict.kind === 'duplicate' && conflict.files ? (
          <SimpleGrid cols={2}>
            {conflict.files.map((file) => (
              <FileSummary key={file.id} file={file} />
            ))}
          </SimpleGrid>
        ) : (
          <SimpleGrid cols={2}>
            <Side title={t(conflict.kind === 'deleted' ? 'deletion' : 'kept')} side={conflict.kept} deletion={conflict.kind === 'deleted'} stageOf={stageNamer(conflict)} />
            <Side title={t(conflict.kind === 'stage' ? 'stepLost' : 'lost')} side={conflict.lost} stageOf={stageNamer(conflict)} />
          </SimpleGrid>
        )}

        {settling.failure ? <Alert color="red">{settling.failure}</Alert> : null}
        <Group gap="sm">
          {conflict.kind === 'field' ? (
            <>
              <Button ref={firstAction} onClick={() => void settle('kept')} loading={settling.busy}>
                {t('keepCurrent')}
              </Button>
              <Button variant="default" onClick={() => void settle('other_kept')} loading={settling.busy}>
                {t('takeOtherBack')}
              </Button>
            </>
          ) : null}
          {conflict.kind === 'deleted' || conflict.kind === 'stage' ? (
            <Button ref={firstAction} onClick={() => void settle('kept')} loading={settling.busy}>
              {t(conflict.kind === 'deleted' ? 'deletionStands' : 'stageStands')}
            </Button>
          ) : null}
          {conflict.kind === 'duplicate' && conflict.files
            ? conflict.files.map((file, index) => (
                <Button key={file.id} ref={index === 0 ? firstAction : undefined} onClick={() => setMerging(file)}>
                  {t('mergeInto', { fileNumber: isolateLtr(file.fileNumber) })}
                </Button>
              ))
            : null}
          {conflict.kind === 'duplicate' ? (
            <Button variant="default" onClick={() => void settle('kept')} loading={settling.busy}>
              {t('notSamePerson')}
            </Button>
          ) : null}
          {conflict.kind === 'number' && conflict.numbered
            ? conflict.numbered.records.map((record, index) => (
                <Button key={record.id} ref={index === 0 ? firstAction : undefined} variant={index === 0 ? 'filled' : 'default'} onClick={() => void renumber(record.id)} loading={settling.busy}>
                  {t('renumber', { who: isolateAuto(record.personName ?? t('withoutPerson')), when: formatDualInstant(record.createdAt, i18n.language as 'ar' | 'en').gregorian })}
                </Button>
              ))
            : null}
        </Group>
      </Stack>

      <Modal opened={merging !== null} onClose={() => setMerging(null)} title={t('confirmMergeTitle')}>
        {merging ? (
          <Stack>
            <Text>{t('confirmMerge', { fileNumber: isolateLtr(merging.fileNumber), other: isolateLtr(conflict.files?.find((file) => file.id !== merging.id)?.fileNumber ?? '') })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setMerging(null)}>
                {t('cancel')}
              </Button>
              <Button data-autofocus color="orange" onClick={() => void merge(merging)} loading={settling.busy}>
                {t('mergeInto', { fileNumber: isolateLtr(merging.fileNumber) })}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Paper>
  );
}

/** A field's name as the officer knows it, or the record's kind for a whole record. */
function FieldName({ entity, field }: { entity: string; field: string | null }) {
  const { t } = useTranslation('conflicts');
  // Names the officer knows for the tables and columns most conflicts are about; the rest are shown as stored.
  const record = t(`entity.${entity}`, { defaultValue: '' }) || <Ltr>{entity}</Ltr>;
  const fieldName = field === null ? null : t(`field.${field}`, { defaultValue: '' }) || <Ltr>{field}</Ltr>;
  if (fieldName === null) return <>{record}</>;
  if (entity === '') return <>{fieldName}</>;
  return (
    <>
      {record} · {fieldName}
    </>
  );
}

/** A case's stage named as its own screens name it. */
function stageNamer(conflict: ConflictView): ((stage: string) => string) | undefined {
  if (conflict.kind !== 'stage') return undefined;
  if (conflict.entity === 'program_enrolments') return (stage) => i18next.t(`enrolments:stage.${stage as EnrolmentStage}`);
  return conflict.entity === 'requests' ? (stage) => i18next.t(`requests:stage.${stage as RequestStage}`) : (stage) => i18next.t(`complaints:stage.${stage as ComplaintStage}`);
}

function Side({ title, side, deletion = false, stageOf }: { title: string; side: ConflictSide; deletion?: boolean; stageOf?: (stage: string) => string }) {
  const { t } = useTranslation('conflicts');
  return (
    <Paper bg="var(--mantine-color-gray-0)" p="sm" radius="sm">
      <Stack gap={4}>
        <Text fz="sm" c="dimmed">
          {title}
        </Text>
        <Text fw={600}>{deletion ? t('deleted') : stageOf && typeof side.value === 'string' ? stageOf(side.value) : <ShownValue value={side.value} />}</Text>
        <Text fz="sm">
          {side.by.displayName || t('unknownUser')} · <DualDate instant={side.at} />
        </Text>
      </Stack>
    </Paper>
  );
}

/** A value as stored: text as it is, an empty one as a dash, the fields of a record one per line. */
function ShownValue({ value }: { value: unknown }) {
  const { t } = useTranslation('conflicts');
  if (value === null || value === '') return <>—</>;
  if (typeof value === 'object') {
    return (
      <Stack gap={0} component="span">
        {Object.entries(value as Record<string, unknown>).map(([field, inner]) => (
          <Text key={field} component="span" fw={400}>
            <FieldName entity="" field={field} />: {inner === null ? '—' : String(inner)}
          </Text>
        ))}
      </Stack>
    );
  }
  return <>{typeof value === 'number' && (value === 0 || value === 1) ? t(value === 1 ? 'yes' : 'no') : String(value)}</>;
}

/** Where a record of the office opens, by its table. */
const RECORD_PAGES: Record<string, (id: string) => string> = {
  beneficiaries: (id) => `/beneficiaries/${id}`,
  requests: (id) => `/requests/${id}`,
  complaints: (id) => `/complaints/${id}`,
};

function NumberedSummary({ record, number }: { record: NumberedRecord; number: string }) {
  const { t } = useTranslation('conflicts');
  const page = RECORD_PAGES[record.entity];
  const title = (
    <>
      <FieldName entity={record.entity} field={null} /> <Ltr>{number}</Ltr>
    </>
  );
  return (
    <Paper bg="var(--mantine-color-gray-0)" p="sm" radius="sm">
      <Stack gap={2}>
        {page ? <Link href={page(record.id)}>{title}</Link> : <Text fw={600}>{title}</Text>}
        <Text fz="sm">
          {record.personName ?? t('withoutPerson')} · <DualDate instant={record.createdAt} />
        </Text>
      </Stack>
    </Paper>
  );
}

function FileSummary({ file }: { file: BeneficiarySummary }) {
  const { t } = useTranslation('conflicts');
  return (
    <Paper bg="var(--mantine-color-gray-0)" p="sm" radius="sm">
      <Stack gap={2}>
        <Link href={`/beneficiaries/${file.id}`}>
          <Text fw={600} component="span">
            {file.fullName}
          </Text>
        </Link>
        <Text fz="sm">
          {t('fileNumber')} <Ltr>{file.fileNumber}</Ltr> · {t('idTail')} <Ltr>{file.idTail}</Ltr>
          {file.phoneTail ? (
            <>
              {' '}
              · {t('phoneTail')} <Ltr>{file.phoneTail}</Ltr>
            </>
          ) : null}
        </Text>
      </Stack>
    </Paper>
  );
}
