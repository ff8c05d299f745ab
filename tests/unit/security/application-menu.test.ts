import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../../electron/security/application-menu';

/** Every role and label in a menu template, submenus included. */
function everyItem(template: MenuItemConstructorOptions[] | null): string[] {
  const found: string[] = [];
  const walk = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      found.push(String(item.role ?? item.label ?? ''));
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template ?? []);
  return found;
}

/** Roles that open the developer tools or reload the page (and so could run code or drop a form). */
const DEVELOPER_ROLES = ['toggleDevTools', 'toggledevtools', 'reload', 'forceReload', 'forcereload', 'viewMenu', 'viewmenu', 'windowMenu', 'help'];

describe('applicationMenuTemplate', () => {
  it.each(['win32', 'linux'] as const)('gives an installed Wasl on %s no menu at all (not Electron’s default one)', (platform) => {
    expect(applicationMenuTemplate(platform, true)).toBeNull();
  });

  it('keeps on an installed macOS Wasl only the application and Edit menus (Quit, copy and paste), without developer tools', () => {
    const template = applicationMenuTemplate('darwin', true);
    expect(template).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }]);
    for (const role of DEVELOPER_ROLES) expect(everyItem(template)).not.toContain(role);
  });

  it.each(['win32', 'linux', 'darwin'] as const)('keeps reload and the developer tools in a development build on %s', (platform) => {
    const items = everyItem(applicationMenuTemplate(platform, false));
    expect(items).toContain('toggleDevTools');
    expect(items).toContain('reload');
    expect(items).toContain('editMenu');
  });
});
