import { Alert, Box, Button, Center, Checkbox, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHeartHandshake, IconLanguage } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskForm } from '../../../electron/api/kiosk';
import type { ApiError } from '../../../electron/api/result';
import type { SessionState } from '../../../electron/api/session';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useApplyLanguage } from '../../i18n/use-language';
import { answersToSend, QuestionField, unansweredRequired } from '../satisfaction/QuestionField';
import { enterFullScreen, isKioskWindow, leaveFullScreen, returnToRememberedRoute } from './kiosk-window';
import { LeaveKioskModal } from './LeaveKioskModal';
import { useKioskGuard } from './use-kiosk-guard';

/** How often a kiosk's screens ask where the session stands: the other window may have ended it. */
const POLL_MILLISECONDS = 3000;

/**
 * What the desk shows while the screen is handed over: the questionnaire for the person (or, on the
 * officer's own window when it is on the second screen, only that it is there), and a discreet way
 * back for the staff. Nothing else of Wasl is mounted: no menu, no search, no shortcuts, no routes.
 */
export function KioskScreen({ state, onState }: { state: SessionState; onState: (next: SessionState) => void }) {
  const api = useApi();
  const applyLanguage = useApplyLanguage();
  useKioskGuard();

  const left = (next: SessionState) => {
    void leaveFullScreen();
    if (next.user) void applyLanguage(next.user.language);
    returnToRememberedRoute();
    onState(next);
  };
  const leftRef = useRef(left);
  useEffect(() => {
    leftRef.current = left;
  });

  // The officer's last notices (a step saved, a file opened) are not the person's to read.
  useEffect(() => notifications.clean(), []);

  // Both windows follow the session: the password typed on one ends the kiosk on the other.
  useEffect(() => {
    const timer = window.setInterval(() => {
      void api['session.state']({}).then((result) => {
        if (result.ok && result.value.stage !== 'kiosk') leftRef.current(result.value);
      });
    }, POLL_MILLISECONDS);
    return () => window.clearInterval(timer);
  }, [api]);

  if (state.kiosk?.secondScreen && !isKioskWindow) return <SecondScreenWaiting onLeft={left} />;
  return <PersonForm onLeft={left} />;
}

/** The officer's own window while the questionnaire is on the second screen. */
function SecondScreenWaiting({ onLeft }: { onLeft: (next: SessionState) => void }) {
  const { t } = useTranslation('kiosk');
  const [leaving, setLeaving] = useState(false);
  return (
    <Center mih="100vh" bg="gray.0" p="xl">
      <Paper withBorder radius="lg" p="xl" maw={560} shadow="sm">
        <Stack gap="lg" align="center">
          <IconHeartHandshake size={48} stroke={1.5} color="var(--mantine-color-wasl-8)" />
          <Title order={2} ta="center">
            {t('second.title')}
          </Title>
          <Text ta="center">{t('second.body')}</Text>
          <Button size="md" onClick={() => setLeaving(true)} autoFocus>
            {t('second.end')}
          </Button>
        </Stack>
      </Paper>
      <LeaveKioskModal opened={leaving} onClose={() => setLeaving(false)} onLeft={onLeft} />
    </Center>
  );
}

/** The questionnaire as the person answers it: one calm page of large questions, then thanks. */
function PersonForm({ onLeft }: { onLeft: (next: SessionState) => void }) {
  const { t, i18n } = useTranslation('kiosk');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const applyLanguage = useApplyLanguage();
  const [form, setForm] = useState<KioskForm | null>(null);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [named, setNamed] = useState(false);
  // Kept as what was refused, not as sentences: the person may switch language after a refusal.
  const [refusal, setRefusal] = useState<{ missing: string[] } | { error: ApiError } | null>(null);
  const [answeredSince, setAnsweredSince] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [thanked, setThanked] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void api['kiosk.form']({}).then((result) => {
      if (result.ok) {
        setForm(result.value);
        setThanked(result.value.answered);
      } else setLoadFailure(errorMessage(result.error));
    });
    // Read once: the sentence's wording is not a reason to read the form again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const language = i18n.language === 'en' ? 'en' : 'ar';
  const focusQuestion = (key: string) => {
    const element = document.querySelector<HTMLElement>(`[data-question="${CSS.escape(key)}"] button, [data-question="${CSS.escape(key)}"] input, [data-question="${CSS.escape(key)}"] textarea`);
    element?.scrollIntoView({ block: 'center' });
    element?.focus();
  };

  const submit = async () => {
    if (!form || busy) return;
    // The first touch of the person's own: the whole screen is theirs from here (a browser allows it only now).
    void enterFullScreen();
    setAnsweredSince([]);
    const missing = unansweredRequired(form.content.questions, answers);
    if (missing.length > 0) {
      setRefusal({ missing });
      focusQuestion(missing[0]!);
      return;
    }
    setBusy(true);
    const result = await api['kiosk.submit']({ answers: answersToSend(answers), named });
    setBusy(false);
    if (result.ok) {
      setRefusal(null);
      setThanked(true);
      top.current?.scrollIntoView();
      return;
    }
    setRefusal({ error: result.error });
    const first = result.error.details?.fields?.[0]?.path;
    if (first?.startsWith('answers.')) focusQuestion(first.slice('answers.'.length));
  };

  const refusedFields: Record<string, string> =
    refusal === null ? {} : 'missing' in refusal ? Object.fromEntries(refusal.missing.map((key) => [`answers.${key}`, t('required')])) : fieldErrors(refusal.error);
  const errors = Object.fromEntries(Object.entries(refusedFields).filter(([field]) => !answeredSince.includes(field)));
  const failure = refusal === null ? null : 'missing' in refusal ? t('missing', { count: refusal.missing.length }) : errorMessage(refusal.error);

  const content = form?.content;
  return (
    <Box mih="100vh" bg="gray.0" ref={top} className="wasl-kiosk">
      <Group justify="space-between" px="xl" py="md" bg="white" style={{ borderBlockEnd: '1px solid var(--mantine-color-gray-3)' }}>
        <Text fw={700} fz={26} c="wasl.8">
          {form?.associationName ?? ''}
        </Text>
        <Button
          variant="light"
          size="lg"
          leftSection={<IconLanguage size={22} />}
          lang={language === 'ar' ? 'en' : 'ar'}
          onClick={() => void applyLanguage(language === 'ar' ? 'en' : 'ar')}
        >
          {t('otherLanguage')}
        </Button>
      </Group>

      <Box maw={1100} mx="auto" px="xl" py={40}>
        {loadFailure ? (
          <Alert color="red" role="alert" fz={22}>
            {loadFailure}
          </Alert>
        ) : !form || !content ? (
          <Center py={80}>
            <Loader aria-label="…" />
          </Center>
        ) : thanked ? (
          <Stack align="center" gap="xl" py={80} role="status">
            <IconHeartHandshake size={96} stroke={1.3} color="var(--mantine-color-wasl-7)" />
            <Title order={1} fz={48} ta="center">
              {t('thanks.title')}
            </Title>
            <Text fz={26} ta="center" maw={760}>
              {t('thanks.body')}
            </Text>
          </Stack>
        ) : (
          <Stack gap={36}>
            <Stack gap="sm">
              <Title order={1} fz={40}>
                {language === 'en' && content.titleEn ? content.titleEn : content.titleAr}
              </Title>
              <Text fz={24} c="gray.8" style={{ whiteSpace: 'pre-wrap' }}>
                {language === 'en' && content.introEn ? content.introEn : content.introAr}
              </Text>
            </Stack>
            {content.questions.map((question, index) => (
              <Paper key={question.key} withBorder radius="lg" p="xl">
                <QuestionField
                  question={question}
                  size="large"
                  position={index + 1}
                  value={answers[question.key]}
                  error={errors[`answers.${question.key}`]}
                  onChange={(value) => {
                    setAnswers((current) => ({ ...current, [question.key]: value }));
                    setAnsweredSince((current) => [...current, `answers.${question.key}`]);
                  }}
                />
              </Paper>
            ))}
            <Paper withBorder radius="lg" p="xl">
              <Checkbox
                size="xl"
                checked={named}
                onChange={(event) => setNamed(event.currentTarget.checked)}
                label={<Text fz={24}>{t('named')}</Text>}
                description={<Text fz={18}>{t('namedHint')}</Text>}
              />
            </Paper>
            {failure ? (
              <Alert color="red" role="alert" styles={{ message: { fontSize: 22 } }}>
                {failure}
              </Alert>
            ) : null}
            <Button size="xl" h={80} fz={28} onClick={() => void submit()} loading={busy}>
              {t('send')}
            </Button>
          </Stack>
        )}
      </Box>

      {/* The staff's way back: small and out of the person's path, yet reachable from the keyboard. */}
      <Button
        variant="subtle"
        color="gray"
        size="compact-xs"
        onClick={() => setLeaving(true)}
        style={{ position: 'fixed', insetBlockEnd: 8, insetInlineEnd: 8, opacity: 0.6 }}
      >
        {t('staff')}
      </Button>
      <LeaveKioskModal opened={leaving} onClose={() => setLeaving(false)} onLeft={onLeft} />
    </Box>
  );
}
