import { NATIONALITIES } from '../../../../electron/api/fields/nationalities';

export function nationalityOptions(language: string) {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  return NATIONALITIES.map((code) => ({ value: code, label: names.of(code) ?? code }));
}

/**
 * Select options for one of the api's enumerations, each labelled by `label`: the caller names the
 * message key with the value's own type (`(value) => t(`category.${value}`)`), so every key is checked.
 */
export function enumOptions<Value extends string>(values: readonly Value[], label: (value: Value) => string) {
  return values.map((value) => ({ value, label: label(value) }));
}
