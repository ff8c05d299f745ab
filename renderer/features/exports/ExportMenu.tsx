import { Button, Group, Menu, Modal, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileSpreadsheet, IconFileText, IconFileTypePdf } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS, type ExportFormat, type ExportJob, type ExportSubjectInput, type SensitiveColumns } from '../../../electron/api/exports';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { saveFile } from '../../lib/save-file';
import { useSession } from '../session/session-context';
import { SensitiveColumnsDialog } from './SensitiveColumnsDialog';

/** An export that takes longer than this shows its progress and can be cancelled. */
const SHOW_PROGRESS_AFTER_MS = 1000;
const POLL_MS = 200;

const ICONS: Record<ExportFormat, typeof IconDownload> = { pdf: IconFileTypePdf, xlsx: IconFileSpreadsheet, csv: IconFileText };

/**
 * The export button of a list or of the report: PDF, Excel or CSV of exactly what the screen shows
 * (its filters and period), in the user's language. Shown only to those who may export. The registry
 * first asks whether its ID and phone numbers go with it.
 */
export function ExportMenu({
  subject,
  formats = EXPORT_FORMATS,
  disabled = false,
  compact = false,
  label,
}: {
  subject: ExportSubjectInput;
  formats?: readonly ExportFormat[];
  disabled?: boolean;
  /** A small button, for a row of a table. */
  compact?: boolean;
  /** What the button exports, for a screen reader, where several export buttons share a screen (one per row). */
  label?: string;
}) {
  const { t, i18n } = useTranslation('exports');
  const api = useApi();
  const session = useSession();
  const errorMessage = useErrorMessage();
  // The last state read of the running export; kept after it ends, so the closing dialog does not flicker.
  const [job, setJob] = useState<ExportJob | null>(null);
  const [running, setRunning] = useState(false);
  const [showProgress, setShowProgress] = useState(false);
  // The format chosen for the registry, while its sensitive columns are being chosen.
  const [choosingColumns, setChoosingColumns] = useState<ExportFormat | null>(null);
  const cancelled = useRef(false);
  const mounted = useRef(true);
  // The export under way, for the screen's closing: a file nobody will take is not made.
  const runningId = useRef<string | null>(null);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (runningId.current !== null) void api['exports.cancel']({ id: runningId.current });
    };
  }, [api]);

  if (!session.can('exports.create')) return null;

  const fail = (message: string) => notifications.show({ color: 'red', message });

  const run = async (format: ExportFormat, sensitiveColumns?: SensitiveColumns) => {
    cancelled.current = false;
    const language = i18n.language === 'en' ? 'en' : 'ar';
    const started = await api['exports.start']({ subject: subject.kind === 'beneficiaries' && sensitiveColumns ? { ...subject, sensitiveColumns } : subject, format, language });
    if (!started.ok) return fail(errorMessage(started.error));
    let current = started.value;
    setJob(current);
    setRunning(true);
    runningId.current = current.id;
    for (let waited = 0; current.state === 'running'; waited += POLL_MS) {
      await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
      if (!mounted.current) return;
      if (waited + POLL_MS >= SHOW_PROGRESS_AFTER_MS) setShowProgress(true);
      const status = await api['exports.status']({ id: current.id });
      if (!status.ok) {
        runningId.current = null;
        setRunning(false);
        setShowProgress(false);
        return fail(errorMessage(status.error));
      }
      current = status.value;
      setJob(current);
    }
    runningId.current = null;
    setShowProgress(false);
    setRunning(false);
    if (current.state === 'cancelled') return notifications.show({ color: 'gray', message: t('cancelled') });
    if (current.state === 'failed') return fail(errorMessage(current.error ?? { code: 'internal', messageKey: 'exports.failed' }));
    const file = await api['exports.take']({ id: current.id });
    if (!file.ok) return fail(errorMessage(file.error));
    saveFile(file.value);
    notifications.show({
      color: 'teal',
      message: subject.kind === 'report' ? t('doneReport', { fileName: file.value.fileName }) : t('done', { count: file.value.count, fileName: file.value.fileName }),
    });
  };

  const cancel = async () => {
    if (job === null || !running || cancelled.current) return;
    cancelled.current = true;
    const result = await api['exports.cancel']({ id: job.id });
    if (!result.ok) fail(errorMessage(result.error));
  };

  const percent = job && job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null;

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="light"
            size={compact ? 'compact-sm' : undefined}
            leftSection={<IconDownload size={compact ? 16 : 18} />}
            loading={running}
            disabled={disabled}
            aria-label={label}
          >
            {t('menu.label')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {formats.map((format) => {
            const Icon = ICONS[format];
            return (
              <Menu.Item key={format} leftSection={<Icon size={18} />} onClick={() => (subject.kind === 'beneficiaries' ? setChoosingColumns(format) : void run(format))}>
                {t(`menu.${format}`)}
              </Menu.Item>
            );
          })}
        </Menu.Dropdown>
      </Menu>
      <SensitiveColumnsDialog
        format={choosingColumns}
        onClose={() => setChoosingColumns(null)}
        onExport={(format, columns) => {
          setChoosingColumns(null);
          void run(format, columns);
        }}
      />
      <Modal opened={showProgress && job !== null} onClose={() => void cancel()} title={t('progress.title')} closeOnClickOutside={false} centered>
        <Stack gap="md">
          <Text aria-live="polite">
            {job === null || job.total === 0
              ? t(subject.kind === 'report' ? 'progress.preparing' : 'progress.counting')
              : job.done >= job.total
                ? t('progress.writing')
                : t('progress.rows', { done: job.done.toLocaleString(i18n.language), total: job.total.toLocaleString(i18n.language) })}
          </Text>
          <Progress value={percent ?? 100} animated={percent === null || percent >= 100} aria-label={t('progress.title')} />
          <Group justify="flex-end">
            <Button color="red" variant="light" onClick={() => void cancel()} data-autofocus>
              {t('progress.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
