import type { TFunction } from 'i18next';

import { NATIONALITIES } from '../../../../electron/api/fields/nationalities';

export function nationalityOptions(language: string) {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  return NATIONALITIES.map((code) => ({ value: code, label: names.of(code) ?? code }));
}

/** Select options for one of the api's enumerations, labelled from the beneficiaries namespace. */
export function enumOptions(values: readonly string[], group: string, t: TFunction) {
  return values.map((value) => ({ value, label: t(`beneficiaries:${group}.${value}`) }));
}
