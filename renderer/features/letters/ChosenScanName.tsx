import { scanLabel } from '../../../electron/api/fields/scan';

/**
 * The chosen file's name in a scan's file field, as the register will keep it (its label): a name
 * made to read backwards (`letter\u202Efdp.hta`) or to climb folders shows as what it is.
 */
export function ChosenScanName({ value }: { value: File | File[] | null }) {
  const file = Array.isArray(value) ? value[0] : value;
  if (!file) return null;
  return <bdi style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{scanLabel(file.name)}</bdi>;
}
