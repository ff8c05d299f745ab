import { Alert, Center, Loader } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../electron/api/permissions';
import type { SessionState } from '../../../electron/api/session';
import { ApiProvider, useApi } from '../../api/context';
import { useApplyLanguage } from '../../i18n/use-language';
import { isKioskWindow } from '../kiosk/kiosk-window';
import { KioskScreen } from '../kiosk/KioskScreen';
import { KioskWindowClosed } from '../kiosk/KioskWindowClosed';
import { ChangePasswordPage } from './ChangePasswordPage';
import { guardedApi } from './guarded-api';
import { LockScreen } from './LockScreen';
import { RecoveryKeyNotice } from './RecoveryKeyNotice';
import { SessionCard } from './SessionCard';
import { SessionContext, type SessionActions } from './session-context';
import { SetupPage } from './SetupPage';
import { SignInPage } from './SignInPage';
import { useIdleLock } from './use-idle-lock';

/**
 * Nothing of the app is shown until someone has signed in. Setting up, signing in, choosing one's
 * own password and unlocking all happen here; the screens below only ever run signed in. While the
 * screen is locked they stay mounted but hidden, so a half-filled form is still there after unlocking.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation('session');
  const rawApi = useApi();
  const applyLanguage = useApplyLanguage();
  const [state, setState] = useState<SessionState | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const adopt = useCallback(async (next: SessionState) => setState(next), []);

  const signedInUser = state?.user?.id ?? null;
  const signedInLanguage = state?.user?.language ?? null;
  useEffect(() => {
    if (signedInUser === null || signedInLanguage === null) return;
    // Someone signed in: the screen speaks their language, and starts from the home page.
    void applyLanguage(signedInLanguage);
    window.location.hash = '#/';
    // Only when a different person signs in, not when the same person switches language later.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedInUser]);

  const refresh = useCallback(async () => {
    const result = await rawApi['session.state']({});
    if (result.ok) await adopt(result.value);
  }, [rawApi, adopt]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const api = useMemo(() => guardedApi(rawApi, () => void refresh()), [rawApi, refresh]);
  const lock = useCallback(async () => {
    const result = await rawApi['session.lock']({});
    if (result.ok) await adopt(result.value);
  }, [rawApi, adopt]);
  const signOut = useCallback(async () => {
    const result = await rawApi['session.signOut']({});
    if (result.ok) await adopt(result.value);
  }, [rawApi, adopt]);
  const stillHere = useCallback(() => void rawApi['session.stillHere']({}), [rawApi]);

  const active = state?.stage === 'active' && !state.user?.mustChangePassword && recoveryKey === null;
  useIdleLock(active, state?.idleLockMinutes ?? 5, () => void lock(), stillHere);

  const actions = useMemo<SessionActions | null>(
    () =>
      state
        ? {
            state,
            can: (permission: Permission) => state.permissions.includes(permission),
            lock,
            signOut,
            refresh,
          }
        : null,
    [state, lock, signOut, refresh],
  );

  if (!state || !actions) {
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
      </Center>
    );
  }
  // The window opened for the kiosk on the second screen faces the beneficiaries: never the app in it.
  if (isKioskWindow && state.stage !== 'kiosk') return <KioskWindowClosed />;
  if (state.stage === 'unavailable') {
    return (
      <SessionCard title={t('unavailable.title')} associationName={state.associationName}>
        <Alert color="red" role="alert">
          {t('unavailable.body')}
        </Alert>
      </SessionCard>
    );
  }
  if (state.stage === 'setup') {
    return (
      <SetupPage
        onDone={(result) => {
          setRecoveryKey(result.recoveryKey);
          void adopt(result.state);
        }}
      />
    );
  }
  if (recoveryKey !== null) {
    return <RecoveryKeyNotice recoveryKey={recoveryKey} associationName={state.associationName ?? ''} onDone={() => setRecoveryKey(null)} />;
  }
  if (state.stage === 'signedOut' || !state.user) {
    return <SignInPage associationName={state.associationName} restarted={state.restarted} onSignedIn={(next) => void adopt(next)} />;
  }
  if (state.stage === 'active' && state.user.mustChangePassword) {
    return <ChangePasswordPage required onDone={(next) => void adopt(next)} onSignOut={() => void signOut()} />;
  }
  // The screen handed to a beneficiary: the kiosk instead of the app, whose screens are not even mounted.
  if (state.stage === 'kiosk') return <KioskScreen state={state} onState={(next) => void adopt(next)} />;
  const locked = state.stage === 'locked';
  return (
    <SessionContext.Provider value={actions}>
      <ApiProvider api={api}>
        <div hidden={locked} aria-hidden={locked}>
          {children}
        </div>
      </ApiProvider>
      {locked ? <LockScreen user={state.user} onUnlocked={(next) => void adopt(next)} onSignOut={() => void signOut()} /> : null}
    </SessionContext.Provider>
  );
}
