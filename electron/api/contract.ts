import type { z } from 'zod';
import { appCalls } from './app';
import { auditCalls } from './audit';
import { backupsCalls } from './backups';
import { conflictsCalls } from './conflicts';
import { officeCalls } from './office';
import { programsCalls } from './programs';
import { enrolmentsCalls } from './enrolments';
import { attendanceCalls } from './attendance';
import { programFeesCalls } from './program-fees';
import { questionnairesCalls } from './questionnaires';
import { satisfactionCalls } from './satisfaction';
import { satisfactionFiguresCalls } from './satisfaction-figures';
import { kioskCalls } from './kiosk';
import { paperFormsCalls } from './paper-forms';
import { documentsCalls } from './documents';
import { beneficiariesCalls } from './beneficiaries';
import { complaintsCalls } from './complaints';
import { contactsCalls } from './contacts';
import type { CallSpec } from './define';
import { eligibilityCalls } from './eligibility';
import { exportsCalls } from './exports';
import { inquiriesCalls } from './inquiries';
import { lettersCalls } from './letters';
import { queuesCalls } from './queues';
import { reportsCalls } from './reports';
import { requestsCalls } from './requests';
import type { Result } from './result';
import { searchCalls } from './search';
import { sessionCalls } from './session';
import { settingsCalls } from './settings';
import { timelineCalls } from './timeline';
import { usersCalls } from './users';

/**
 * The whole api: every call the renderer can make, by name, with its input schema and result type.
 * Each area contributes its slice; the hosts, the preload and the renderer are all built from this map.
 */
export const contract = {
  ...sessionCalls,
  ...appCalls,
  ...usersCalls,
  ...auditCalls,
  ...settingsCalls,
  ...beneficiariesCalls,
  ...contactsCalls,
  ...timelineCalls,
  ...lettersCalls,
  ...requestsCalls,
  ...complaintsCalls,
  ...inquiriesCalls,
  ...queuesCalls,
  ...reportsCalls,
  ...exportsCalls,
  ...eligibilityCalls,
  ...searchCalls,
  ...backupsCalls,
  ...officeCalls,
  ...conflictsCalls,
  ...programsCalls,
  ...enrolmentsCalls,
  ...attendanceCalls,
  ...programFeesCalls,
  ...questionnairesCalls,
  ...satisfactionCalls,
  ...satisfactionFiguresCalls,
  ...kioskCalls,
  ...paperFormsCalls,
  ...documentsCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const callNames = Object.keys(contract) as CallName[];
/** The calls about the session itself (signing in and out, locking): answered whether or not a database is open. */
export type SessionCallName = keyof typeof sessionCalls;
export type ServiceCallName = Exclude<CallName, SessionCallName>;
export const isSessionCall = (name: CallName): name is SessionCallName => name in sessionCalls;

type SpecOf<Name extends CallName> = Contract[Name];
/** What the caller sends (before validation and normalization). */
export type CallInput<Name extends CallName> = SpecOf<Name> extends CallSpec<infer I, unknown> ? z.input<I> : never;
/** What the service receives (after validation and normalization). */
export type ValidInput<Name extends CallName> = SpecOf<Name> extends CallSpec<infer I, unknown> ? z.output<I> : never;
export type CallOutput<Name extends CallName> = SpecOf<Name> extends CallSpec<z.ZodType, infer O> ? O : never;

/** The api as the renderer sees it: one async function per call, each answering a Result. */
export type Api = { [Name in CallName]: (input: CallInput<Name>) => Promise<Result<CallOutput<Name>>> };

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
