import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ComplaintStage, ComplaintSummary, SuggestionDecision } from '../../../electron/api/complaints';
import { DualDate } from '../../components/DualDate';

const STAGE_COLORS: Record<ComplaintStage, string> = {
  received: 'blue',
  acknowledged: 'cyan',
  investigating: 'yellow',
  resolved: 'grape',
  answered: 'teal',
  closed: 'gray',
};

const DECISION_COLORS: Record<SuggestionDecision, string> = { adopted: 'teal', declined: 'red', under_study: 'yellow' };

export function StageBadge({ stage }: { stage: ComplaintStage }) {
  const { t } = useTranslation('complaints');
  return (
    <Badge color={STAGE_COLORS[stage]} variant="light" radius="sm">
      {t(`status.${stage}`)}
    </Badge>
  );
}

export function DecisionBadge({ decision }: { decision: SuggestionDecision | null }) {
  const { t } = useTranslation('complaints');
  if (decision === null) return <Text c="dimmed">{t('decision.undecided')}</Text>;
  return (
    <Badge color={DECISION_COLORS[decision]} variant="light" radius="sm">
      {t(`decision.${decision}`)}
    </Badge>
  );
}

/** The due date, and a red mark once it has passed without an answer. */
export function DueDate({ complaint }: { complaint: Pick<ComplaintSummary, 'dueDate' | 'overdue'> }) {
  const { t } = useTranslation('complaints');
  return (
    <Group gap={6} wrap="nowrap">
      <DualDate date={complaint.dueDate} />
      {complaint.overdue ? (
        <Badge color="red" variant="filled" radius="sm">
          {t('overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Who brought it: the registered person's name, or the name given. */
export function personOf(complaint: Pick<ComplaintSummary, 'beneficiary' | 'personName'>): string {
  return complaint.beneficiary?.fullName ?? complaint.personName ?? '';
}
