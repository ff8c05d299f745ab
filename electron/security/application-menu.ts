import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Electron's default one carries Reload, Force Reload and Toggle Developer
 * Tools, each with its shortcut: in an installed Wasl, anyone at the desk could open the developer
 * tools and run code in the page. So an installed Wasl has no menu at all, except on macOS, where
 * the application and Edit menus are what make Quit, copy and paste work; neither has developer
 * tools. A development build keeps them.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, packaged: boolean): MenuItemConstructorOptions[] | null {
  const macOS = platform === 'darwin';
  if (packaged) return macOS ? [{ role: 'appMenu' }, { role: 'editMenu' }] : null;
  return [
    ...(macOS ? [{ role: 'appMenu' } as const] : []),
    { role: 'editMenu' },
    { label: 'Development', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] },
  ];
}
