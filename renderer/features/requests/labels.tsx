import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { requestWorkflow, type RequestOutcome, type RequestStage } from '../../../electron/api/requests';

const STAGE_COLORS: Record<RequestStage, string> = {
  received: 'blue',
  under_review: 'indigo',
  referred: 'grape',
  authority_answered: 'violet',
  decided: 'orange',
  notified: 'teal',
  closed: 'gray',
  withdrawn: 'gray',
};

export function StageBadge({ stage }: { stage: RequestStage }) {
  const { t } = useTranslation('requests');
  // A request left off its path (withdrawn) is drawn in outline.
  const leftThePath = requestWorkflow.exits.includes(stage);
  return (
    <Badge color={STAGE_COLORS[stage]} variant={leftThePath ? 'outline' : 'light'} radius="sm">
      {t(`stage.${stage}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation('requests');
  return (
    <Badge color="red" variant="filled" radius="sm">
      {t('overdue')}
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: RequestOutcome }) {
  const { t } = useTranslation('requests');
  return (
    <Badge color={outcome === 'approved' ? 'teal' : 'red'} variant="light" radius="sm">
      {t(`outcome.${outcome}`)}
    </Badge>
  );
}

/** A name pair in the reader's language (the Arabic one when there is no English). */
export function useNameIn(): (names: { nameAr: string; nameEn: string | null }) => string {
  const { i18n } = useTranslation();
  return (names) => (i18n.language === 'en' && names.nameEn ? names.nameEn : names.nameAr);
}
