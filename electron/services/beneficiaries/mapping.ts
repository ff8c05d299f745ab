import type { BeneficiaryDetail, BeneficiarySummary, HouseholdMember } from '../../api/beneficiaries';
import type { EligibilityDecision, EligibilityOutcome } from '../../api/eligibility';
import { formatSaudiPhone } from '../../api/fields/phone';
import type { BeneficiaryRow, EligibilityDecisionRow, HouseholdMemberRow } from '../../../db/schema';

// An erased person's name is ERASED_NAME in the first part and empty parts after it.
export const fullNameOf = (row: Pick<BeneficiaryRow, 'first_name' | 'father_name' | 'grandfather_name' | 'family_name'>) =>
  [row.first_name, row.father_name, row.grandfather_name, row.family_name].filter(Boolean).join(' ');

/** An erased person's ID number column holds a unique placeholder, not a number: it is shown as nothing. */
const shownIdNumber = (row: Pick<BeneficiaryRow, 'id_number' | 'erased_at'>) => (row.erased_at === null ? row.id_number : '');

/** The columns a summary needs, plus the first phone. */
export type SummaryRow = Pick<
  BeneficiaryRow,
  | 'id' | 'file_number' | 'first_name' | 'father_name' | 'grandfather_name' | 'family_name' | 'latin_name'
  | 'id_type' | 'id_number' | 'category' | 'eligibility' | 'status' | 'district_id' | 'birth_date' | 'erased_at'
> & { first_phone: string | null };

export function toSummary(row: SummaryRow): BeneficiarySummary {
  return {
    id: row.id,
    fileNumber: row.file_number,
    fullName: fullNameOf(row),
    latinName: row.latin_name,
    idType: row.id_type as BeneficiarySummary['idType'],
    idTail: shownIdNumber(row).slice(-4),
    phoneTail: row.first_phone ? maskPhone(row.first_phone) : null,
    category: row.category as BeneficiarySummary['category'],
    eligibility: row.eligibility as EligibilityOutcome,
    status: row.status as BeneficiarySummary['status'],
    districtId: row.district_id,
    birthDate: row.birth_date,
    erasedAt: row.erased_at,
  };
}

/** +966551231234 → …1234: enough to confirm with the person, without showing the whole number. */
function maskPhone(e164: string): string {
  const local = formatSaudiPhone(e164);
  return `…${local.replace(/\s/g, '').slice(-4)}`;
}

export function toHouseholdMember(row: HouseholdMemberRow): HouseholdMember {
  return {
    fullName: row.full_name,
    relation: row.relation as HouseholdMember['relation'],
    birthDate: row.birth_date,
    idNumber: row.id_number,
    notes: row.notes,
  };
}

export function toDecision(row: EligibilityDecisionRow & { decided_by_name: string }): EligibilityDecision {
  return {
    id: row.id,
    inScope: row.in_scope === 1,
    legalResident: row.legal_resident === 1,
    receivesServices: row.receives_services === 1,
    outcome: row.outcome as EligibilityDecision['outcome'],
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
  };
}

export function toDetail(
  row: BeneficiaryRow,
  phones: string[],
  household: HouseholdMemberRow[],
  history: EligibilityDecision[],
): BeneficiaryDetail {
  return {
    id: row.id,
    fileNumber: row.file_number,
    fullName: fullNameOf(row),
    firstName: row.first_name,
    fatherName: row.father_name,
    grandfatherName: row.grandfather_name,
    familyName: row.family_name,
    latinName: row.latin_name,
    idType: row.id_type as BeneficiaryDetail['idType'],
    idNumber: shownIdNumber(row),
    nationality: row.nationality as BeneficiaryDetail['nationality'],
    residencyStatus: row.residency_status as BeneficiaryDetail['residencyStatus'],
    gender: row.gender as BeneficiaryDetail['gender'],
    birthDate: row.birth_date,
    phones,
    districtId: row.district_id,
    address: row.address,
    category: row.category as BeneficiaryDetail['category'],
    prisonerRelation: row.prisoner_relation as BeneficiaryDetail['prisonerRelation'],
    prisonerName: row.prisoner_name,
    prisonerFacility: row.prisoner_facility,
    prisonerStatus: row.prisoner_status as BeneficiaryDetail['prisonerStatus'],
    household: household.map(toHouseholdMember),
    needs: JSON.parse(row.needs) as BeneficiaryDetail['needs'],
    needsPriority: row.needs_priority as BeneficiaryDetail['needsPriority'],
    needsNotes: row.needs_notes,
    consentGiven: row.consent_given === 1,
    consentDate: row.consent_date,
    consentMethod: row.consent_method as BeneficiaryDetail['consentMethod'],
    consentRecordedBy: row.consent_recorded_by,
    status: row.status as BeneficiaryDetail['status'],
    notes: row.notes,
    eligibility: row.eligibility as EligibilityOutcome,
    eligibilityDecidedAt: row.eligibility_decided_at,
    eligibilityHistory: history,
    rowVersion: row.row_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    erasedAt: row.erased_at,
  };
}
