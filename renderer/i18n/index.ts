import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../electron/api/app';

/** Every message file under locales/<language>/<namespace>.json, bundled: the app works offline. */
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../locales/*/*.json', { eager: true });

function resources() {
  const byLanguage: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, module] of Object.entries(files)) {
    const match = /locales\/([a-z]{2})\/([a-z-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (byLanguage[language] ??= {})[namespace] = module.default;
  }
  return byLanguage;
}

export const NAMESPACES = ['common', 'home', 'search', 'beneficiaries', 'eligibility', 'errors', 'session', 'audit', 'users', 'backups', 'settings', 'contacts', 'timeline', 'letters', 'requests', 'complaints', 'inquiries', 'queues', 'catalog', 'reports', 'exports', 'conflicts', 'programs', 'enrolments', 'attendance', 'program-fees', 'questionnaires', 'satisfaction', 'kiosk', 'paper-forms', 'satisfaction-figures', 'documents'] as const;

export async function startI18n(language: Language): Promise<I18n> {
  await i18next.use(initReactI18next).init({
    resources: resources(),
    lng: language,
    fallbackLng: false,
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(language);
  return i18next;
}

/** Direction comes from the language, on <html>, so the whole page (and Mantine) follows it. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}
