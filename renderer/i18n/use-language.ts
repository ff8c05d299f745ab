import { useDirection } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/api/app';
import { applyDocumentLanguage } from './index';

const LAST_LANGUAGE_KEY = 'wasl.language';

/** The language the sign-in screen opens in: the one last used on this computer (not sensitive). */
export function lastLanguage(): Language {
  return localStorage.getItem(LAST_LANGUAGE_KEY) === 'en' ? 'en' : 'ar';
}

/** Switches the whole screen (texts, direction, Mantine) to a language, and remembers it here. */
export function useApplyLanguage(): (language: Language) => Promise<void> {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  return useCallback(
    async (language: Language) => {
      localStorage.setItem(LAST_LANGUAGE_KEY, language);
      if (i18n.language !== language) await i18n.changeLanguage(language);
      applyDocumentLanguage(language);
      setDirection(i18n.dir(language));
    },
    [i18n, setDirection],
  );
}
