import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/security/window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs');
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with the given preload', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps the web platform’s own protections on', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web).not.toHaveProperty('partition');
  });

  it('sets nothing that loosens security, whatever its value', () => {
    for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'webviewTag', 'experimentalFeatures']) {
      expect(web[key as keyof typeof web], key).not.toBe(true);
    }
  });

  it('opens hidden at a comfortable size, shown once painted', () => {
    expect(options.show).toBe(false);
    expect(options.width).toBe(1280);
    expect(options.height).toBe(820);
    expect(options.minWidth).toBe(1024);
    expect(options.minHeight).toBe(680);
    expect(options.title).toBe('وصل — Wasl');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.autoHideMenuBar).toBe(true);
  });

  it('has no developer tools unless a development build asks for them', () => {
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions('/a.cjs', {}).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/a.cjs', { devTools: false }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/a.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('answers a fresh object each time', () => {
    const a = mainWindowOptions('/a.cjs');
    const b = mainWindowOptions('/b.cjs');
    expect(a).not.toBe(b);
    expect(a.webPreferences).not.toBe(b.webPreferences);
    expect(b.webPreferences?.preload).toBe('/b.cjs');
  });
});
