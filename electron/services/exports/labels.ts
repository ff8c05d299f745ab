import arAttendance from '../../../locales/ar/attendance.json';
import arBeneficiaries from '../../../locales/ar/beneficiaries.json';
import arComplaints from '../../../locales/ar/complaints.json';
import arContacts from '../../../locales/ar/contacts.json';
import arEnrolments from '../../../locales/ar/enrolments.json';
import arErrors from '../../../locales/ar/errors.json';
import arExports from '../../../locales/ar/exports.json';
import arLetters from '../../../locales/ar/letters.json';
import arPrograms from '../../../locales/ar/programs.json';
import arQuestionnaires from '../../../locales/ar/questionnaires.json';
import arRequests from '../../../locales/ar/requests.json';
import enAttendance from '../../../locales/en/attendance.json';
import enBeneficiaries from '../../../locales/en/beneficiaries.json';
import enComplaints from '../../../locales/en/complaints.json';
import enContacts from '../../../locales/en/contacts.json';
import enEnrolments from '../../../locales/en/enrolments.json';
import enErrors from '../../../locales/en/errors.json';
import enExports from '../../../locales/en/exports.json';
import enLetters from '../../../locales/en/letters.json';
import enPrograms from '../../../locales/en/programs.json';
import enQuestionnaires from '../../../locales/en/questionnaires.json';
import enRequests from '../../../locales/en/requests.json';

/**
 * The words an exported file is written in, from the same message files as the screens: a
 * spreadsheet reads "هاتف", not "phone". The command line says its refusals with them too.
 */
const CATALOGS = {
  ar: {
    errors: arErrors, exports: arExports, beneficiaries: arBeneficiaries, contacts: arContacts, requests: arRequests, complaints: arComplaints, letters: arLetters,
    programs: arPrograms, enrolments: arEnrolments, attendance: arAttendance, questionnaires: arQuestionnaires,
  },
  en: {
    errors: enErrors, exports: enExports, beneficiaries: enBeneficiaries, contacts: enContacts, requests: enRequests, complaints: enComplaints, letters: enLetters,
    programs: enPrograms, enrolments: enEnrolments, attendance: enAttendance, questionnaires: enQuestionnaires,
  },
};

export type ExportLanguage = keyof typeof CATALOGS;
type Namespace = keyof (typeof CATALOGS)['ar'];

export interface Labels {
  language: ExportLanguage;
  /** The message at a dotted path of a namespace, or the path itself when it is missing. */
  text(namespace: Namespace, path: string, values?: Record<string, string | number>): string;
  /** A stored code's label (a channel, a stage…): the code itself when unknown, so nothing is lost. */
  code(namespace: Namespace, group: string, value: string | null): string | null;
}

export function labelsFor(language: ExportLanguage): Labels {
  const catalogs = CATALOGS[language];
  const lookup = (namespace: Namespace, path: string): unknown =>
    path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), catalogs[namespace]);
  return {
    language,
    text(namespace, path, values = {}) {
      const found = lookup(namespace, path);
      const message = typeof found === 'string' ? found : path;
      return message.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
    },
    code(namespace, group, value) {
      if (value === null) return null;
      const found = lookup(namespace, `${group}.${value}`);
      return typeof found === 'string' ? found : value;
    },
  };
}
