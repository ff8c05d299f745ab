import { Alert, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useSession } from '../session/session-context';
import { KeyActionSection, NewRecoveryKeyModal, PasswordConfirmModal } from './KeyDialogs';

/**
 * Issuing a new recovery key, when the printed one may have been seen or is lost. The administrator
 * types their own password again; the new key is shown once, like at setup.
 */
export function RecoveryKeySection() {
  const { t } = useTranslation('settings');
  return (
    <KeyActionSection
      title={t('recoveryKey.title')}
      intro={t('recoveryKey.intro')}
      actionLabel={t('recoveryKey.replace')}
      icon={<IconKey size={18} />}
      dialog={(close) => <ReplaceRecoveryKey onClose={close} />}
    />
  );
}

function ReplaceRecoveryKey({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('settings');
  const api = useApi();
  const session = useSession();
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);

  if (recoveryKey !== null) {
    return (
      <NewRecoveryKeyModal
        title={t('recoveryKey.newTitle')}
        intro={t('recoveryKey.shownOnce')}
        recoveryKey={recoveryKey}
        nextSteps={session.can('backups.manage') ? [{ label: t('recoveryKey.makeBackup'), to: '/backups' }] : []}
        onClose={onClose}
      >
        <Alert color="yellow" className="wasl-no-print" title={t('recoveryKey.olderBackupsTitle')}>
          {t('recoveryKey.olderBackups')}
        </Alert>
      </NewRecoveryKeyModal>
    );
  }

  return (
    <PasswordConfirmModal
      title={t('recoveryKey.replaceTitle')}
      passwordLabel={t('recoveryKey.password')}
      confirmLabel={t('recoveryKey.submit')}
      cancelLabel={t('recoveryKey.cancel')}
      onClose={onClose}
      onConfirm={async (password) => {
        const result = await api['users.replaceRecoveryKey']({ password });
        if (!result.ok) return result.error;
        setRecoveryKey(result.value.recoveryKey);
        return null;
      }}
    >
      <Text>{t('recoveryKey.replaceIntro')}</Text>
    </PasswordConfirmModal>
  );
}
