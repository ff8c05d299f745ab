import type { TFunction } from 'i18next';

/** Nationalities seen at the desk first, the rest after; names come from Intl in the officer's language. */
export const NATIONALITIES = [
  'SA', 'YE', 'EG', 'SY', 'JO', 'SD', 'PK', 'IN', 'BD', 'PH', 'ID', 'NP', 'LK', 'ET', 'SO', 'ER', 'TD', 'NG',
  'PS', 'LB', 'IQ', 'KW', 'BH', 'QA', 'AE', 'OM', 'MA', 'DZ', 'TN', 'LY', 'MR', 'AF', 'TR', 'IR',
] as const;

export function nationalityOptions(language: string) {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  return NATIONALITIES.map((code) => ({ value: code, label: names.of(code) ?? code }));
}

/** Select options for one of the api's enumerations, labelled from the beneficiaries namespace. */
export function enumOptions(values: readonly string[], group: string, t: TFunction) {
  return values.map((value) => ({ value, label: t(`beneficiaries:${group}.${value}`) }));
}
