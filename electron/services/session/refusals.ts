import type { CallName } from '../../api/contract';
import type { ApiError } from '../../api/result';

/**
 * Refused calls worth a trace in the audit log, and how often they are written there.
 *
 * Recorded: every `forbidden` (someone tried what their role does not allow, whatever the call);
 * every refusal by one of Wasl's rules (`rule`: the last administrator, one's own access, a request
 * in the wrong stage…) of a call that changes data; and a wrong password typed again to confirm who
 * is at the keyboard (a new recovery key, a change of password), which is how someone at an
 * unattended desk would guess it. Not recorded: other typing mistakes (`validation`), refusals of
 * calls that only read, and refusals before anyone is known (signed out, screen locked; failed
 * sign-ins have their own entries). What was typed is never recorded: only who, which call, when,
 * and the refusal's code and reason.
 *
 * A loop must not flood the log: for each person and call, the first refusal is written at once and
 * then at most one entry a minute, carrying how many refusals it stands for (`count`); and a person
 * gets at most a few of these later entries a minute whatever the calls. The first refusal of a call
 * is never held back by the others: refusing a few harmless calls first would otherwise hide the one
 * that mattered until the session ends, and a desk killed before then would lose it. Those first
 * entries are bounded by the number of calls. What is held back is written when the session ends
 * (signing out, locking, closing), so every refused call is named in the log by then.
 */

/** The calls that change nothing (reading, listing, opening an export's file): their `rule` refusals are not recorded. */
export const READING_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'app.info',
  'preferences.get',
  'lookups.districts',
  'beneficiaries.get',
  'beneficiaries.list',
  'beneficiaries.checkDuplicates',
  'beneficiaries.stats',
  'beneficiaries.timeline',
  'beneficiaries.exportPersonalData',
  'search.beneficiaries',
  'contacts.unlinked',
  'letters.list',
  'letters.get',
  'letters.scan',
  'letters.document',
  'letters.pdf',
  'authorities.list',
  'requests.get',
  'requests.list',
  'requests.types',
  'requests.assignees',
  'requests.referralAuthorities',
  'holidays.list',
  'complaints.get',
  'complaints.list',
  'complaints.targets',
  'complaints.staffOptions',
  'complaints.suggestionsRegister',
  'inquiries.get',
  'inquiries.pending',
  'inquiries.answered',
  'library.get',
  'library.search',
  'queues.mine',
  'queues.office',
  'reports.figures',
  'reports.trend',
  'reports.records',
  'exports.start',
  'exports.status',
  'exports.cancel',
  'exports.take',
  'users.list',
  'audit.list',
  'audit.verify',
  'audit.export',
  'audit.actors',
  'audit.breaks',
  'settings.security',
  'backups.status',
  'backups.settings',
  'backups.list',
  'office.desks',
  'session.state',
]);

/** The field problem of a password typed again to confirm who is at the keyboard, and typed wrong. */
const WRONG_PASSWORD = 'validation.password.wrong';

function isWrongPassword(error: ApiError): boolean {
  return error.code === 'validation' && (error.details?.fields?.some((field) => field.messageKey === WRONG_PASSWORD) ?? false);
}

export function isRecordedRefusal(name: CallName, error: ApiError): boolean {
  if (error.code === 'forbidden' || isWrongPassword(error)) return true;
  return error.code === 'rule' && !READING_CALLS.has(name);
}

/** Why the call was refused, as the log says it: the refusal's message key, or the wrong password's. */
export function refusalReason(error: ApiError): string {
  return isWrongPassword(error) ? WRONG_PASSWORD : error.messageKey;
}

/** What an entry of the log says about refusals: never the input. */
export interface RefusalSummary {
  call: CallName;
  code: ApiError['code'];
  reason: string;
  /** How many refusals the entry stands for: this one and those held back since the previous entry. */
  count: number;
  /** When the first of them happened, when the entry stands for more than one. */
  since?: string;
}

export interface RefusalLimits {
  /** At most one entry per person and call in this time. */
  perCallMs: number;
  /** At most this many entries per person in `perCallMs`, whatever the calls. */
  perPerson: number;
}

export const REFUSAL_LIMITS: RefusalLimits = { perCallMs: 60_000, perPerson: 10 };

interface HeldBack {
  actorId: string;
  call: CallName;
  code: ApiError['code'];
  reason: string;
  /** When this person and call last got an entry; null when none has been written yet. */
  lastWrittenAt: number | null;
  heldBack: number;
  firstHeldBackAt: number | null;
}

/**
 * Decides, refusal by refusal, which are written now and which are held back and counted. It keeps
 * no more than one small record per person, call and code seen since that person's session began.
 */
export class RefusalLimiter {
  private readonly byCall = new Map<string, HeldBack>();
  /** The times of each person's latest entries, to keep to `perPerson` a minute. */
  private readonly recentEntries = new Map<string, number[]>();

  constructor(private readonly limits: RefusalLimits = REFUSAL_LIMITS) {}

  /** The entry to write for this refusal now, or null when it is held back (and counted). */
  refused(actorId: string, call: CallName, error: ApiError, now: Date): RefusalSummary | null {
    const at = now.getTime();
    const key = `${actorId}\u0000${call}\u0000${error.code}`;
    const record = this.byCall.get(key) ?? {
      actorId,
      call,
      code: error.code,
      reason: refusalReason(error),
      lastWrittenAt: null,
      heldBack: 0,
      firstHeldBackAt: null,
    };
    this.byCall.set(key, record);
    record.reason = refusalReason(error);
    const isFirst = record.lastWrittenAt === null;
    const callIsDue = record.lastWrittenAt === null || at - record.lastWrittenAt >= this.limits.perCallMs;
    if (!callIsDue || (!isFirst && !this.personMayWrite(actorId, at))) {
      record.heldBack += 1;
      record.firstHeldBackAt ??= at;
      return null;
    }
    const summary = summaryOf(record, record.heldBack + 1, record.firstHeldBackAt);
    record.lastWrittenAt = at;
    record.heldBack = 0;
    record.firstHeldBackAt = null;
    this.recentEntries.set(actorId, [...(this.recentEntries.get(actorId) ?? []), at]);
    return summary;
  }

  /** The entries for what is held back for this person (all people when none is named), forgotten afterwards. */
  release(actorId?: string): Array<{ actorId: string; summary: RefusalSummary }> {
    const released: Array<{ actorId: string; summary: RefusalSummary }> = [];
    for (const [key, record] of this.byCall) {
      if (actorId !== undefined && record.actorId !== actorId) continue;
      if (record.heldBack > 0) released.push({ actorId: record.actorId, summary: summaryOf(record, record.heldBack, record.firstHeldBackAt) });
      this.byCall.delete(key);
    }
    if (actorId === undefined) this.recentEntries.clear();
    else this.recentEntries.delete(actorId);
    return released;
  }

  private personMayWrite(actorId: string, at: number): boolean {
    const recent = (this.recentEntries.get(actorId) ?? []).filter((time) => at - time < this.limits.perCallMs);
    this.recentEntries.set(actorId, recent);
    return recent.length < this.limits.perPerson;
  }
}

function summaryOf(record: HeldBack, count: number, firstAt: number | null): RefusalSummary {
  const summary: RefusalSummary = { call: record.call, code: record.code, reason: record.reason, count };
  if (count > 1 && firstAt !== null) summary.since = new Date(firstAt).toISOString();
  return summary;
}
