/** Receives a complaint, a note or a suggestion, from a beneficiary's page or from a contact. */
export interface NewComplaintModalProps {
  opened: boolean;
  onClose: () => void;
  beneficiaryId: string | null;
  sourceContactId?: string | null;
  kind?: 'complaint' | 'note' | 'suggestion';
  onReceived?: (complaint: { id: string; number: string }) => void;
}

export function NewComplaintModal(_props: NewComplaintModalProps) {
  return null;
}
