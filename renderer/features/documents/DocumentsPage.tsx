import { Alert, Badge, Button, Grid, Group, NavLink, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClipboardCheck, IconClock, IconFileText, IconPencil, IconPlus, IconSignature } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, DocumentReview, IssueStatus, IssueView, ReviewView } from '../../../electron/api/documents';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { useSession } from '../session/session-context';
import { ApproveModal } from './ApproveModal';
import { DraftModal } from './DraftModal';
import { NewDocumentModal } from './NewDocumentModal';
import { ReviewModal } from './ReviewModal';
import { approvalWords, dualDateText, issueNumber } from './words';

const STATUS_COLOR: Record<IssueStatus, string> = { draft: 'yellow', scheduled: 'blue', in_force: 'teal', superseded: 'gray' };

export function IssueStatusBadge({ status }: { status: IssueStatus }) {
  const { t } = useTranslation('documents');
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'in_force' ? 'filled' : 'light'} leftSection={status === 'in_force' ? <IconCheck size={12} /> : null}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** A review coming (within the notice) or overdue, as a badge: nothing otherwise. */
export function ReviewBadge({ review }: { review: Pick<ReviewView, 'state'> }) {
  const { t } = useTranslation('documents');
  if (review.state === 'none') return null;
  return review.state === 'overdue' ? (
    <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} />}>
      {t('review.overdueBadge')}
    </Badge>
  ) : (
    <Badge color="yellow" variant="light" leftSection={<IconClock size={12} />}>
      {t('review.dueBadge')}
    </Badge>
  );
}

/**
 * The controlled documents: each with its issue in force, who approved it and when, its next review,
 * its issues (the superseded ones marked so) and the text of the issue chosen, the one in force first.
 * Those who approve issues draft the next one and record its approval here.
 */
export function DocumentsPage() {
  const { t, i18n } = useTranslation('documents');
  const session = useSession();
  const manages = session.can('documents.manage');
  const errorMessage = useErrorMessage();
  const documents = useCall('documents.list', {});
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const chosenId = documentId ?? documents.data?.[0]?.id ?? null;
  const detail = useCall('documents.get', chosenId === null ? null : { id: chosenId });

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>{t('title')}</Title>
          <Text c="dimmed">{t('intro')}</Text>
        </Stack>
        {manages ? (
          <Button variant="light" leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            {t('actions.addDocument')}
          </Button>
        ) : null}
      </Group>
      {documents.error ? <Alert color="red">{errorMessage(documents.error)}</Alert> : null}
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={3}>
          <Paper withBorder radius="md" p="xs" component="section" aria-label={t('list')}>
            <Stack gap={2}>
              {(documents.data ?? []).map((document) => (
                <NavLink
                  key={document.id}
                  href={`#/documents`}
                  onClick={(event) => {
                    event.preventDefault();
                    setDocumentId(document.id);
                  }}
                  active={document.id === chosenId}
                  leftSection={<IconFileText size={18} stroke={1.6} />}
                  label={
                    <Text fw={500} fz="sm">
                      {i18n.language === 'en' ? document.titleEn : document.titleAr}
                    </Text>
                  }
                  description={
                    <Group gap={6} mt={2}>
                      <Text span fz="xs" dir="ltr">
                        {document.number}
                      </Text>
                      {document.inForce ? <Text span fz="xs">{t('issue', { issue: issueNumber(document.inForce.issue) })}</Text> : null}
                      {manages ? <ReviewBadge review={document.review} /> : null}
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={9}>{detail.data ? <DocumentView key={detail.data.id} detail={detail.data} manages={manages} onChanged={detail.reload} /> : null}</Grid.Col>
      </Grid>
      <NewDocumentModal
        opened={adding}
        onClose={() => setAdding(false)}
        onSaved={(created) => {
          setDocumentId(created.id);
          documents.reload();
        }}
      />
    </Stack>
  );
}

function DocumentView({ detail, manages, onChanged }: { detail: DocumentDetail; manages: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation('documents');
  const [issueId, setIssueId] = useState<string | null>(detail.inForce?.id ?? detail.issues[0]?.id ?? null);
  const [drafting, setDrafting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const inForce = detail.inForce;
  const draft = detail.issues.find((issue) => issue.id === detail.draftId) ?? null;
  const chosen = detail.issues.find((issue) => issue.id === issueId) ?? null;
  // The texts a draft starts from: its own, or the issue in force's (read only when a draft is opened).
  const draftText = useCall('documents.readIssue', drafting ? { id: draft?.id ?? inForce?.id ?? '' } : null);

  useEffect(() => {
    // An issue approved or drafted here is the one to read next.
    if (issueId !== null && !detail.issues.some((issue) => issue.id === issueId)) setIssueId(detail.inForce?.id ?? null);
  }, [detail, issueId]);

  const title = i18n.language === 'en' ? detail.titleEn : detail.titleAr;
  const date = (value: string) => dualDateText(value, i18n.language, t);

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Title order={3}>{title}</Title>
              <Text c="dimmed" fz="sm">
                <Text span dir="ltr">
                  {detail.number}
                </Text>
                {i18n.language === 'en' ? (
                  <>
                    {' · '}
                    <Text span lang="ar" dir="rtl">
                      {detail.titleAr}
                    </Text>
                  </>
                ) : null}
              </Text>
            </Stack>
            {manages ? (
              <Group gap="xs">
                {inForce ? (
                  <Button variant="default" leftSection={<IconClipboardCheck size={16} />} onClick={() => setReviewing(true)}>
                    {t('actions.recordReview')}
                  </Button>
                ) : null}
                {draft ? (
                  <>
                    <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setDrafting(true)}>
                      {t('actions.editDraft', { issue: issueNumber(draft.issue) })}
                    </Button>
                    <Button leftSection={<IconSignature size={16} />} onClick={() => setApproving(true)}>
                      {t('issues.approve', { issue: issueNumber(draft.issue) })}
                    </Button>
                  </>
                ) : (
                  <Button leftSection={<IconPlus size={16} />} onClick={() => setDrafting(true)}>
                    {t('actions.newIssue')}
                  </Button>
                )}
              </Group>
            ) : null}
          </Group>
          {manages && detail.review.state !== 'none' && detail.review.nextReviewOn ? (
            <Alert color={detail.review.state === 'overdue' ? 'red' : 'yellow'} variant={detail.review.state === 'overdue' ? 'filled' : 'light'} icon={detail.review.state === 'overdue' ? <IconAlertTriangle size={18} /> : <IconClock size={18} />} role="status">
              {t(`review.${detail.review.state}`, { date: date(detail.review.nextReviewOn) })}
            </Alert>
          ) : null}
          {inForce?.approval ? (
            <Grid gap="sm">
              <Fact label={t('facts.inForce')} span={4}>
                <Group gap="xs">
                  <Text fw={600}>{t('issue', { issue: issueNumber(inForce.issue) })}</Text>
                  <IssueStatusBadge status="in_force" />
                </Group>
              </Fact>
              <Fact label={t('facts.approval')} span={8}>
                <Text>{approvalWords(inForce.approval, t)}</Text>
              </Fact>
              <Fact label={t('facts.approvedOn')}>
                <DualDate date={inForce.approval.approvedOn} />
              </Fact>
              <Fact label={t('facts.effectiveOn')}>
                <DualDate date={inForce.approval.effectiveOn} />
              </Fact>
              <Fact label={t('facts.nextReviewOn')}>
                <Group gap="xs">
                  <DualDate date={detail.review.nextReviewOn ?? inForce.approval.nextReviewOn} />
                  {manages ? <ReviewBadge review={detail.review} /> : null}
                </Group>
              </Fact>
              <Fact label={t('facts.recordedBy')}>
                <Text>{inForce.approval.asShipped ? t('facts.asShipped') : inForce.approval.recordedBy.displayName}</Text>
              </Fact>
            </Grid>
          ) : (
            <Text c="dimmed">{t('facts.noneInForce')}</Text>
          )}
        </Stack>
      </Paper>

      <IssuesTable issues={detail.issues} chosenId={issueId} onRead={setIssueId} />

      {detail.reviews.length > 0 ? <ReviewsTable reviews={detail.reviews} /> : null}

      {chosen ? <IssueReader issue={chosen} current={inForce} /> : null}

      {drafting && draftText.data ? (
        <DraftModal
          document={detail}
          draft={draft ? { issue: draft.issue, changes: draft.changes, body: draftText.data.body } : null}
          startingText={draftText.data.body}
          opened
          onClose={() => setDrafting(false)}
          onSaved={(saved) => {
            onChanged();
            setIssueId(saved.draftId);
          }}
        />
      ) : null}
      {inForce ? <ReviewModal document={detail} issue={inForce.issue} opened={reviewing} onClose={() => setReviewing(false)} onSaved={onChanged} /> : null}
      {draft ? (
        <ApproveModal
          document={detail}
          draftId={draft.id}
          draftIssue={draft.issue}
          opened={approving}
          onClose={() => setApproving(false)}
          onSaved={(saved) => {
            onChanged();
            setIssueId(saved.inForce?.id ?? draft.id);
          }}
        />
      ) : null}
    </Stack>
  );
}

function Fact({ label, span = 4, children }: { label: string; span?: number; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: 12, sm: 6, lg: span }}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Grid.Col>
  );
}

function IssuesTable({ issues, chosenId, onRead }: { issues: readonly IssueView[]; chosenId: string | null; onRead: (id: string) => void }) {
  const { t } = useTranslation('documents');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('issues.title')}>
      <Title order={4} mb="sm">
        {t('issues.title')}
      </Title>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('issues.issue')}</Table.Th>
            <Table.Th>{t('issues.status')}</Table.Th>
            <Table.Th>{t('issues.changes')}</Table.Th>
            <Table.Th>{t('issues.effectiveOn')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((issue) => (
            <Table.Tr key={issue.id} bg={issue.id === chosenId ? 'var(--mantine-color-wasl-0)' : undefined}>
              <Table.Td fw={600}>{issueNumber(issue.issue)}</Table.Td>
              <Table.Td>
                <IssueStatusBadge status={issue.status} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm" lang="ar" dir="auto" lineClamp={2}>
                  {issue.changes}
                </Text>
              </Table.Td>
              <Table.Td>{issue.approval ? <DualDate date={issue.approval.effectiveOn} /> : <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <Button size="xs" variant={issue.id === chosenId ? 'filled' : 'light'} onClick={() => onRead(issue.id)} aria-label={t('issues.read', { issue: issueNumber(issue.issue) })} aria-pressed={issue.id === chosenId}>
                  {t('issues.read', { issue: issueNumber(issue.issue) })}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The reviews that changed nothing, newest first: each with what it found and the next review it set. */
function ReviewsTable({ reviews }: { reviews: readonly DocumentReview[] }) {
  const { t } = useTranslation('documents');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('reviews.title')}>
      <Title order={4} mb="sm">
        {t('reviews.title')}
      </Title>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reviews.reviewedOn')}</Table.Th>
            <Table.Th>{t('reviews.issue')}</Table.Th>
            <Table.Th>{t('reviews.findings')}</Table.Th>
            <Table.Th>{t('reviews.nextReviewOn')}</Table.Th>
            <Table.Th>{t('reviews.recordedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reviews.map((review) => (
            <Table.Tr key={review.id}>
              <Table.Td>
                <DualDate date={review.reviewedOn} />
              </Table.Td>
              <Table.Td fw={600}>{issueNumber(review.issue)}</Table.Td>
              <Table.Td>
                <Text fz="sm" lang="ar" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                  {review.findings}
                </Text>
              </Table.Td>
              <Table.Td>
                <DualDate date={review.nextReviewOn} />
              </Table.Td>
              <Table.Td>{review.recordedBy.displayName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The text of an issue, with what it is when it is not the one in force. Reading it is recorded. */
function IssueReader({ issue, current }: { issue: IssueView; current: IssueView | null }) {
  const { t, i18n } = useTranslation('documents');
  const errorMessage = useErrorMessage();
  const text = useCall('documents.readIssue', { id: issue.id });
  const heading = t('reader.title', { issue: issueNumber(issue.issue) });
  return (
    <Paper withBorder radius="md" p="lg" component="article" aria-label={heading}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>{heading}</Title>
          <IssueStatusBadge status={issue.status} />
        </Group>
        {issue.status === 'superseded' ? (
          <Alert color="orange" variant="filled" icon={<IconAlertTriangle size={18} />} role="note">
            {current ? t('reader.superseded', { current: issueNumber(current.issue) }) : t('reader.supersededNoCurrent')}
          </Alert>
        ) : issue.status === 'scheduled' && issue.approval ? (
          <Alert color="blue" role="note">
            {t('reader.scheduled', { date: dualDateText(issue.approval.effectiveOn, i18n.language, t) })}
          </Alert>
        ) : issue.status === 'draft' ? (
          <Alert color="yellow" role="note">
            {t('reader.draft')}
          </Alert>
        ) : null}
        {issue.approval ? (
          <Text fz="sm" c="dimmed">
            {approvalWords(issue.approval, t)} · <DualDate date={issue.approval.approvedOn} />
          </Text>
        ) : null}
        {text.error ? <Alert color="red">{errorMessage(text.error)}</Alert> : null}
        {text.data ? (
          <Text
            // The association's documents are Arabic, whatever the screen's language.
            lang="ar"
            dir="rtl"
            style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, opacity: issue.status === 'superseded' ? 0.75 : 1 }}
            fz="md"
          >
            {text.data.body}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
