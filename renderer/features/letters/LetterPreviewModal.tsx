import { Alert, Box, Button, Group, Loader, Modal, Stack } from '@mantine/core';
import { IconDeviceFloppy, IconPrinter } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
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
  const { t } = useTranslation('letters');
  const errorMessage = useErrorMessage();
  const letter = useCall('letters.document', letterId === null ? null : { id: letterId });
  const frame = useRef<HTMLIFrameElement>(null);
  const html = letter.data?.html ?? null;

  return (
    <Modal opened={letterId !== null} onClose={onClose} title={t('preview.title')} size="xl">
      <Stack gap="md">
        {letter.error ? (
          <Alert color="red" role="alert">
            {errorMessage(letter.error)}
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
            onClick={() => letter.data && saveFile({ fileName: letter.data.fileName, mimeType: 'text/html;charset=utf-8', content: letter.data.html })}
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
