import { toLatinDigits } from '../../../electron/api/fields/digits';
import type { BeneficiaryFieldsInput } from '../../../electron/api/beneficiaries';

/**
 * What the officer typed in the search box before choosing "register new": it starts the form,
 * so nothing is typed twice. Kept in memory for the next form only.
 */
let pending: Partial<BeneficiaryFieldsInput> | null = null;

export function prefillFromSearch(query: string): void {
  const text = query.trim();
  const digits = toLatinDigits(text).replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits)) {
    pending = digits.startsWith('05') || digits.startsWith('966') || digits.startsWith('+966')
      ? { phones: [digits] }
      : { idNumber: digits, idType: digits.startsWith('2') ? 'iqama' : 'national_id' };
    return;
  }
  const [firstName = '', fatherName = '', grandfatherName = '', ...family] = text.split(/\s+/);
  pending = { firstName, fatherName, grandfatherName, familyName: family.join(' ') };
}

export function takePrefill(): Partial<BeneficiaryFieldsInput> | null {
  const taken = pending;
  pending = null;
  return taken;
}
