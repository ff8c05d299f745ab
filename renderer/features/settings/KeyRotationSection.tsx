import { Alert, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { IconLockCog } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyRotationJob, KeyRotationResult } from '../../../electron/api/users';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useSession } from '../session/session-context';
import { KeyActionSection, NewRecoveryKeyModal, PasswordConfirmModal, type NextStep } from './KeyDialogs';

/** How often the screen asks how far the replacement has got. */
const POLL_MS = 250;

/**
 * Replacing the database key, when the key itself may have leaked. A deliberate action: the dialog
 * says what will happen, the administrator types their password again, a progress bar follows the
 * steps, then the new recovery key is shown once with the accounts that must now be reset.
 */
export function KeyRotationSection() {
  const { t } = useTranslation('settings');
  return (
    <KeyActionSection
      title={t('keyRotation.title')}
      intro={t('keyRotation.intro')}
      actionLabel={t('keyRotation.start')}
      icon={<IconLockCog size={18} />}
      danger
      dialog={(close) => <KeyRotationModal onClose={close} />}
    />
  );
}

function KeyRotationModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('settings');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const [job, setJob] = useState<KeyRotationJob | null>(null);
  const [result, setResult] = useState<KeyRotationResult | null>(null);

  const follow = async (started: KeyRotationJob) => {
    let current = started;
    while (current.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const status = await api['users.keyRotationStatus']({ id: started.id });
      // While the new file is put in place the desk answers as if nobody were signed in, for a moment.
      if (!status.ok && status.error.code === 'unauthenticated') continue;
      if (!status.ok) {
        setJob(null);
        setFailure(errorMessage(status.error));
        return;
      }
      current = status.value;
      setJob(current);
    }
    if (current.state === 'done' && current.result !== null) {
      setResult(current.result);
      return;
    }
    setJob(null);
    setFailure(current.error ? errorMessage(current.error) : t('keyRotation.failed'));
  };

  if (result !== null) return <KeyRotationDone result={result} onClose={onClose} />;

  if (job !== null) {
    return (
      <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title={t('keyRotation.runningTitle')} size="md">
        <Stack gap="md">
          <Text>{t(`keyRotation.steps.${job.step}`)}</Text>
          <Progress
            value={Math.round((job.done / job.total) * 100)}
            animated
            size="lg"
            aria-label={t('keyRotation.progress')}
          />
          <Text c="dimmed" fz="sm">
            {t('keyRotation.doNotClose')}
          </Text>
        </Stack>
      </Modal>
    );
  }

  return (
    <PasswordConfirmModal
      title={t('keyRotation.confirmTitle')}
      passwordLabel={t('keyRotation.password')}
      confirmLabel={t('keyRotation.submit')}
      cancelLabel={t('keyRotation.cancel')}
      danger
      onClose={onClose}
      onConfirm={async (password) => {
        setFailure(null);
        const started = await api['users.rotateDatabaseKey']({ password });
        if (!started.ok) return started.error;
        setJob(started.value);
        void follow(started.value);
        return null;
      }}
    >
      <Text>{t('keyRotation.whatHappens')}</Text>
      <List spacing={4}>
        <List.Item>{t('keyRotation.happens.backup')}</List.Item>
        <List.Item>{t('keyRotation.happens.copy')}</List.Item>
        <List.Item>{t('keyRotation.happens.accounts')}</List.Item>
        <List.Item>{t('keyRotation.happens.recoveryKey')}</List.Item>
        <List.Item>{t('keyRotation.happens.olderBackups')}</List.Item>
      </List>
      {/* A replacement that failed after it started: the password dialog is shown again, with why. */}
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
    </PasswordConfirmModal>
  );
}

/** The new recovery key, shown once, and who must now be given a temporary password. */
function KeyRotationDone({ result, onClose }: { result: KeyRotationResult; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const session = useSession();
  const nextSteps: NextStep[] = [
    ...(session.can('backups.manage') ? [{ label: t('recoveryKey.makeBackup'), to: '/backups' }] : []),
    ...(result.accountsToReset.length > 0 ? [{ label: t('keyRotation.resetAccounts'), to: '/users' }] : []),
  ];
  return (
    <NewRecoveryKeyModal title={t('keyRotation.doneTitle')} intro={t('keyRotation.doneIntro')} recoveryKey={result.recoveryKey} nextSteps={nextSteps} onClose={onClose}>
      <Alert color="orange" className="wasl-no-print" title={t('keyRotation.accountsTitle')}>
        {result.accountsToReset.length === 0 ? (
          t('keyRotation.noAccounts')
        ) : (
          <Stack gap={4}>
            <Text fz="sm">{t('keyRotation.accountsIntro')}</Text>
            <List spacing={2} aria-label={t('keyRotation.accountsTitle')}>
              {result.accountsToReset.map((account) => (
                <List.Item key={account.id}>
                  {account.displayName} ({account.username})
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Alert>
      <Alert color="yellow" className="wasl-no-print" title={t('keyRotation.olderBackupsTitle')}>
        {t(result.backedUpFirst ? 'keyRotation.olderBackupsMade' : 'keyRotation.olderBackups')}
      </Alert>
    </NewRecoveryKeyModal>
  );
}
