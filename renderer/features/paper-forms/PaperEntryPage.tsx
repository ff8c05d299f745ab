import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconForms } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaperEntryDone, PaperFormFound, PaperMismatches } from '../../../electron/api/paper-forms';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { Ltr } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';
import { AnswersForm } from './AnswersForm';
import { MismatchesForm } from './MismatchesForm';

type Step = { kind: 'code' } | { kind: 'answers'; code: string; found: PaperFormFound } | { kind: 'settle'; code: string; toSettle: PaperMismatches };

/**
 * Typing in a pile of paper forms: the code printed on a form (typed, or read by a scanner that
 * types it), Enter, its answers from the keyboard, Ctrl+Enter, and the code field is empty again for
 * the next form. A form typed twice whose typings differ opens its differences to settle against the
 * paper, here or when its code is typed again.
 */
export function PaperEntryPage() {
  const { t } = useTranslation('paper-forms');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [step, setStep] = useState<Step>({ kind: 'code' });
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PaperEntryDone | null>(null);
  const codeField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step.kind === 'code') codeField.current?.focus();
  }, [step]);

  const settle = async (typed: string) => {
    const result = await api['paperForms.mismatches']({ code: typed });
    if (!result.ok) {
      setCodeError(errorMessage(result.error));
      return;
    }
    setStep({ kind: 'settle', code: typed, toSettle: result.value });
  };

  const open = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api['paperForms.find']({ code });
    setBusy(false);
    if (!result.ok) {
      setCodeError(fieldErrors(result.error).code ?? errorMessage(result.error));
      return;
    }
    const found = result.value;
    const printed = found.offer.code;
    if (found.stage === 'recorded') setCodeError(t('entry.recordedAlready', { code: printed }));
    else if (found.firstEnteredByYou) setCodeError(t('entry.sameTypist'));
    else if (found.stage === 'mismatches') {
      setCodeError(null);
      await settle(printed);
    } else {
      setCodeError(null);
      setStep({ kind: 'answers', code: printed, found });
    }
  };

  const next = (done: PaperEntryDone | null) => {
    if (done !== null) setLast(done);
    setCode('');
    setCodeError(null);
    setStep({ kind: 'code' });
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={2}>
        <Title order={2}>{t('entry.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('entry.intro')}
        </Text>
      </Stack>
      {step.kind === 'code' ? (
        <Paper withBorder radius="lg" p="lg" component="section" aria-label={t('entry.code')}>
          <form onSubmit={(event) => void open(event)}>
            <Group align="flex-start" wrap="nowrap">
              <TextInput
                ref={codeField}
                label={t('entry.code')}
                description={t('entry.codeHint')}
                value={code}
                onChange={(event) => setCode(event.currentTarget.value)}
                error={codeError}
                dir="ltr"
                size="md"
                w={360}
                autoComplete="off"
                spellCheck={false}
                data-autofocus
              />
              <Button type="submit" loading={busy} mt={50} leftSection={<IconForms size={18} />}>
                {t('entry.find')}
                <Shortcut keys={['Enter']} />
              </Button>
            </Group>
          </form>
        </Paper>
      ) : step.kind === 'answers' ? (
        <AnswersForm key={step.code} found={step.found} code={step.code} onSaved={next} onCancel={() => next(null)} />
      ) : (
        <MismatchesForm key={step.code} toSettle={step.toSettle} code={step.code} onSettled={next} onCancel={() => next(null)} />
      )}
      {last !== null && step.kind === 'code' ? <LastForm done={last} onSettle={() => void settle(last.offer.code)} /> : null}
    </Stack>
  );
}

/** What became of the form typed last: recorded, waiting for its second typing, or to settle. */
function LastForm({ done, onSettle }: { done: PaperEntryDone; onSettle: () => void }) {
  const { t } = useTranslation('paper-forms');
  const color = done.stage === 'recorded' ? 'teal' : done.stage === 'second' ? 'blue' : 'orange';
  const [before = '', after = ''] = t(`entry.done.${done.stage}`, { code: '\uE000', count: done.mismatches }).split('\uE000');
  return (
    <Alert color={color} title={t('entry.last')} role="status">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {before}
          <Ltr>{done.offer.code}</Ltr>
          {after}
        </Text>
        {done.stage === 'mismatches' ? (
          <Button size="xs" variant="light" color="orange" onClick={onSettle}>
            {t('entry.settle')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
