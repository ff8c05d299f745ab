import type { BeneficiaryDetail, BeneficiaryFieldsInput } from '../../../../electron/api/beneficiaries';
import { formatSaudiPhone } from '../../../../electron/api/fields/phone';
import { todayInRiyadh } from '../../../lib/dates';

/** The form holds what the officer typed (strings, '' for empty); the api's schema normalizes it. */
export interface HouseholdRow {
  fullName: string;
  relation: string;
  birthDate: string;
  idNumber: string;
  notes: string;
}

export interface BeneficiaryFormValues {
  firstName: string;
  fatherName: string;
  grandfatherName: string;
  familyName: string;
  latinName: string;
  idType: string;
  idNumber: string;
  nationality: string;
  residencyStatus: string;
  gender: string;
  birthDate: string;
  phones: string[];
  districtId: string;
  address: string;
  category: string;
  prisonerRelation: string;
  prisonerName: string;
  prisonerFacility: string;
  prisonerStatus: string;
  household: HouseholdRow[];
  needs: string[];
  needsPriority: string;
  needsNotes: string;
  consentGiven: boolean;
  consentDate: string;
  consentMethod: string;
  status: string;
  notes: string;
}

export const PHONE_SLOTS = 2;

export function emptyValues(): BeneficiaryFormValues {
  return {
    firstName: '', fatherName: '', grandfatherName: '', familyName: '', latinName: '',
    idType: 'national_id', idNumber: '', nationality: 'SA', residencyStatus: 'citizen', gender: '', birthDate: '',
    phones: Array.from({ length: PHONE_SLOTS }, () => ''), districtId: '', address: '',
    category: '', prisonerRelation: '', prisonerName: '', prisonerFacility: '', prisonerStatus: '',
    household: [], needs: [], needsPriority: '', needsNotes: '',
    consentGiven: false, consentDate: todayInRiyadh(), consentMethod: 'verbal',
    status: 'active', notes: '',
  };
}

export const emptyHouseholdRow = (): HouseholdRow => ({ fullName: '', relation: '', birthDate: '', idNumber: '', notes: '' });

export function valuesFromDetail(detail: BeneficiaryDetail): BeneficiaryFormValues {
  // The form shows numbers the way people say them (055 123 4567).
  const phones = detail.phones.map(formatSaudiPhone);
  while (phones.length < PHONE_SLOTS) phones.push('');
  return {
    firstName: detail.firstName,
    fatherName: detail.fatherName,
    grandfatherName: detail.grandfatherName,
    familyName: detail.familyName,
    latinName: detail.latinName ?? '',
    idType: detail.idType,
    idNumber: detail.idNumber,
    nationality: detail.nationality,
    residencyStatus: detail.residencyStatus,
    gender: detail.gender,
    birthDate: detail.birthDate ?? '',
    phones,
    districtId: detail.districtId ?? '',
    address: detail.address ?? '',
    category: detail.category,
    prisonerRelation: detail.category === 'family_member' ? (detail.prisonerRelation ?? '') : '',
    prisonerName: detail.prisonerName ?? '',
    prisonerFacility: detail.prisonerFacility ?? '',
    prisonerStatus: detail.prisonerStatus ?? '',
    household: detail.household.map((member) => ({
      fullName: member.fullName,
      relation: member.relation,
      birthDate: member.birthDate ?? '',
      idNumber: member.idNumber ?? '',
      notes: member.notes ?? '',
    })),
    needs: [...detail.needs],
    needsPriority: detail.needsPriority ?? '',
    needsNotes: detail.needsNotes ?? '',
    consentGiven: detail.consentGiven,
    consentDate: detail.consentDate ?? todayInRiyadh(),
    consentMethod: detail.consentMethod ?? 'verbal',
    status: detail.status,
    notes: detail.notes ?? '',
  };
}


/** What the api receives; the schema trims, folds digits and checks everything again on the other side. */
export function fieldsFromValues(values: BeneficiaryFormValues): BeneficiaryFieldsInput {
  return {
    ...values,
    idType: values.idType as BeneficiaryFieldsInput['idType'],
    nationality: values.nationality as BeneficiaryFieldsInput['nationality'],
    residencyStatus: values.residencyStatus as BeneficiaryFieldsInput['residencyStatus'],
    gender: values.gender as BeneficiaryFieldsInput['gender'],
    category: values.category as BeneficiaryFieldsInput['category'],
    status: values.status as BeneficiaryFieldsInput['status'],
    prisonerRelation: values.prisonerRelation as BeneficiaryFieldsInput['prisonerRelation'],
    prisonerStatus: values.prisonerStatus as BeneficiaryFieldsInput['prisonerStatus'],
    needsPriority: values.needsPriority as BeneficiaryFieldsInput['needsPriority'],
    consentMethod: values.consentMethod as BeneficiaryFieldsInput['consentMethod'],
    needs: values.needs as BeneficiaryFieldsInput['needs'],
    household: values.household.map((member) => ({
      ...member,
      relation: member.relation as NonNullable<BeneficiaryFieldsInput['household']>[number]['relation'],
    })),
  };
}
