import { z } from 'zod';
import { call } from './define';

/** How signing in and the idle lock behave; kept in the keyring, since it applies before the database opens. */
export interface SecuritySettings {
  /** Wrong passwords in a row before the account is locked for a while. */
  maxFailedAttempts: number;
  lockoutMinutes: number;
  /** Minutes without a key press before the screen locks. */
  idleLockMinutes: number;
}

const whole = (min: number, max: number) =>
  z
    .number({ error: 'validation.invalid' })
    .int({ error: 'validation.invalid' })
    .min(min, { error: 'validation.outOfRange' })
    .max(max, { error: 'validation.outOfRange' });

export const settingsCalls = {
  'settings.security': call('settings.manage', z.object({})).returns<SecuritySettings>(),
  'settings.setSecurity': call(
    'settings.manage',
    z.object({
      maxFailedAttempts: whole(3, 20),
      lockoutMinutes: whole(1, 24 * 60),
      idleLockMinutes: whole(1, 60),
    }),
  ).returns<SecuritySettings>(),
};
