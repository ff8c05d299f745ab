import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireStatus } from '../../../electron/api/questionnaires';

const STATUS_COLORS: Record<QuestionnaireStatus, string> = { draft: 'gray', active: 'teal', retired: 'orange' };

export function QuestionnaireStatusBadge({ status }: { status: QuestionnaireStatus }) {
  const { t } = useTranslation('questionnaires');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm">
      {t(`statuses.${status}`)}
    </Badge>
  );
}

/** A questionnaire's title in the screen's language, the Arabic when it has no English. */
export function useTitleOf(): (questionnaire: { titleAr: string; titleEn: string | null }) => string {
  const { i18n } = useTranslation();
  return (questionnaire) => (i18n.language === 'en' && questionnaire.titleEn ? questionnaire.titleEn : questionnaire.titleAr);
}
