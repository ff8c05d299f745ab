import { ActionIcon, Badge, Button, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconDiscount, IconGavel, IconPrinter, IconReceiptOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView, WaiverStatus, WaiverView } from '../../../electron/api/program-fees';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { saveFile } from '../../lib/save-file';
import { useSession } from '../session/session-context';
import { PaymentModal } from './PaymentModal';
import { useRiyals } from './riyals';
import { VoidPaymentModal } from './VoidPaymentModal';
import { WaiverDecisionModal } from './WaiverDecisionModal';
import { WaiverRequestModal } from './WaiverRequestModal';

const STATUS_COLORS: Record<WaiverStatus, string> = { requested: 'yellow', approved: 'teal', refused: 'gray' };

/**
 * The money of one enrolment: the fee owed (its version and the day it was announced), the waivers
 * asked for and their decisions, the payments with their receipt numbers, and the balance. An officer
 * asks for a waiver and records a payment; a supervisor decides a waiver (not their own request) and
 * voids a payment recorded by mistake; each receipt prints. A fee never bars access: nothing here
 * stops the enrolment's moves.
 */
export function EnrolmentFeesCard({ enrolmentId }: { enrolmentId: string }) {
  const { t, i18n } = useTranslation('program-fees');
  const session = useSession();
  const api = useApi();
  const errorMessage = useErrorMessage();
  const riyals = useRiyals();
  const fees = useCall('programFees.ofEnrolment', { enrolmentId });
  const [requesting, setRequesting] = useState(false);
  const [paying, setPaying] = useState(false);
  const [deciding, setDeciding] = useState<WaiverView | null>(null);
  const [voiding, setVoiding] = useState<PaymentView | null>(null);
  const data = fees.data;
  if (!data) return null;
  const handles = session.can('enrolments.handle');
  const supervises = session.can('enrolments.supervise');
  const charged = data.fee !== null && data.fee.amount > 0;

  const printReceipt = async (payment: PaymentView) => {
    const result = await api['programFees.receipt']({ paymentId: payment.id, language: i18n.language === 'en' ? 'en' : 'ar' });
    if (!result.ok) {
      notifications.show({ color: 'red', message: errorMessage(result.error) });
      return;
    }
    saveFile(result.value);
  };
  const reload = () => fees.reload();

  return (
    <Paper withBorder radius="lg" p="lg" aria-label={t('title')} component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('title')}</Title>
          {handles && charged ? (
            <Group gap="xs">
              <Button variant="light" leftSection={<IconDiscount size={18} />} onClick={() => setRequesting(true)} disabled={data.openWaiverId !== null || data.balance === 0}>
                {t('card.requestWaiver')}
              </Button>
              <Button variant="light" color="teal" leftSection={<IconCash size={18} />} onClick={() => setPaying(true)} disabled={data.balance === 0}>
                {t('card.recordPayment')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {!charged ? (
          <Text size="sm" c="dimmed">
            {t('card.noFee')}
          </Text>
        ) : (
          <>
            <Group gap="lg" align="flex-end">
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {t('card.fee')}
                </Text>
                <Text fw={600}>{riyals(data.fee?.amount ?? 0)}</Text>
                <Text size="xs" c="dimmed">
                  {t('card.version', { version: data.fee?.version ?? 1 })}{' '}
                  <DualDate date={data.fee?.announcedOn ?? ''} /> · <span dir="auto">{data.fee?.covers}</span>
                </Text>
              </Stack>
              <Text size="sm">
                {t('card.waived')}: <b>{riyals(data.waived)}</b>
              </Text>
              <Text size="sm">
                {t('card.paid')}: <b>{riyals(data.paid)}</b>
              </Text>
              <Badge size="lg" variant="light" color={data.balance === 0 ? 'teal' : 'orange'}>
                {t('card.balance')}: {riyals(data.balance)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t('card.neverBars')}
            </Text>
            <Title order={5}>{t('card.waivers')}</Title>
            {data.waivers.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('card.noWaivers')}
              </Text>
            ) : (
              <Stack gap={6}>
                {data.waivers.map((waiver) => (
                  <Group key={waiver.id} gap="xs" align="flex-start" wrap="nowrap">
                    <Badge color={STATUS_COLORS[waiver.status]} variant="light">
                      {t(`status.${waiver.status}`)}
                    </Badge>
                    <Stack gap={0} style={{ flex: 1 }}>
                      <Text size="sm">
                        {t(`kind.${waiver.kind}`)} · {riyals(waiver.amount)}
                      </Text>
                      <Text size="sm" dir="auto" w="fit-content">
                        {waiver.reason}
                      </Text>
                      <Text size="xs" c="dimmed">
                        <DualDate instant={waiver.requestedAt} /> · {waiver.requestedBy.displayName}
                        {waiver.decidedBy ? ` · ${waiver.decidedBy.displayName}` : ''}
                      </Text>
                      {waiver.decisionNote ? (
                        <Text size="xs" dir="auto" w="fit-content">
                          {waiver.decisionNote}
                        </Text>
                      ) : null}
                    </Stack>
                    {supervises && waiver.status === 'requested' && waiver.requestedBy.id !== session.state.user?.id ? (
                      <Button size="xs" variant="light" leftSection={<IconGavel size={16} />} onClick={() => setDeciding(waiver)}>
                        {t('card.decide')}
                      </Button>
                    ) : null}
                  </Group>
                ))}
              </Stack>
            )}
            <Title order={5}>{t('card.payments')}</Title>
            {data.payments.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('card.noPayments')}
              </Text>
            ) : (
              <Table verticalSpacing={4} aria-label={t('card.payments')}>
                <Table.Tbody>
                  {data.payments.map((payment) => (
                    <Table.Tr key={payment.id} c={payment.voided ? 'dimmed' : undefined}>
                      <Table.Td>
                        <Ltr>{payment.receiptNumber}</Ltr>
                      </Table.Td>
                      <Table.Td td={payment.voided ? 'line-through' : undefined}>{riyals(payment.amount)}</Table.Td>
                      <Table.Td>
                        <DualDate date={payment.paidOn} />
                      </Table.Td>
                      <Table.Td>{t(`method.${payment.method}`)}</Table.Td>
                      <Table.Td>
                        {payment.voided ? (
                          <Tooltip label={payment.voided.reason}>
                            <Badge color="red" variant="light">
                              {t('card.voided')}
                            </Badge>
                          </Tooltip>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <ActionIcon variant="subtle" aria-label={t('card.printReceipt', { number: payment.receiptNumber })} onClick={() => void printReceipt(payment)}>
                            <IconPrinter size={18} />
                          </ActionIcon>
                          {supervises && payment.voided === null ? (
                            <ActionIcon variant="subtle" color="red" aria-label={t('card.voidPayment', { number: payment.receiptNumber })} onClick={() => setVoiding(payment)}>
                              <IconReceiptOff size={18} />
                            </ActionIcon>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
      <WaiverRequestModal fees={data} opened={requesting} onClose={() => setRequesting(false)} onSaved={reload} />
      <PaymentModal fees={data} opened={paying} onClose={() => setPaying(false)} onSaved={reload} />
      <WaiverDecisionModal waiver={deciding} onClose={() => setDeciding(null)} onSaved={reload} />
      <VoidPaymentModal payment={voiding} onClose={() => setVoiding(null)} onSaved={reload} />
    </Paper>
  );
}
