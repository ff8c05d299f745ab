import { Alert, Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconChecks, IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus, RosterLine, SessionAttendance } from '../../../electron/api/attendance';
import { ATTENDANCE_STATUSES } from '../../../electron/api/attendance';
import { useApi } from '../../api/context';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { CheckedForm } from '../../components/CheckedForm';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { FormFooter } from '../../components/SaveForm';
import { Shortcut } from '../../components/Shortcut';
import { formatDualDate } from '../../lib/dates';
import { DisciplineNoteModal } from './DisciplineNoteModal';
import { usePrintSignInSheet } from './print';
import { STATUS_COLOR, STATUS_KEYS, STATUS_LETTER } from './statuses';

interface Mark {
  status: AttendanceStatus;
  note: string;
}

/**
 * A session's attendance on one screen, from the keyboard: the roster in the order of the names,
 * everyone present until marked otherwise. Up and down move between people; P, L, E, U (or 1 to 4)
 * mark the one in focus and move on; N opens their note (Enter or Esc comes back); A marks everyone
 * present; W records a discipline note for them; Ctrl+Enter saves the whole session at once.
 */
export function TakeAttendanceModal({
  programId,
  sessionId,
  opened,
  onClose,
}: {
  programId: string;
  sessionId: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('attendance');
  const api = useApi();
  const [chosen, setChosen] = useState<string | null>(sessionId);
  useEffect(() => {
    if (opened) setChosen(sessionId);
  }, [opened, sessionId]);
  const sessions = useCall('attendance.sessions', opened ? { programId } : null);
  // Read once per session chosen: a refresh would overwrite the marks being typed.
  const roster = useCall('attendance.session', opened && chosen ? { sessionId: chosen } : null, { followChanges: false });
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [noting, setNoting] = useState<RosterLine | null>(null);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const notes = useRef<Array<HTMLInputElement | null>>([]);
  const submit = useSubmit();
  const print = usePrintSignInSheet();
  const data: SessionAttendance | null = roster.data && roster.data.session.id === chosen ? roster.data : null;

  // The session the marks on screen were typed for: reading it again (a discipline note added) keeps them.
  const marksFor = useRef<string | null>(null);
  useEffect(() => {
    if (!opened) marksFor.current = null;
  }, [opened]);
  useEffect(() => {
    if (!data || marksFor.current === data.session.id) return;
    marksFor.current = data.session.id;
    setMarks(Object.fromEntries(data.lines.map((line) => [line.enrolmentId, { status: line.status ?? 'present', note: line.note ?? '' }])));
    // The first person is where the officer types next.
    requestAnimationFrame(() => rows.current[0]?.focus());
  }, [data]);

  const mark = (enrolmentId: string, change: Partial<Mark>) =>
    setMarks((current) => ({ ...current, [enrolmentId]: { ...(current[enrolmentId] ?? { status: 'present', note: '' }), ...change } }));
  const everyonePresent = () => setMarks((current) => Object.fromEntries(Object.entries(current).map(([id, value]) => [id, { ...value, status: 'present' as const }])));
  const focusRow = (index: number) => rows.current[Math.max(0, Math.min(index, (data?.lines.length ?? 1) - 1))]?.focus();

  const save = async () => {
    if (!data || !data.open) return;
    const exceptions = data.lines.flatMap((line) => {
      const value = marks[line.enrolmentId];
      if (!value || (value.status === 'present' && value.note.trim() === '')) return [];
      return [{ enrolmentId: line.enrolmentId, status: value.status, note: value.note }];
    });
    await submit.submit(() => api['attendance.record']({ sessionId: data.session.id, exceptions }), {
      savedMessage: (saved) => t('screen.saved', { count: saved.lines.length }),
      onSaved: () => onClose(),
    });
  };

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, line: RosterLine) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const status = STATUS_KEYS[event.code];
    if (status !== undefined && data?.open) {
      event.preventDefault();
      mark(line.enrolmentId, { status });
      focusRow(index + 1);
      return;
    }
    switch (event.code) {
      case 'ArrowDown':
        event.preventDefault();
        focusRow(index + 1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        focusRow(index - 1);
        return;
      case 'Home':
        event.preventDefault();
        focusRow(0);
        return;
      case 'End':
        event.preventDefault();
        focusRow(Number.MAX_SAFE_INTEGER);
        return;
      case 'KeyN':
      case 'Enter':
        event.preventDefault();
        notes.current[index]?.focus();
        return;
      case 'KeyA':
        event.preventDefault();
        if (data?.open) everyonePresent();
        return;
      case 'KeyW':
        event.preventDefault();
        setNoting(line);
        return;
    }
  };

  const onNoteKey = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key === 'Escape' || (event.key === 'Enter' && !event.ctrlKey && !event.metaKey)) {
      // Back to the person's line, the dialog stays open; Enter goes on to the next person.
      event.preventDefault();
      event.stopPropagation();
      focusRow(event.key === 'Enter' ? index + 1 : index);
    }
  };

  const counts = Object.fromEntries(ATTENDANCE_STATUSES.map((status) => [status, Object.values(marks).filter((value) => value.status === status).length]));
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const sessionLabel = (date: string, startsAt: string) => `${formatDualDate(date, language).gregorian} · ${formatDualDate(date, language).hijri} · ${startsAt}`;

  return (
    <>
      <Modal opened={opened} onClose={onClose} title={t('screen.title')} size="72rem">
        <CheckedForm onSave={save}>
          <Stack gap="sm">
            <Group align="flex-end" justify="space-between">
              <NativeSelect
                label={t('screen.session')}
                value={chosen ?? ''}
                onChange={(event) => setChosen(event.currentTarget.value)}
                data={(sessions.data?.sessions ?? []).map((each) => ({ value: each.id, label: sessionLabel(each.date, each.startsAt) }))}
                miw={320}
              />
              {data ? (
                <Button variant="default" leftSection={<IconPrinter size={18} />} loading={print.busy} onClick={() => void print.print(data.session.id)}>
                  {t('screen.printSheet')}
                </Button>
              ) : null}
            </Group>
            {print.failure ? (
              <Alert color="red" role="alert">
                {print.failure}
              </Alert>
            ) : null}
            {data ? (
              <>
                <Group gap="md">
                  <DualDate date={data.session.date} />
                  <Ltr>
                    {data.session.startsAt}–{data.session.endsAt}
                  </Ltr>
                  {data.session.place ?? data.program.place ? <bdi>{data.session.place ?? data.program.place}</bdi> : null}
                  {data.taken ? (
                    <Badge variant="light" color="gray">
                      {t('screen.takenBefore')}
                    </Badge>
                  ) : null}
                </Group>
                {!data.open ? (
                  <Alert color="yellow" role="note">
                    {data.program.status === 'completed' || data.program.status === 'cancelled' ? t('screen.programOver') : t('screen.notYet')}
                  </Alert>
                ) : null}
                <Text size="sm" c="dimmed">
                  {t('screen.keys')}
                </Text>
                {data.lines.length === 0 ? (
                  <Text c="dimmed">{t('screen.nobody')}</Text>
                ) : (
                  <Table aria-label={t('screen.roster')} highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('screen.name')}</Table.Th>
                        <Table.Th>{t('screen.status')}</Table.Th>
                        <Table.Th>{t('screen.note')}</Table.Th>
                        <Table.Th>{t('screen.discipline')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.lines.map((line, index) => {
                        const value = marks[line.enrolmentId] ?? { status: 'present' as const, note: '' };
                        return (
                          <Table.Tr
                            key={line.enrolmentId}
                            ref={(element) => {
                              rows.current[index] = element;
                            }}
                            tabIndex={0}
                            aria-label={`${line.beneficiary.fullName}: ${t(`status.${value.status}`)}`}
                            onKeyDown={(event) => onRowKey(event, index, line)}
                            className="attendance-line"
                          >
                            <Table.Td>
                              <Stack gap={0}>
                                <Text fw={500} dir="auto" w="fit-content">
                                  {line.beneficiary.fullName}
                                </Text>
                                <Text size="xs" c="dimmed">
                                  <Ltr>{line.beneficiary.fileNumber}</Ltr>
                                </Text>
                              </Stack>
                            </Table.Td>
                            <Table.Td>
                              <Group gap={4} wrap="nowrap">
                                {ATTENDANCE_STATUSES.map((status) => (
                                  <Button
                                    key={status}
                                    size="compact-xs"
                                    tabIndex={-1}
                                    disabled={!data.open}
                                    variant={value.status === status ? 'filled' : 'default'}
                                    color={STATUS_COLOR[status]}
                                    aria-pressed={value.status === status}
                                    title={t(`status.${status}`)}
                                    onClick={() => mark(line.enrolmentId, { status })}
                                  >
                                    {value.status === status ? `${STATUS_LETTER[status]} · ${t(`status.${status}`)}` : STATUS_LETTER[status]}
                                  </Button>
                                ))}
                              </Group>
                            </Table.Td>
                            <Table.Td>
                              <TextInput
                                ref={(element) => {
                                  notes.current[index] = element;
                                }}
                                size="xs"
                                tabIndex={-1}
                                disabled={!data.open}
                                aria-label={t('screen.noteFor', { name: line.beneficiary.fullName })}
                                value={value.note}
                                onChange={(event) => mark(line.enrolmentId, { note: event.currentTarget.value })}
                                onKeyDown={(event) => onNoteKey(event, index)}
                                error={submit.errors[`exceptions.${index}.note`]}
                              />
                            </Table.Td>
                            <Table.Td>
                              {line.warnings > 0 ? (
                                <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={12} />}>
                                  {t('screen.warnings', { count: line.warnings })}
                                </Badge>
                              ) : null}
                              {line.disciplineNotes[0] ? (
                                <Text size="xs" c="dimmed" dir="auto" lineClamp={1} maw={220}>
                                  {line.disciplineNotes[0].whatHappened}
                                </Text>
                              ) : null}
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                )}
                <Group gap="md">
                  {ATTENDANCE_STATUSES.map((status) => (
                    <Text key={status} size="sm">
                      {t(`status.${status}`)}: <b>{counts[status]}</b>
                    </Text>
                  ))}
                  {data.open ? (
                    <Button variant="subtle" size="compact-sm" leftSection={<IconChecks size={16} />} onClick={everyonePresent}>
                      {t('screen.everyonePresent')}
                      <Shortcut keys={['A']} />
                    </Button>
                  ) : null}
                </Group>
              </>
            ) : roster.error ? (
              <Alert color="red" role="alert">
                {t('screen.unreadable')}
              </Alert>
            ) : null}
            <FormFooter failure={submit.failure} busy={submit.busy} onCancel={onClose} cancelLabel={t('screen.cancel')} saveLabel={t('screen.save')} />
          </Stack>
        </CheckedForm>
      </Modal>
      <DisciplineNoteModal
        line={noting}
        onClose={() => {
          const index = data?.lines.findIndex((line) => line.enrolmentId === noting?.enrolmentId) ?? 0;
          setNoting(null);
          requestAnimationFrame(() => focusRow(index));
        }}
        onSaved={() => roster.reload()}
      />
    </>
  );
}
