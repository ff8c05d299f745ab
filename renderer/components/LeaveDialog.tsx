import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onUnsavedWorkGone, provideLeaveQuestion } from '../app/leave-guard';

/**
 * The question asked before a form with unsaved changes is left. "Stay" has the focus, so a stray
 * Enter keeps the form; Esc, the close button and a click outside keep it too.
 */
export function LeaveDialog() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const answer = useRef<((leave: boolean) => void) | null>(null);

  useEffect(
    () =>
      provideLeaveQuestion(
        () =>
          new Promise<boolean>((resolve) => {
            // A second question while one is open (another shortcut) answers the first with "stay".
            answer.current?.(false);
            answer.current = resolve;
            setOpened(true);
          }),
      ),
    [],
  );

  const decide = (leave: boolean) => {
    setOpened(false);
    answer.current?.(leave);
    answer.current = null;
  };

  // The form was saved while the question was open (a shortcut pressed during its save): nothing is
  // left to lose, so the way out the officer asked for is taken.
  useEffect(
    () =>
      onUnsavedWorkGone(() => {
        if (answer.current) decide(true);
      }),
    [],
  );

  return (
    <Modal opened={opened} onClose={() => decide(false)} title={t('leaveDialog.title')} closeButtonProps={{ 'aria-label': t('close') }}>
      <Text mb="lg">{t('leaveUnsaved')}</Text>
      <Group justify="flex-end">
        <Button color="red" variant="light" onClick={() => decide(true)}>
          {t('leaveDialog.leave')}
        </Button>
        <Button onClick={() => decide(false)} data-autofocus>
          {t('leaveDialog.stay')}
        </Button>
      </Group>
    </Modal>
  );
}
