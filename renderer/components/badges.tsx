import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BeneficiaryStatus, Category } from '../../electron/api/beneficiaries';
import type { EligibilityOutcome } from '../../electron/api/eligibility';

const ELIGIBILITY_COLORS: Record<EligibilityOutcome, string> = { eligible: 'teal', not_eligible: 'red', pending: 'yellow' };
const CATEGORY_COLORS: Record<Category, string> = { prisoner: 'grape', released_prisoner: 'blue', family_member: 'cyan' };

export function EligibilityBadge({ outcome }: { outcome: EligibilityOutcome }) {
  const { t } = useTranslation('beneficiaries');
  return (
    <Badge color={ELIGIBILITY_COLORS[outcome]} variant="light" radius="sm">
      {t(`eligibility.${outcome}`)}
    </Badge>
  );
}

export function CategoryBadge({ category }: { category: Category }) {
  const { t } = useTranslation('beneficiaries');
  return (
    <Badge color={CATEGORY_COLORS[category]} variant="outline" radius="sm">
      {t(`category.${category}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: BeneficiaryStatus }) {
  const { t } = useTranslation('beneficiaries');
  if (status === 'active') return null;
  return (
    <Badge color="gray" variant="light" radius="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}
