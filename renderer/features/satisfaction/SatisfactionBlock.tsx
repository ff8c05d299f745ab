import { Alert, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconDeviceDesktop, IconDeviceDesktopPlus, IconMessageCircleOff, IconPhoneCall, IconPrinter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../electron/api/contract';
import type { AnswerMode, OfferStatus, OfferView } from '../../../electron/api/satisfaction';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { ChoiceField } from '../../components/ChoiceField';
import { DualDate } from '../../components/DualDate';
import { printPaperForm } from '../paper-forms/print';
import { useSession } from '../session/session-context';
import { enterFullScreen, openKioskScreen, rememberReturnRoute } from '../kiosk/kiosk-window';
import { PhoneEntryModal } from './PhoneEntryModal';

/** The case a block is on: one of its ids. */
export type OfferedCaseInput = CallInput<'satisfaction.offersOf'>;

type Way = 'screen' | 'secondScreen' | 'paper' | 'phone' | 'declined';

const STATUS_COLORS: Record<OfferStatus, string> = { offered: 'blue', responded: 'teal', declined: 'gray' };

/**
 * The satisfaction questionnaire on a case that has come to its point (a request closed, a complaint
 * answered, a program completed, an in-person interview): offered on the screen now (here or on the
 * second screen), on a paper form, by phone, or noted as declined; and the offers made so far.
 */
export function SatisfactionBlock({ offeredCase }: { offeredCase: OfferedCaseInput }) {
  const { t, i18n } = useTranslation('satisfaction');
  const api = useApi();
  const session = useSession();
  const errorMessage = useErrorMessage();
  const questionnaires = useCall('questionnaires.list', {});
  const offers = useCall('satisfaction.offersOf', offeredCase);
  const [chosen, setChosen] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [phoneOffer, setPhoneOffer] = useState<string | null>(null);

  if (!session.can('satisfaction.collect')) return null;
  const active = (questionnaires.data ?? []).filter((one) => one.status === 'active');
  const titleOf = (one: { titleAr: string; titleEn: string | null }) => (i18n.language === 'en' && one.titleEn ? one.titleEn : one.titleAr);
  const questionnaireId = chosen ?? active.find((one) => one.shipped)?.id ?? active[0]?.id ?? null;
  const latest = (offers.data ?? []).find((offer) => offer.questionnaireId === questionnaireId) ?? null;
  const answered = latest?.status === 'responded';

  const offer = async (mode: AnswerMode): Promise<OfferView | null> => {
    if (questionnaireId === null) return null;
    const result = await api['satisfaction.offer']({ questionnaireId, mode, ...offeredCase });
    if (result.ok) return result.value;
    setFailure(errorMessage(result.error));
    return null;
  };

  const take = async (way: Way) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      if (way === 'declined') {
        const waiting = latest?.status === 'offered' ? latest : await offer('kiosk');
        if (!waiting) return;
        const result = await api['satisfaction.decline']({ offerId: waiting.id });
        if (!result.ok) setFailure(errorMessage(result.error));
        return;
      }
      const made = await offer(way === 'paper' ? 'paper' : way === 'phone' ? 'phone' : 'kiosk');
      if (!made) return;
      if (way === 'paper') {
        const refused = await printPaperForm(api, made.id, i18n.language === 'en' ? 'en' : 'ar');
        if (refused) setFailure(errorMessage(refused));
        return;
      }
      if (way === 'phone') {
        setPhoneOffer(made.id);
        return;
      }
      rememberReturnRoute();
      // Asked while the officer's click still counts as one: a browser allows full screen only then.
      if (way === 'screen') void enterFullScreen();
      const entered = await api['session.enterKiosk']({ offerId: made.id, secondScreen: way === 'secondScreen' });
      if (!entered.ok) {
        setFailure(errorMessage(entered.error));
        return;
      }
      if (way === 'secondScreen' && !(await openKioskScreen())) setFailure(t('block.noSecondScreen'));
      await session.refresh();
    } finally {
      setBusy(false);
    }
  };

  const ways: Array<{ way: Way; icon: ReactNode }> = [
    { way: 'screen', icon: <IconDeviceDesktop size={18} /> },
    { way: 'secondScreen', icon: <IconDeviceDesktopPlus size={18} /> },
    { way: 'paper', icon: <IconPrinter size={18} /> },
    { way: 'phone', icon: <IconPhoneCall size={18} /> },
    { way: 'declined', icon: <IconMessageCircleOff size={18} /> },
  ];

  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-label={t('block.title')}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Stack gap={2}>
            <Title order={4}>{t('block.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('block.hint')}
            </Text>
          </Stack>
          <Group gap="sm" align="flex-end">
            {active.length > 1 ? (
              <ChoiceField
                label={t('block.questionnaire')}
                data={active.map((one) => ({ value: one.id, label: titleOf(one) }))}
                value={questionnaireId}
                onChange={(value) => setChosen(value)}
                w={280}
              />
            ) : null}
            {answered ? null : (
              <Menu position="bottom-end" withinPortal returnFocus={false}>
                <Menu.Target>
                  <Button rightSection={<IconChevronDown size={16} />} loading={busy} disabled={questionnaireId === null}>
                    {t('block.offer')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {ways.map(({ way, icon }) => (
                    <Menu.Item key={way} leftSection={icon} onClick={() => void take(way)}>
                      {t(`block.ways.${way}`)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        {(offers.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('block.none')}
          </Text>
        ) : (
          <Table verticalSpacing={6} aria-label={t('block.offers')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('block.columns.questionnaire')}</Table.Th>
                <Table.Th>{t('block.columns.status')}</Table.Th>
                <Table.Th>{t('block.columns.offered')}</Table.Th>
                <Table.Th>{t('block.columns.answered')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(offers.data ?? []).map((one) => (
                <Table.Tr key={one.id}>
                  <Table.Td>
                    {titleOf(one)}
                    <Text size="xs" c="dimmed">
                      {t('questionnaires:version', { version: one.version })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge color={STATUS_COLORS[one.status]} variant="light">
                        {t(`status.${one.status}`)}
                      </Badge>
                      <Text size="sm">{t(`questionnaires:modes.${one.response?.mode ?? one.mode}`)}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <DualDate instant={one.offeredAt} />
                    <Text size="xs" c="dimmed">
                      {one.offeredBy.displayName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{one.response ? <DualDate instant={one.response.answeredAt} /> : <Text c="dimmed">—</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <PhoneEntryModal offerId={phoneOffer} onClose={() => setPhoneOffer(null)} />
    </Paper>
  );
}
