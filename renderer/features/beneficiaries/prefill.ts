import { digitsOnly } from '../../../electron/api/fields/digits';
import { formatSaudiPhone, normalizeSaudiPhone } from '../../../electron/api/fields/phone';
import type { BeneficiaryFieldsInput } from '../../../electron/api/beneficiaries';

/**
 * What the officer typed in the search box before choosing "register new": it starts the form,
 * so nothing is typed twice. Kept in memory for the next form only.
 */
let pending: Partial<BeneficiaryFieldsInput> | null = null;

export function prefillFromSearch(query: string): void {
  const text = query.trim();
  // Read the way the search box read it: a phone in any common form, an ID number, or a name.
  if (/^[\d\u0660-\u0669\u06f0-\u06f9\s+()-]+$/.test(text)) {
    const phone = normalizeSaudiPhone(text);
    const digits = digitsOnly(text);
    if (phone) pending = { phones: [formatSaudiPhone(phone)] };
    else if (/^[12]\d{9}$/.test(digits)) pending = { idNumber: digits, idType: digits.startsWith('2') ? 'iqama' : 'national_id' };
    else pending = null; // a file number or a fragment: nothing worth carrying over
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
