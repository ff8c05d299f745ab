/** Opens a request for a beneficiary, from their page or from the contact it came up in. */
export interface NewRequestModalProps {
  opened: boolean;
  onClose: () => void;
  beneficiaryId: string;
  sourceContactId?: string | null;
  onOpened?: (request: { id: string; number: string }) => void;
}

export function NewRequestModal(_props: NewRequestModalProps) {
  return null;
}
