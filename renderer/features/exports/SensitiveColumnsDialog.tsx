import { Alert, Button, Checkbox, Group, Modal, Stack } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { IconShieldLock } from '@tabler/icons-react';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, SensitiveColumns } from '../../../electron/api/exports';
import { Shortcut } from '../../components/Shortcut';

const NONE: SensitiveColumns = { idNumbers: false, phoneNumbers: false };

/**
 * Before the registry leaves Wasl: whether its ID numbers and its phone numbers go with it, each an
 * explicit choice, off until ticked (a fresh dialog every time), and recorded with the export.
 */
export function SensitiveColumnsDialog({
  format,
  onExport,
  onClose,
}: {
  /** The format chosen in the menu; null while the dialog is closed. */
  format: ExportFormat | null;
  onExport: (format: ExportFormat, columns: SensitiveColumns) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('exports');
  const [columns, setColumns] = useState<SensitiveColumns>(NONE);
  const close = () => {
    setColumns(NONE);
    onClose();
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (format === null) return;
    const chosen = columns;
    setColumns(NONE);
    onExport(format, chosen);
  };
  const tick = (column: keyof SensitiveColumns) => (event: ChangeEvent<HTMLInputElement>) => {
    const checked = event.currentTarget.checked;
    setColumns((current) => ({ ...current, [column]: checked }));
  };

  return (
    <Modal opened={format !== null} onClose={close} title={format === null ? '' : t('sensitive.title', { format: t(`menu.${format}`) })} size="md">
      <form onSubmit={submit} onKeyDown={getHotkeyHandler([['mod+Enter', () => submit()]])} noValidate>
        <Stack gap="md">
          <Checkbox label={t('sensitive.idNumbers')} checked={columns.idNumbers} onChange={tick('idNumbers')} data-autofocus />
          <Checkbox label={t('sensitive.phoneNumbers')} checked={columns.phoneNumbers} onChange={tick('phoneNumbers')} />
          <Alert color="orange" variant="light" icon={<IconShieldLock size={18} />}>
            {t('sensitive.note')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('sensitive.cancel')}
            </Button>
            <Button type="submit">
              {t('sensitive.export')}
              <Shortcut keys={['Ctrl', 'Enter']} />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
