import { z } from 'zod';
import { call } from './define';
import { toLatinDigits } from './fields/digits';
import { NATIONALITIES } from './fields/nationalities';
import { todayInRiyadh } from './fields/riyadh-date';
import { normalizeSaudiPhone } from './fields/phone';
import { idNumberProblem, normalizeIdNumber } from './fields/saudi-id';
import {
  arabicNamePart,
  id,
  latinName,
  optionalIsoDate,
  optionalText,
  orNull,
  pageSize,
  requiredText,
} from './fields/schemas';
import type { ExportedFile } from './audit';
import type { EligibilityDecision, EligibilityOutcome } from './eligibility';

export const ID_TYPES = ['national_id', 'iqama', 'passport'] as const;
export const GENDERS = ['male', 'female'] as const;
export const CATEGORIES = ['prisoner', 'released_prisoner', 'family_member'] as const;
export const RESIDENCY_STATUSES = ['citizen', 'resident', 'expired_residency', 'visitor', 'other'] as const;
export const BENEFICIARY_STATUSES = ['active', 'inactive', 'archived'] as const;
export const PRISONER_RELATIONS = [
  'self', 'father', 'mother', 'husband', 'wife', 'son', 'daughter', 'brother', 'sister', 'other',
] as const;
export const PRISONER_STATUSES = ['awaiting_trial', 'serving_sentence', 'released', 'other'] as const;
export const HOUSEHOLD_RELATIONS = [
  'wife', 'husband', 'son', 'daughter', 'father', 'mother', 'brother', 'sister', 'other',
] as const;
export const NEEDS = [
  'financial', 'housing', 'food', 'education', 'health', 'employment', 'legal', 'psychological',
  'family_reconciliation', 'other',
] as const;
export const NEEDS_PRIORITIES = ['low', 'medium', 'high'] as const;
export const CONSENT_METHODS = ['written', 'verbal', 'electronic'] as const;

export type Category = (typeof CATEGORIES)[number];
export type BeneficiaryStatus = (typeof BENEFICIARY_STATUSES)[number];

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'validation.choice' });

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) => orNull(z.enum(values, { error: 'validation.choice' }));

const householdMember = z.object({
  fullName: requiredText(120),
  relation: choice(HOUSEHOLD_RELATIONS),
  birthDate: optionalIsoDate,
  // A household member's ID or passport number, when known: letters and digits only.
  idNumber: optionalText(20)
    .transform((value) => (value ? toLatinDigits(value).replace(/[\s-]/g, '').toUpperCase() : null))
    .refine((value) => value === null || /^[A-Z0-9]{5,15}$/.test(value), { error: 'validation.idNumber.format' }),
  notes: optionalText(300),
});

/** A phone as typed: empty, or a Saudi number in any common form. */
const typedPhone = z
  .string({ error: 'validation.phone' })
  .max(30, { error: 'validation.tooLong' })
  .refine((typed) => typed.trim() === '' || normalizeSaudiPhone(typed) !== null, { error: 'validation.phone' });

/** The fields an officer fills in when registering or editing a beneficiary. */
const beneficiaryShape = z.object({
  firstName: arabicNamePart,
  fatherName: arabicNamePart,
  grandfatherName: arabicNamePart,
  familyName: arabicNamePart,
  latinName,
  idType: choice(ID_TYPES),
  idNumber: z.string({ error: 'validation.required' }).max(30, { error: 'validation.tooLong' }),
  nationality: choice(NATIONALITIES),
  residencyStatus: choice(RESIDENCY_STATUSES),
  gender: choice(GENDERS),
  birthDate: optionalIsoDate,
  phones: z.array(typedPhone, { error: 'validation.choice' }).max(5, { error: 'validation.tooMany' }).default([]),
  districtId: orNull(id),
  address: optionalText(300),
  category: choice(CATEGORIES),
  prisonerRelation: optionalChoice(PRISONER_RELATIONS),
  prisonerName: optionalText(120),
  prisonerFacility: optionalText(120),
  prisonerStatus: optionalChoice(PRISONER_STATUSES),
  household: z.array(householdMember).max(30, { error: 'validation.tooMany' }).default([]),
  needs: z.array(choice(NEEDS)).max(NEEDS.length).default([]),
  needsPriority: optionalChoice(NEEDS_PRIORITIES),
  needsNotes: optionalText(2000),
  consentGiven: z.boolean({ error: 'validation.choice' }),
  consentDate: optionalIsoDate,
  consentMethod: optionalChoice(CONSENT_METHODS),
  status: choice(BENEFICIARY_STATUSES),
  notes: optionalText(2000),
});

/**
 * The rules that involve more than one field. They run even when some other field is wrong, so the
 * officer sees every problem at once; each rule therefore reads its fields defensively.
 */
function checkRulesAcrossFields(fields: Partial<Record<keyof z.input<typeof beneficiaryShape>, unknown>>, context: z.RefinementCtx): void {
  const problem = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
  const idType = ID_TYPES.find((type) => type === fields.idType);
  if (idType && typeof fields.idNumber === 'string') {
    const idProblem = idNumberProblem(idType, normalizeIdNumber(idType, fields.idNumber));
    if (idProblem) problem(['idNumber'], `validation.idNumber.${idProblem}`);
  }
  if (idType === 'national_id' && fields.nationality !== 'SA') problem(['nationality'], 'validation.nationalIdNeedsSaudi');
  if (idType === 'iqama' && fields.nationality === 'SA') problem(['nationality'], 'validation.iqamaNeedsResident');
  if (fields.residencyStatus === 'citizen' && fields.nationality !== 'SA') problem(['residencyStatus'], 'validation.citizenNeedsSaudi');
  const today = todayInRiyadh();
  if (isIsoDate(fields.birthDate)) {
    if (fields.birthDate > today) problem(['birthDate'], 'validation.dateInFuture');
    if (fields.birthDate < '1900-01-01') problem(['birthDate'], 'validation.dateTooOld');
  }
  if (fields.consentGiven === true && isIsoDate(fields.consentDate) && fields.consentDate > today) {
    problem(['consentDate'], 'validation.dateInFuture');
  }
  if (fields.category === 'family_member' && !fields.prisonerRelation) problem(['prisonerRelation'], 'validation.required');
  // Processing a person's data needs their consent (Personal Data Protection Law): record when and how.
  if (fields.consentGiven !== true) {
    problem(['consentGiven'], 'validation.consentRequired');
  } else {
    if (!fields.consentDate) problem(['consentDate'], 'validation.required');
    if (!fields.consentMethod) problem(['consentMethod'], 'validation.required');
  }
}

const isIsoDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export const beneficiaryFields = beneficiaryShape
  .superRefine(checkRulesAcrossFields, { when: (payload) => typeof payload.value === 'object' && payload.value !== null })
  .transform((fields) => {
    const phones: string[] = [];
    for (const typed of fields.phones) {
      const phone = typed.trim() === '' ? null : normalizeSaudiPhone(typed);
      if (phone && !phones.includes(phone)) phones.push(phone);
    }
    return {
      ...fields,
      idNumber: normalizeIdNumber(fields.idType, fields.idNumber),
      phones,
      prisonerRelation: fields.category === 'family_member' ? fields.prisonerRelation : ('self' as const),
      consentDate: fields.consentGiven ? fields.consentDate : null,
      consentMethod: fields.consentGiven ? fields.consentMethod : null,
    };
  });

export type BeneficiaryFieldsInput = z.input<typeof beneficiaryFields>;
export type BeneficiaryFields = z.output<typeof beneficiaryFields>;

export interface HouseholdMember {
  fullName: string;
  relation: (typeof HOUSEHOLD_RELATIONS)[number];
  birthDate: string | null;
  idNumber: string | null;
  notes: string | null;
}

/** Everything held about one beneficiary, as the record page shows it. */
export interface BeneficiaryDetail extends BeneficiaryFields {
  id: string;
  fileNumber: string;
  fullName: string;
  eligibility: EligibilityOutcome;
  eligibilityDecidedAt: string | null;
  eligibilityHistory: EligibilityDecision[];
  consentRecordedBy: string | null;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  /**
   * When the person's personal data was destroyed, or null. An erased record keeps only what counts
   * need (file number, category, gender, nationality, district, status, eligibility): its name is
   * ERASED_NAME and its ID number, phones and household are empty.
   */
  erasedAt: string | null;
}

/** One line of a list or of search results: enough to pick the right person without opening them. */
export interface BeneficiarySummary {
  id: string;
  fileNumber: string;
  fullName: string;
  latinName: string | null;
  idType: (typeof ID_TYPES)[number];
  /** The last four characters of the ID number. */
  idTail: string;
  /** The first phone, in local form, masked but for its last four digits. */
  phoneTail: string | null;
  category: Category;
  eligibility: EligibilityOutcome;
  status: BeneficiaryStatus;
  districtId: string | null;
  birthDate: string | null;
  /** Set when the person's personal data was destroyed: the line shows ERASED_NAME. */
  erasedAt: string | null;
}

/** What an erased person's name reads, in every list and in the record. */
export const ERASED_NAME = 'محذوف';

export const LIST_SORTS = ['name', 'file_number', 'newest'] as const;

export const listInput = z.object({
  category: optionalChoice(CATEGORIES),
  districtId: orNull(id),
  eligibility: optionalChoice(['pending', 'eligible', 'not_eligible'] as const),
  status: optionalChoice(BENEFICIARY_STATUSES),
  sort: choice(LIST_SORTS).default('name'),
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: pageSize.default(50),
});

export interface BeneficiaryPage {
  rows: BeneficiarySummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** Who may already be registered: the holder of the same ID, and people with the same name and phone or birth date. */
export interface DuplicateReport {
  sameId: BeneficiarySummary | null;
  likely: BeneficiarySummary[];
}

const duplicateCheckInput = z.object({
  excludeId: orNull(id),
  idType: choice(ID_TYPES).nullish(),
  idNumber: z.string().max(30).nullish(),
  firstName: z.string().max(40).nullish(),
  fatherName: z.string().max(40).nullish(),
  grandfatherName: z.string().max(40).nullish(),
  familyName: z.string().max(40).nullish(),
  phones: z.array(z.string().max(30)).max(5).nullish(),
  birthDate: optionalIsoDate,
});

export interface BeneficiaryStats {
  total: number;
  byEligibility: Record<EligibilityOutcome, number>;
  byCategory: Record<Category, number>;
}

const eraseInput = z.object({
  id,
  /** Kept in the audit log for good (it cannot be erased later): the why, never the person's data. */
  reason: requiredText(1000).refine((reason) => reason.length >= 5, { error: 'validation.erasureReason' }),
  /** The person's file number typed again (digits in any form): a second look before the wrong file is destroyed. */
  confirmFileNumber: z.string({ error: 'validation.required' }).max(30, { error: 'validation.tooLong' }),
});

export const beneficiariesCalls = {
  'beneficiaries.register': call(
    'beneficiaries.edit',
    z.object({
      fields: beneficiaryFields,
      /** The officer saw the likely duplicates and is registering a different person. */
      confirmNotDuplicate: z.boolean().default(false),
    }),
  ).returns<BeneficiaryDetail>(),
  'beneficiaries.update': call(
    'beneficiaries.edit',
    z.object({
      id,
      expectedVersion: z.number().int().min(1),
      fields: beneficiaryFields,
      confirmNotDuplicate: z.boolean().default(false),
    }),
  ).returns<BeneficiaryDetail>(),
  'beneficiaries.get': call('beneficiaries.view', z.object({ id })).returns<BeneficiaryDetail>(),
  'beneficiaries.list': call('beneficiaries.view', listInput).returns<BeneficiaryPage>(),
  'beneficiaries.checkDuplicates': call('beneficiaries.edit', duplicateCheckInput).returns<DuplicateReport>(),
  'beneficiaries.stats': call('beneficiaries.view', z.object({})).returns<BeneficiaryStats>(),
  /** Everything held about one person, as a printable Arabic HTML document (a subject-access request). */
  'beneficiaries.exportPersonalData': call('beneficiaries.exportPersonalData', z.object({ id })).returns<ExportedFile>(),
  /** Destroys a person's personal data, keeping what past counts need; answers the erased record. */
  'beneficiaries.erase': call('beneficiaries.erase', eraseInput).returns<BeneficiaryDetail>(),
};
