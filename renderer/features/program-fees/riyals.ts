import { useTranslation } from 'react-i18next';

/** Halalas as people read them: riyals with two decimals and the currency, Latin digits in both languages. */
export function useRiyals(): (halalas: number) => string {
  const { t, i18n } = useTranslation('programs');
  const amount = new Intl.NumberFormat(i18n.language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (halalas) => t('sheet.riyals', { amount: amount.format(halalas / 100) });
}
