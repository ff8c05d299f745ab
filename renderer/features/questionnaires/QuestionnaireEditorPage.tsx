import { Alert, Anchor, Button, Checkbox, Group, Loader, Paper, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowBack, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { MAX_QUESTIONS } from '../../../electron/api/questionnaires';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';
import { Shortcut } from '../../components/Shortcut';
import { byPhysicalKey } from '../../app/hotkeys';
import { guardUnsavedWork } from '../../app/leave-guard';
import { useSession } from '../session/session-context';
import { moved, NEW_QUESTIONNAIRE, newQuestion, refusedLimits, saveInput, valuesOf, type EditorValues, type QuestionValues } from './editor-values';
import { FIELD_ATTRIBUTE, QuestionCard, type FocusTarget } from './QuestionCard';

/** The add button is a field of the form's own, where the focus goes when no question is left to go to. */
const ADD_QUESTION = 'add-question';

/** Every path of the form a refusal can be shown under, for the values as they are. */
function shownFields(values: EditorValues): string[] {
  return [
    'titleAr',
    'titleEn',
    'introAr',
    'introEn',
    'doubleEntry',
    'questions',
    ...values.questions.flatMap((question, index) => [
      ...['textAr', 'textEn', 'kind', 'required', 'overall', 'options', 'min', 'max'].map((name) => `questions.${index}.${name}`),
      ...question.options.flatMap((_, optionIndex) => [`questions.${index}.options.${optionIndex}.labelAr`, `questions.${index}.options.${optionIndex}.labelEn`]),
    ]),
  ];
}

/**
 * Builds a questionnaire, or changes one (`id`): its titles and introductions in Arabic and English,
 * whether paper forms are typed in twice, and its questions, added, moved and removed from the
 * keyboard. Once the version in use has been offered, the page says before saving that the save
 * makes the next version and that the answers given keep theirs.
 */
export function QuestionnaireEditorPage({ id }: { id?: string }) {
  const { t } = useTranslation('questionnaires');
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const session = useSession();
  // Filling a form: a write elsewhere must not read it again over what is being typed.
  const existing = useCall('questionnaires.get', id ? { id } : null, { followChanges: false });
  const usedKeys = existing.data?.usedKeys ?? {};
  const makesVersion = existing.data?.editMakesNewVersion ? existing.data.currentVersion + 1 : null;
  const [focusLater, setFocusLater] = useState<FocusTarget | null>(null);
  const opened = useRef<string | null>(null);

  const form = useSaveForm('questionnaires.save', {
    initial: NEW_QUESTIONNAIRE(),
    input: (values) => saveInput(id ?? null, values, usedKeys),
    check: (values) => refusedLimits(values, t('editor.wholeNumber')),
    fieldOf: (path) => path.replace(/^content\./, ''),
    savedMessage: (saved) => (makesVersion !== null && saved.currentVersion === makesVersion ? t('editor.savedVersion', { version: saved.currentVersion }) : t('editor.saved')),
    onSaved: (saved) => {
      opened.current = null;
      navigate(`/questionnaires/${saved.id}`);
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    if (!existing.data || opened.current !== null) return;
    const start = valuesOf(existing.data);
    fill(start);
    opened.current = JSON.stringify(start);
  }, [existing.data, fill]);
  useEffect(() => {
    if (!id && opened.current === null) opened.current = JSON.stringify(values);
    // Only the blank form's first values are what "nothing typed yet" means.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  useEffect(() => guardUnsavedWork(() => opened.current !== null && opened.current !== JSON.stringify(values)), [values]);

  // The focus follows a question moved, added or removed, once the list shows it.
  useEffect(() => {
    if (focusLater === null) return;
    const selector =
      focusLater.uid === ADD_QUESTION ? `[${FIELD_ATTRIBUTE}="${ADD_QUESTION}"]` : `[data-question-uid="${focusLater.uid}"] [${FIELD_ATTRIBUTE}="${focusLater.field}"]`;
    const target = document.querySelector<HTMLElement>(selector);
    if (target && !target.hasAttribute('disabled')) target.focus();
    else document.querySelector<HTMLElement>(`[data-question-uid="${focusLater.uid}"] [${FIELD_ATTRIBUTE}="textAr"]`)?.focus();
    setFocusLater(null);
  }, [focusLater, values.questions]);

  const setQuestions = (questions: QuestionValues[]) => set('questions', questions);

  const addQuestion = () => {
    if (values.questions.length >= MAX_QUESTIONS) return;
    const question = newQuestion(values.questions.at(-1) ?? null);
    setQuestions([...values.questions, question]);
    clearError('questions');
    setFocusLater({ uid: question.uid, field: 'textAr' });
  };

  const moveQuestion = (from: number, to: number, field: string) => {
    const question = values.questions[from];
    if (!question || to < 0 || to >= values.questions.length) return;
    setQuestions(moved(values.questions, from, to));
    // The refusals name questions by their place, which has changed.
    clearError();
    setFocusLater({ uid: question.uid, field });
  };

  const removeQuestion = (index: number) => {
    const remaining = values.questions.filter((_, place) => place !== index);
    setQuestions(remaining);
    clearError();
    const next = remaining[index] ?? remaining[index - 1];
    setFocusLater(next ? { uid: next.uid, field: 'remove' } : { uid: ADD_QUESTION, field: ADD_QUESTION });
  };

  useHotkeys(byPhysicalKey([['alt+Q', addQuestion]]), [], true);

  const back = (
    <Anchor component="button" type="button" onClick={() => navigate(id ? `/questionnaires/${id}` : '/questionnaires')}>
      <Group gap={4}>
        <IconArrowBack size={16} />
        {t('page.back')}
      </Group>
    </Anchor>
  );
  if (!session.can('questionnaires.manage')) {
    return (
      <Stack>
        {back}
        <Alert color="gray">{t('list.readOnly')}</Alert>
      </Stack>
    );
  }
  if (id && existing.error) {
    return (
      <Stack>
        {back}
        <Alert color="red">{errorMessage(existing.error)}</Alert>
      </Stack>
    );
  }
  if (id && !existing.data) return <Loader />;

  // What is refused of the questions as a whole, and anything refused where the form has no field for it.
  const shown = shownFields(values);
  const questionsRefused = Object.entries(errors)
    .filter(([field]) => field === 'questions' || !shown.includes(field))
    .map(([, message]) => message);

  const text = (name: 'titleAr' | 'titleEn', language: 'ar' | 'en', extra: Record<string, unknown> = {}) => (
    <TextInput
      label={t(`editor.${name}`)}
      value={values[name]}
      onChange={(event) => {
        set(name, event.currentTarget.value);
        clearError(name);
      }}
      error={errors[name]}
      lang={language}
      dir={language === 'ar' ? 'rtl' : 'ltr'}
      {...extra}
    />
  );

  return (
    <Stack gap="lg" maw={1100}>
      {back}
      <Title order={2}>{id ? t('editor.editTitle') : t('editor.newTitle')}</Title>
      {makesVersion !== null ? (
        <Alert color="yellow" icon={<IconInfoCircle size={18} />} role="note">
          {t('editor.newVersion', { version: makesVersion - 1, next: makesVersion })}
        </Alert>
      ) : null}
      <SaveForm
        form={form}
        onCancel={() => navigate(id ? `/questionnaires/${id}` : '/questionnaires')}
        cancelLabel={t('editor.cancel')}
        saveLabel={makesVersion !== null ? t('editor.saveAsVersion', { version: makesVersion }) : t('editor.save')}
      >
        <Paper withBorder radius="lg" p="md">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              {text('titleAr', 'ar', { required: true, 'data-autofocus': true, autoFocus: true })}
              {text('titleEn', 'en')}
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <Textarea
                label={t('editor.introAr')}
                value={values.introAr}
                onChange={(event) => {
                  set('introAr', event.currentTarget.value);
                  clearError('introAr');
                }}
                error={errors.introAr}
                required
                autosize
                minRows={2}
                lang="ar"
                dir="rtl"
              />
              <Textarea
                label={t('editor.introEn')}
                value={values.introEn}
                onChange={(event) => {
                  set('introEn', event.currentTarget.value);
                  clearError('introEn');
                }}
                error={errors.introEn}
                autosize
                minRows={2}
                lang="en"
                dir="ltr"
              />
            </SimpleGrid>
            <Checkbox
              label={t('editor.doubleEntry')}
              description={t('editor.doubleEntryHint')}
              checked={values.doubleEntry}
              onChange={(event) => set('doubleEntry', event.currentTarget.checked)}
              error={errors.doubleEntry}
            />
          </Stack>
        </Paper>
        <Group justify="space-between" align="flex-end">
          <Title order={3}>{t('editor.questions')}</Title>
          <Group gap="lg" c="dimmed" fz="sm" aria-hidden>
            {(
              [
                [['Alt', 'Q'], 'add'],
                [['Alt', '↑', '↓'], 'move'],
                [['Ctrl', 'Enter'], 'save'],
              ] as const
            ).map(([keys, what]) => (
              <Group key={what} gap={6} wrap="nowrap">
                <Shortcut keys={[...keys]} />
                <span>{t(`editor.keys.${what}`)}</span>
              </Group>
            ))}
          </Group>
        </Group>
        {questionsRefused.length > 0 ? (
          <Alert color="red" role="alert">
            {questionsRefused.join(' ')}
          </Alert>
        ) : null}
        {values.questions.map((question, index) => (
          <QuestionCard
            key={question.uid}
            question={question}
            index={index}
            count={values.questions.length}
            errors={errors}
            onChange={(changed, fields) => {
              // One question only is the overall one: marking this one unmarks the one that was.
              setQuestions(values.questions.map((each) => (each.uid === changed.uid ? changed : changed.overall && each.overall ? { ...each, overall: false } : each)));
              for (const field of fields) clearError(field);
            }}
            onMove={(to, field) => moveQuestion(index, to, field)}
            onRemove={() => removeQuestion(index)}
            onFocusLater={setFocusLater}
          />
        ))}
        <Group>
          <Button variant="light" leftSection={<IconPlus size={18} />} onClick={addQuestion} disabled={values.questions.length >= MAX_QUESTIONS} aria-keyshortcuts="Alt+Q" {...{ [FIELD_ATTRIBUTE]: ADD_QUESTION }}>
            {t('editor.add')}
            <Shortcut keys={['Alt', 'Q']} />
          </Button>
        </Group>
      </SaveForm>
    </Stack>
  );
}
