import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgramStatus } from '../../../electron/api/programs';

const STATUS_COLORS: Record<ProgramStatus, string> = {
  planned: 'gray',
  open: 'teal',
  running: 'blue',
  completed: 'green',
  cancelled: 'red',
};

export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  const { t } = useTranslation('programs');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm">
      {t(`statuses.${status}`)}
    </Badge>
  );
}

/** A fee as people read it: riyals with two decimals, or "free" for one announced at 0. */
export function useFeeText(): (halalas: number) => string {
  const { t, i18n } = useTranslation('programs');
  const amount = new Intl.NumberFormat(i18n.language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (halalas) => (halalas === 0 ? t('sheet.free') : t('sheet.riyals', { amount: amount.format(halalas / 100) }));
}
