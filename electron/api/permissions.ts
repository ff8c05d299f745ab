/**
 * Who may do what: the one table of roles and permissions. Every call of the contract names the
 * permission it needs (see `call` in define.ts); the dispatcher checks the signed-in user's role
 * against this table before any service runs.
 */

export const ROLES = ['officer', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Own account: language, password, locking the screen. */
  'self',
  'beneficiaries.view',
  'beneficiaries.edit',
  'eligibility.decide',
  /** Logging contacts through the five channels, and linking them to a person. */
  'contacts.log',
  /** The register of incoming and outgoing official letters, with their scans. */
  'letters.register',
  /** Opening requests and moving them along: review, referral, the authority's answer, notification, closing. */
  'requests.handle',
  /** Approving or rejecting a request: the policy reserves the decision to a supervisor. */
  'requests.decide',
  /** Giving a request or a complaint to another officer. */
  'casework.assign',
  /** Complaints, notes and suggestions, from receipt to answer. */
  'complaints.handle',
  /** Adopting or declining a suggestion: the association's decision, a supervisor's as a request's is. */
  'suggestions.decide',
  /** The whole office's queues and each officer's load. */
  'queues.office',
  /** The report's figures (the weekly report and any period's), aggregated: no one's personal data. */
  'reports.view',
  /** Taking records out of Wasl: the report as PDF, Excel or CSV, and the lists behind it. Every export is audited. */
  'exports.create',
  /** The catalogs the desk works from: request types and targets, holidays, authorities, the reference library. */
  'catalog.manage',
  /** The programs catalog: every program, its sessions, fees and status, and its printed sheet. */
  'programs.view',
  /** Creating and changing programs, their sessions, publishing their fees and moving their status. */
  'programs.manage',
  /** Enrolling people in programs and moving their enrolment along: interview, acceptance, waitlist, attendance's end. */
  'enrolments.handle',
  /** A supervisor's part of an enrolment: letting someone in whom the conditions do not admit, reordering the waitlist, dismissal, deciding a fee waiver. */
  'enrolments.supervise',
  /**
   * Offering a satisfaction questionnaire on a case and taking its answers (on the kiosk screen, from
   * a paper form, by phone), and reading the satisfaction figures of one's own cases.
   */
  'satisfaction.collect',
  /** Every officer's satisfaction figures and the comments of the whole office. */
  'satisfaction.office',
  /** Building questionnaires and their versions, putting them in use and retiring them. */
  'questionnaires.manage',
  /** Reading the association's governing documents in force (the policy, the bylaws) and their earlier issues: every member of staff works under them. */
  'documents.read',
  /**
   * Recording a new issue of a governing document and its approval, and being reminded of its review.
   * A supervisor's as well as an administrator's: the policy puts its periodic review with those who
   * answer for the service, and the approval itself is the board's; Wasl records it, it does not make it.
   */
  'documents.manage',
  /** Everything held about one person, for a subject-access request. */
  'beneficiaries.exportPersonalData',
  /** Destroying a person's personal data (right to erasure). */
  'beneficiaries.erase',
  'audit.view',
  'audit.export',
  /** Settling what the merge of the office's desks found: two values of one field, one person registered twice. */
  'conflicts.settle',
  'users.manage',
  'settings.manage',
  'backups.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What a call needs: a permission, or `public` for the few calls that work before anyone has signed
 * in (the session calls: setting up, signing in, recovering, unlocking). Public calls check their own
 * preconditions.
 */
export type Access = Permission | 'public';

const OFFICER: readonly Permission[] = [
  'self',
  'beneficiaries.view',
  'beneficiaries.edit',
  'eligibility.decide',
  'contacts.log',
  'letters.register',
  'requests.handle',
  'complaints.handle',
  'programs.view',
  'enrolments.handle',
  'satisfaction.collect',
  'documents.read',
];
const SUPERVISOR: readonly Permission[] = [
  ...OFFICER,
  'requests.decide',
  'suggestions.decide',
  'casework.assign',
  'queues.office',
  'reports.view',
  'exports.create',
  'beneficiaries.exportPersonalData',
  'audit.view',
  'audit.export',
  'conflicts.settle',
  'programs.manage',
  'enrolments.supervise',
  'satisfaction.office',
  'documents.manage',
];
const ADMINISTRATOR: readonly Permission[] = [
  ...SUPERVISOR,
  'beneficiaries.erase',
  'users.manage',
  'settings.manage',
  'catalog.manage',
  'backups.manage',
  'questionnaires.manage',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  officer: OFFICER,
  supervisor: SUPERVISOR,
  administrator: ADMINISTRATOR,
};

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
