// How long a request or complaint stayed in a stage, in words: one formatter for both pages, and a
// stay under a minute never reads "0 minutes".
import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import arCommon from '../../locales/ar/common.json';
import enCommon from '../../locales/en/common.json';
import { durationInWords } from '../../renderer/lib/durations';

let arabic: TFunction<'common'>;
let english: TFunction<'common'>;

beforeAll(async () => {
  const start = async (language: 'ar' | 'en') => {
    const i18n = createInstance();
    await i18n.init({
      resources: { ar: { common: arCommon }, en: { common: enCommon } },
      lng: language,
      fallbackLng: false,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    });
    return i18n.getFixedT(language, 'common') as TFunction<'common'>;
  };
  arabic = await start('ar');
  english = await start('en');
});

describe('a stay in a stage, in words', () => {
  it('says "less than a minute" for a stay under a minute, in Arabic and English', () => {
    expect(durationInWords(arabic, 0)).toBe('أقل من دقيقة');
    expect(durationInWords(arabic, 0.7)).toBe('أقل من دقيقة');
    expect(durationInWords(english, 0)).toBe('less than a minute');
    expect(durationInWords(english, 0.7)).toBe('less than a minute');
  });

  it('words minutes with the Arabic plurals', () => {
    expect(durationInWords(arabic, 1)).toBe('دقيقة واحدة');
    expect(durationInWords(arabic, 2)).toBe('دقيقتان');
    expect(durationInWords(arabic, 5)).toBe('5 دقائق');
    expect(durationInWords(arabic, 45)).toBe('45 دقيقة');
    expect(durationInWords(english, 1)).toBe('1 minute');
    expect(durationInWords(english, 45)).toBe('45 minutes');
  });

  it('shows the two largest units, leaving out a zero second unit', () => {
    expect(durationInWords(arabic, 60)).toBe('ساعة واحدة');
    expect(durationInWords(arabic, 125)).toBe('ساعتان و5 دقائق');
    expect(durationInWords(arabic, 3 * 1440 + 5 * 60 + 59)).toBe('3 أيام و5 ساعات');
    expect(durationInWords(english, 2 * 1440)).toBe('2 days');
    expect(durationInWords(english, 1440 + 60)).toBe('1 day, 1 hour');
  });
});
