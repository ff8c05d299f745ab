// How numbers and codes read inside text of the other direction: the rule the screens, their input
// boxes and the printed pages share.
import { describe, expect, it } from 'vitest';
import { codeDirection, signedFigure } from '../../electron/api/bidi';
import { isolateCode } from '../../renderer/lib/bidi';

describe('the direction of a typed code', () => {
  it('is left to right for digits, Latin letters and punctuation', () => {
    for (const code of ['1448/0007', '2026-00042', 'R-2026-0001', '+966 50 123 4567', '48/7781', '', '—']) {
      expect(codeDirection(code), code).toBe('ltr');
    }
  });

  it('follows the first letter when the code holds one, whatever digits come before it', () => {
    expect(codeDirection('8821/س/1448')).toBe('rtl');
    expect(codeDirection('4471/ص')).toBe('rtl');
    expect(codeDirection('ص/4471')).toBe('rtl');
    expect(codeDirection('12/AB/س')).toBe('ltr');
  });

  it('does not take Arabic-Indic digits for letters', () => {
    expect(codeDirection('٤٨/٧٧٨١')).toBe('ltr');
  });

  it('isolates a plain-text code in its own direction', () => {
    expect(isolateCode('8821/س/1448')).toBe('\u20678821/س/1448\u2069');
    expect(isolateCode('1448/0007')).toBe('\u20661448/0007\u2069');
  });
});

describe('a signed change', () => {
  const format = (value: number) => value.toLocaleString('en-GB');
  it('carries a plus, or the minus sign, before the figure', () => {
    expect(signedFigure(3, format)).toBe('+3');
    expect(signedFigure(-3, format)).toBe('\u22123');
    expect(signedFigure(0, format)).toBe('0');
    expect(signedFigure(1250, format)).toBe('+1,250');
  });
});
