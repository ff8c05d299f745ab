import { useTranslation } from 'react-i18next';

/** A program's name in the officer's language: the English one when there is one and English is chosen. */
export function useProgramName(): (program: { nameAr: string; nameEn: string | null }) => string {
  const { i18n } = useTranslation();
  return (program) => (i18n.language === 'en' && program.nameEn ? program.nameEn : program.nameAr);
}

/** A stage's badge colour: taking part, waiting, or over. */
export const STAGE_COLORS: Record<string, string> = {
  applied: 'blue',
  interview_scheduled: 'blue',
  interviewed: 'blue',
  accepted: 'teal',
  waitlisted: 'yellow',
  declined: 'gray',
  active: 'green',
  completed: 'green',
  withdrawn: 'gray',
  dismissed: 'red',
};
