// The notice of a refused save counts the fields to review in proper Arabic (one, two, a few, many)
// and English, and names the first; the message of a choice box keeps the text it refuses.
import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import arCommon from '../../locales/ar/common.json';
import enCommon from '../../locales/en/common.json';

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

describe('how many fields need attention', () => {
  it('uses the Arabic forms for one, two, a few and many', () => {
    expect(arabic('formAttention.count', { count: 1 })).toBe('حقل واحد بحاجة إلى مراجعة');
    expect(arabic('formAttention.count', { count: 2 })).toBe('حقلان بحاجة إلى مراجعة');
    expect(arabic('formAttention.count', { count: 3 })).toBe('3 حقول بحاجة إلى مراجعة');
    expect(arabic('formAttention.count', { count: 11 })).toBe('11 حقلًا بحاجة إلى مراجعة');
    expect(arabic('formAttention.count', { count: 100 })).toBe('100 حقل بحاجة إلى مراجعة');
  });

  it('uses the English singular and plural', () => {
    expect(english('formAttention.count', { count: 1 })).toBe('1 field needs attention');
    expect(english('formAttention.count', { count: 7 })).toBe('7 fields need attention');
  });

  it('names the first field', () => {
    expect(arabic('formAttention.first', { count: 1, field: 'الحي / المدينة' })).toBe('الحقل: الحي / المدينة');
    expect(arabic('formAttention.first', { count: 2, field: 'اسم العائلة' })).toBe('أولهما: اسم العائلة');
    expect(english('formAttention.first', { count: 3, field: 'Family name' })).toBe('The first: Family name');
  });

  it('keeps the refused text in the choice box message', () => {
    expect(arabic('choice.unmatched', { text: 'حي النخيل' })).toContain('«حي النخيل»');
    expect(english('choice.unmatched', { text: 'Nowhere' })).toContain('“Nowhere”');
  });
});
