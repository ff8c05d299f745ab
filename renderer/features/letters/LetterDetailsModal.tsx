import { Alert, Anchor, Badge, Button, Group, Image, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconEye, IconLink, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { LetterScan } from '../../../electron/api/letters';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { CODE_SLOT, Ltr, SentenceWithCode, TypedCode } from '../../components/Ltr';
import { isolateLtr } from '../../lib/bidi';
import { LetterPreviewModal } from './LetterPreviewModal';
import { LinkLetterModal } from './LinkLetterModals';
import { saveScan, scanBlob } from './scan-files';

/** One letter of the register: what it says, whom it concerns, its scan, and printing an outgoing one. */
export function LetterDetailsModal({ letterId, onClose }: { letterId: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('letters');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const letter = useCall('letters.get', letterId === null ? null : { id: letterId });
  const [viewing, setViewing] = useState<LetterScan | null>(null);
  const [printing, setPrinting] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [linking, setLinking] = useState(false);
  const view = letter.data;

  useEffect(() => setFailure(null), [letterId]);

  const openScan = async () => {
    if (!view) return;
    setOpening(true);
    const result = await api['letters.scan']({ id: view.id });
    setOpening(false);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    setFailure(null);
    // An image is shown here; a PDF has no viewer inside the app and is handed over as a file.
    if (result.value.mediaType === 'application/pdf') {
      saveScan(result.value);
      notifications.show({ color: 'teal', message: t('details.scanSaved', { name: result.value.fileName }) });
    } else {
      setViewing(result.value);
    }
  };

  const rows: Array<[string, ReactNode]> = view
    ? [
        [t('details.number'), <TypedCode key="number">{view.number}</TypedCode>],
        [t('details.date'), <DualDate key="date" date={view.letterDate} />],
        [t('details.authority'), view.authority ? (i18n.language === 'en' && view.authority.nameEn ? view.authority.nameEn : view.authority.nameAr) : null],
        [
          t('details.beneficiary'),
          view.beneficiary ? (
            <Anchor key="person" component={Link} href={`/beneficiaries/${view.beneficiary.id}`}>
              {view.beneficiary.name} · {t('details.fileNumber')} <Ltr>{view.beneficiary.fileNumber}</Ltr>
            </Anchor>
          ) : null,
        ],
        [
          t('details.request'),
          view.request ? (
            <Anchor key="request" component={Link} href={`/requests/${view.request.id}`}>
              <Ltr>{view.request.number}</Ltr>
            </Anchor>
          ) : null,
        ],
        [t('details.subject'), view.erased ? <Text key="erased" c="dimmed">{t('erasedSubject')}</Text> : <Text key="subject" dir="auto" w="fit-content">{view.subject}</Text>],
        [t('details.body'), view.body ? <Text key="body" dir="auto" w="fit-content" style={{ whiteSpace: 'pre-line' }}>{view.body}</Text> : null],
        [t('details.registeredAt'), <DualDate key="registered" instant={view.registeredAt} />],
        [t('details.registeredBy'), view.registeredBy.displayName],
      ]
    : [];

  const title = view ? (
    <SentenceWithCode sentence={t('details.title', { direction: t(`direction.${view.direction}`), number: CODE_SLOT })} code={view.number} />
  ) : (
    t('title')
  );

  return (
    <>
      {/* Opened once the letter is read, so that its focus lands on the print button, which needs the letter. */}
      <Modal opened={letterId !== null && printing === null && viewing === null && !linking && (view?.id === letterId || letter.error !== null)} onClose={onClose} title={title} size="lg">
        <Stack gap="md">
          {letter.error ? (
            <Alert color="red" role="alert">
              {errorMessage(letter.error)}
            </Alert>
          ) : null}
          {view ? (
            <>
              <Group gap="xs">
                <Badge color={view.direction === 'incoming' ? 'blue' : 'grape'} variant="light">
                  {t(`direction.${view.direction}`)}
                </Badge>
              </Group>
              <Table withRowBorders={false} verticalSpacing={6}>
                <Table.Tbody>
                  {rows
                    .filter(([, value]) => value !== null && value !== '')
                    .map(([label, value]) => (
                      <Table.Tr key={label}>
                        <Table.Th w="30%" c="dimmed" fw={400} style={{ verticalAlign: 'top' }}>
                          {label}
                        </Table.Th>
                        <Table.Td>{value}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
              <Stack gap={2}>
                <Text fz="sm" c="dimmed">
                  {t('details.scan')}:{' '}
                  {/* The name it is saved under: what the officer will find in their folder. */}
                  {view.scan ? <Ltr>{view.scan.fileName}</Ltr> : view.scanErased ? t('details.scanErased') : t('details.noScan')}
                </Text>
                {view.scan?.label && view.scan.label !== view.scan.fileName ? (
                  <Text fz="sm" c="dimmed">
                    {/* The name the file had when it was chosen, only as a label, in its own direction. */}
                    {t('details.scanLabel')}: <bdi>{view.scan.label}</bdi>
                  </Text>
                ) : null}
              </Stack>
              {failure ? (
                <Alert color="red" role="alert">
                  {failure}
                </Alert>
              ) : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('details.close')}
                </Button>
                {/* A letter registered without its person or request is linked to them here, afterwards. */}
                {(view.beneficiary === null || view.request === null) && !view.erased ? (
                  <Button variant="light" leftSection={<IconLink size={18} />} onClick={() => setLinking(true)}>
                    {t('details.link')}
                  </Button>
                ) : null}
                {view.scan ? (
                  <Button variant="light" leftSection={<IconEye size={18} />} loading={opening} onClick={() => void openScan()}>
                    {t('details.viewScan')}
                  </Button>
                ) : null}
                {view.direction === 'outgoing' && !view.erased ? (
                  <Button leftSection={<IconPrinter size={18} />} onClick={() => setPrinting(view.id)} data-autofocus>
                    {t('details.print')}
                  </Button>
                ) : null}
              </Group>
            </>
          ) : null}
        </Stack>
      </Modal>
      <LetterPreviewModal letterId={printing} onClose={() => setPrinting(null)} />
      {linking && view ? (
        <LinkLetterModal
          letter={view}
          onClose={() => setLinking(false)}
          onLinked={() => {
            setLinking(false);
            letter.reload();
          }}
        />
      ) : null}
      <ScanViewerModal scan={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

/** A scanned image, shown from memory (a blob: address the page's policy allows for images). */
function ScanViewerModal({ scan, onClose }: { scan: LetterScan | null; onClose: () => void }) {
  const { t } = useTranslation('letters');
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (scan === null) {
      setUrl(null);
      return;
    }
    const address = URL.createObjectURL(scanBlob(scan));
    setUrl(address);
    return () => URL.revokeObjectURL(address);
  }, [scan]);

  return (
    <Modal opened={scan !== null} onClose={onClose} title={scan ? t('scanViewer.title', { name: isolateLtr(scan.fileName) }) : ''} size="xl">
      <Stack gap="md">
        {url ? <Image src={url} alt={t('scanViewer.alt')} fit="contain" mah="70vh" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('details.close')}
          </Button>
          <Button variant="light" leftSection={<IconDeviceFloppy size={18} />} onClick={() => scan && saveScan(scan)}>
            {t('details.saveScan')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
