// Programs, people and enrolments made through the real call path, for the tests of programs, fees,
// attendance, certificates, exports and the report: each takes the test's own way of calling the desk
// (which may sign in again, unlock the screen or choose a desk), so the story reads the same everywhere.
import type { BeneficiaryDetail, BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import type { EnrolmentDetail } from '../../electron/api/enrolments';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { AddedSessions, ProgramDetail, ProgramFields } from '../../electron/api/programs';
import { validFields } from './database';

/** Calls the desk and gives the call's value, failing the test when it is refused. */
export type ProgramCall = <T>(name: string, input: unknown) => Promise<T>;

const DAY_MS = 24 * 60 * 60_000;

/** A computer-skills course's fields: the test names its dates and whatever else it is about. */
export function courseFields(fields: Pick<ProgramFields, 'startsOn' | 'endsOn'> & Partial<ProgramFields>): ProgramFields {
  return {
    nameAr: 'دورة الحاسب الآلي',
    nameEn: 'Computer skills',
    kind: 'training',
    description: 'مهارات الحاسب الأساسية',
    conditions: null,
    categories: [],
    gender: null,
    ageMin: null,
    ageMax: null,
    hasInterview: false,
    capacity: 10,
    minAttendancePercent: 80,
    maxUnexcusedAbsences: 3,
    followUpAfterAbsences: 2,
    offerDays: 3,
    place: 'مقر الجمعية',
    ...fields,
  };
}

/** The program's sessions: one on each date, at the same hours. */
export interface SessionsPlan {
  dates: string[];
  startsAt: string;
  endsAt: string;
  place?: string;
}

/** A program saved, its sessions added, its fee published and opened for applications, through the catalog's own calls. */
async function savedAndOpened(
  call: ProgramCall,
  fields: ProgramFields,
  fee: { amount: number; covers: string },
  sessions?: SessionsPlan,
): Promise<{ program: ProgramDetail; sessionIds: string[] }> {
  const saved = await call<ProgramDetail>('programs.save', { fields });
  let sessionIds: string[] = [];
  if (sessions !== undefined && sessions.dates.length > 0) {
    const { dates, ...hours } = sessions;
    const added = await call<AddedSessions>('programs.addSessions', { programId: saved.id, schedule: { kind: 'dates', dates }, ...hours });
    sessionIds = added.program.sessions.map((session) => session.id);
  }
  const priced = await call<ProgramDetail>('programs.publishFee', { programId: saved.id, amount: fee.amount, covers: fee.covers });
  const program = await call<ProgramDetail>('programs.setStatus', { id: saved.id, expectedVersion: priced.rowVersion, status: 'open', reason: null });
  return { program, sessionIds };
}

/** A program open for applications with its fee (in halalas) published and, when given, its sessions. */
export async function openProgram(
  call: ProgramCall,
  fields: ProgramFields,
  fee: { amount: number; covers: string },
  sessions?: SessionsPlan,
): Promise<ProgramDetail> {
  return (await savedAndOpened(call, fields, fee, sessions)).program;
}

/**
 * A carpentry course open for enrolment, its three sessions held in the past three days (the ids in
 * that order), its rule: at least 80 % and at most 1 unexcused absence.
 */
export async function heldCourse(call: ProgramCall, fee: { amount: number; covers: string }): Promise<ProgramDetail & { sessionIds: string[] }> {
  const dayFromToday = (days: number) => todayInRiyadh(new Date(Date.now() + days * DAY_MS));
  const fields = courseFields({
    nameAr: 'دورة النجارة',
    nameEn: 'Carpentry course',
    description: 'أساسيات النجارة',
    maxUnexcusedAbsences: 1,
    followUpAfterAbsences: 3,
    startsOn: dayFromToday(-10),
    endsOn: dayFromToday(30),
    place: 'ورشة الجمعية',
  });
  const sessions = { dates: [dayFromToday(-3), dayFromToday(-2), dayFromToday(-1)], startsAt: '16:00', endsAt: '18:00' };
  const { program, sessionIds } = await savedAndOpened(call, fields, fee, sessions);
  return { ...program, sessionIds };
}

/** A registered person found eligible. */
export async function eligiblePerson(call: ProgramCall, fields: Partial<BeneficiaryFieldsInput> = {}): Promise<BeneficiaryDetail> {
  const person = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields(fields) });
  await call('eligibility.record', { beneficiaryId: person.id, inScope: true, legalResident: true, receivesServices: true, outcome: 'eligible', reason: null });
  return person;
}

/** The person's application to the program, with no override of its conditions. */
export function applyTo(call: ProgramCall, programId: string, beneficiaryId: string): Promise<EnrolmentDetail> {
  return call<EnrolmentDetail>('enrolments.apply', { programId, beneficiaryId, overrideReason: null });
}

/** A new eligible person who applied, was accepted and started attending the program. */
export async function attending(
  call: ProgramCall,
  programId: string,
  fields: Partial<BeneficiaryFieldsInput>,
): Promise<{ person: BeneficiaryDetail; enrolment: EnrolmentDetail }> {
  const person = await eligiblePerson(call, fields);
  const applied = await applyTo(call, programId, person.id);
  await call('enrolments.accept', { id: applied.id });
  return { person, enrolment: await call<EnrolmentDetail>('enrolments.start', { id: applied.id }) };
}
