import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { saveFile } from '../../lib/save-file';

/** Prints a session's sign-in sheet and saves the PDF; a refusal is kept to be shown. */
export function usePrintSignInSheet() {
  const { t } = useTranslation('attendance');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const print = async (sessionId: string) => {
    if (busy) return;
    setBusy(true);
    const result = await api['attendance.signInSheet']({ sessionId });
    setBusy(false);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    setFailure(null);
    saveFile(result.value);
    notifications.show({ color: 'teal', message: t('screen.printed', { name: result.value.fileName }) });
  };
  return { print, busy, failure };
}
