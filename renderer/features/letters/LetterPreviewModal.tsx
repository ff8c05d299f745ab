import { Alert, Box, Button, Group, Loader, Modal, Stack } from '@mantine/core';
import { IconDeviceFloppy, IconPrinter } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { isolateLtr } from '../../lib/bidi';
import { saveFile } from '../../lib/save-file';

/** An outgoing letter on the association's letterhead, ready to print. */
export interface LetterPreviewModalProps {
  letterId: string | null;
  onClose: () => void;
}

/**
 * The letter as it will print, in a frame that runs nothing: the page is the register's own HTML
 * (escaped values, no script, its own Content-Security-Policy), shown through srcdoc with a sandbox
 * that allows only what printing needs (reaching the frame to print it, and the print dialog).
 */
export function LetterPreviewModal({ letterId, onClose }: LetterPreviewModalProps) {
  const { t, i18n } = useTranslation('letters');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const letter = useCall('letters.document', letterId === null ? null : { id: letterId });
  const frame = useRef<HTMLIFrameElement>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const html = letter.data?.html ?? null;

  // Saved as the report is: printed to PDF by the desk's own Chromium, named in the officer's language.
  const saveAsPdf = async () => {
    if (letterId === null || saving) return;
    setSaving(true);
    const result = await api['letters.pdf']({ id: letterId, language: i18n.language === 'en' ? 'en' : 'ar' });
    setSaving(false);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    setFailure(null);
    saveFile(result.value);
    // The number, isolated: a file name that mixes Arabic and digits would read scrambled in a sentence.
    notifications.show({ color: 'teal', message: t('preview.saved', { number: isolateLtr(result.value.number) }) });
  };

  return (
    <Modal opened={letterId !== null} onClose={onClose} title={t('preview.title')} size="xl">
      <Stack gap="md">
        {letter.error ? (
          <Alert color="red" role="alert">
            {errorMessage(letter.error)}
          </Alert>
        ) : null}
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        {letter.loading && html === null ? <Loader mx="auto" /> : null}
        {html !== null ? (
          <Box style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden', background: 'white' }}>
            <iframe
              ref={frame}
              title={t('preview.frameTitle')}
              srcDoc={html}
              sandbox="allow-modals allow-same-origin"
              style={{ display: 'block', inlineSize: '100%', blockSize: '70vh', border: 0, background: 'white' }}
            />
          </Box>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('preview.close')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconDeviceFloppy size={18} />}
            disabled={letter.data === null}
            loading={saving}
            onClick={() => void saveAsPdf()}
          >
            {t('preview.save')}
          </Button>
          <Button leftSection={<IconPrinter size={18} />} disabled={html === null} onClick={() => frame.current?.contentWindow?.print()} data-autofocus>
            {t('preview.print')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
