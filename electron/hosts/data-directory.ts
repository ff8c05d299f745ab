import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user folder where Electron keeps the app's data (`app.getPath('userData')` for a product
 * named Wasl), computed without Electron so the web host uses the very same database.
 */
export function defaultDataDirectory(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Wasl');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Wasl');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Wasl');
}
