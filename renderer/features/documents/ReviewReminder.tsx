import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCall } from '../../api/use-call';
import { useSession } from '../session/session-context';
import { dualDateText } from './words';

/**
 * On a supervisor's home screen: each governing document whose review falls due within the notice
 * ("review due on …"), or is overdue (a red, stronger mark). Officers do not review documents, and
 * see nothing here.
 */
export function ReviewReminder() {
  const session = useSession();
  if (!session.can('documents.manage')) return null;
  return <Reminders />;
}

function Reminders() {
  const { t, i18n } = useTranslation('documents');
  const due = useCall('documents.reviewsDue', {});
  const reviews = due.data ?? [];
  if (reviews.length === 0) return null;
  const overdue = reviews.some((review) => review.state === 'overdue');
  return (
    <Alert
      color={overdue ? 'red' : 'yellow'}
      variant={overdue ? 'filled' : 'light'}
      icon={overdue ? <IconAlertTriangle size={20} /> : <IconClock size={20} />}
      title={t('home.title')}
      role="status"
      aria-label={t('home.title')}
    >
      <Stack gap={4}>
        {reviews.map((review) => (
          <Group key={review.documentId} gap="xs" wrap="nowrap">
            {/* Each line says which it is: a red alert may hold a review merely due beside an overdue one. */}
            <Badge color={review.state === 'overdue' ? 'dark' : 'yellow'} variant={review.state === 'overdue' ? 'white' : 'filled'} c={review.state === 'overdue' ? 'red.8' : 'dark'} style={{ flexShrink: 0 }}>
              {t(review.state === 'overdue' ? 'review.overdueBadge' : 'review.dueBadge')}
            </Badge>
            <Text fz="sm" fw={review.state === 'overdue' ? 700 : 500}>
              <Text span dir="ltr">
                {review.number}
              </Text>{' '}
              {i18n.language === 'en' ? review.titleEn : review.titleAr}:{' '}
              {t(`review.${review.state}`, { date: dualDateText(review.nextReviewOn, i18n.language, t) })}
            </Text>
          </Group>
        ))}
        <Anchor component={Link} href="/documents" fz="sm" c={overdue ? 'white' : undefined} underline="always">
          {t('home.open')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
