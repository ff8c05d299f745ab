import { describe, expect, it } from 'vitest';
import { arabic101Layout, arabicFromEnglishLayout } from '../../../electron/services/search/keyboard-layout';
import { normalizeArabic } from '../../../electron/services/search/normalize';

describe('the Arabic (101) layout, key by key', () => {
  it('types the Arabic letters on the keys where a Windows PC puts them', () => {
    const rows = [
      ['qwertyuiop[]', 'ضصثقفغعهخحجد'],
      ["asdfghjkl;'", 'شسيبلاتنمكط'],
      ['zxcvnm,./', 'ئءؤرىةوزظ'],
    ] as const;
    for (const [keys, arabic] of rows) {
      expect([...keys].map((key) => arabic101Layout[key]).join('')).toBe(arabic);
    }
    expect(arabic101Layout['`']).toBe('ذ');
    expect(arabic101Layout.b).toBe('لا');
  });

  it('types hamza on alef, madda, the lam-alef ligatures and Arabic punctuation with Shift', () => {
    expect(arabic101Layout.H).toBe('أ');
    expect(arabic101Layout.Y).toBe('إ');
    expect(arabic101Layout.N).toBe('آ');
    expect([arabic101Layout.G, arabic101Layout.T, arabic101Layout.B]).toEqual(['لأ', 'لإ', 'لآ']);
    expect([arabic101Layout.K, arabic101Layout.P, arabic101Layout['?']]).toEqual(['،', '؛', '؟']);
  });

  it('maps every key to something different from what the English layout types there', () => {
    for (const [key, arabic] of Object.entries(arabic101Layout)) expect(arabic, key).not.toBe(key);
  });
});

describe('arabicFromEnglishLayout', () => {
  it('reads a name typed with the keyboard left on English', () => {
    expect(arabicFromEnglishLayout('hpl] hg],svd')).toBe('احمد الدوسري');
    expect(arabicFromEnglishLayout("lpl] hgrp'hkd")).toBe('محمد القحطاني');
    expect(arabicFromEnglishLayout('uf]hggi')).toBe('عبدالله');
    expect(arabicFromEnglishLayout('khwv hgaid')).toBe('ناصر الشهي');
    expect(arabicFromEnglishLayout('tاm')).toBeNull();
  });

  it('reads shifted keys, so Shift+H gives أ and harakat fold away in the search', () => {
    expect(arabicFromEnglishLayout('Hpl]')).toBe('أحمد');
    expect(normalizeArabic(arabicFromEnglishLayout('lEpQl]')!)).toBe('محمد');
  });

  it('keeps digits, spaces and dashes as they are', () => {
    expect(arabicFromEnglishLayout('hpl] 2')).toBe('احمد 2');
  });

  it('answers null for text that cannot be Arabic typed on the English layout', () => {
    expect(arabicFromEnglishLayout('')).toBeNull();
    expect(arabicFromEnglishLayout('   ')).toBeNull();
    expect(arabicFromEnglishLayout('احمد')).toBeNull();
    expect(arabicFromEnglishLayout('hpl] احمد')).toBeNull();
    expect(arabicFromEnglishLayout('é')).toBeNull();
    expect(arabicFromEnglishLayout('1234')).toBeNull();
    // Keys that type only harakat or punctuation are no name.
    expect(arabicFromEnglishLayout('QWE')).toBeNull();
  });

  it('still maps a real Latin name (the search tries both readings and ranks what was typed first)', () => {
    expect(arabicFromEnglishLayout('aldosari')).toBe('شميخسشقه');
  });
});
