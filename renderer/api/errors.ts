import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../electron/api/result';

/** The sentence an officer reads for a refusal, in their language. Never a stack trace. */
export function useErrorMessage(): (error: ApiError) => string {
  const { t } = useTranslation('errors');
  // A refusal's details fill the sentence's blanks ({{max}}, {{count}}).
  return (error) => t(error.messageKey, { ...error.details, defaultValue: t('internal') });
}

/**
 * Field paths of a validation refusal, translated, as a form wants them. Calls that wrap the form in
 * `{ fields: … }` report paths under `fields.`; the form knows them without that prefix.
 */
export function useFieldErrors(): (error: ApiError) => Record<string, string> {
  const { t } = useTranslation('errors');
  return (error) => {
    const fields: Record<string, string> = {};
    for (const problem of error.details?.fields ?? []) {
      const path = problem.path.replace(/^fields\./, '');
      fields[path] ??= t(problem.messageKey, { defaultValue: t('validation.invalid') });
    }
    return fields;
  };
}
