import { useTranslation } from 'react-i18next';
import { signedFigure } from '../../../electron/api/bidi';
import type { Figure } from '../../../electron/api/satisfaction-figures';

/** How a figure's value reads: a percentage, or a signed score (NPS, −100 to +100). */
export type FigureUnit = 'percent' | 'signed' | 'plain';

/** Numbers as the rest of Wasl writes them (Latin digits in both languages), and a withheld figure as "too few". */
export function useFigureText() {
  const { t, i18n } = useTranslation('satisfaction-figures');
  const arabic = i18n.language === 'ar';
  const numbers = new Intl.NumberFormat(arabic ? 'ar-SA-u-nu-latn' : 'en-GB', { maximumFractionDigits: 2 });
  const number = (value: number) => numbers.format(value);
  const value = (shown: number, unit: FigureUnit) => (unit === 'percent' ? `${number(shown)}%` : unit === 'signed' ? signedFigure(shown, number) : number(shown));
  return {
    number,
    listSeparator: arabic ? '، ' : ', ',
    inLanguage: (ar: string, en: string | null) => (arabic ? ar : (en ?? ar)),
    value,
    /** A figure's value, "too few to judge" when withheld, a dash when nothing was answered. */
    figure: (figure: Pick<Figure, 'value' | 'tooFew'>, unit: FigureUnit) => (figure.tooFew ? t('tooFew') : figure.value === null ? '—' : value(figure.value, unit)),
  };
}
