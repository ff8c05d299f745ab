/** Registers an incoming or outgoing letter (with its scan), optionally for a beneficiary or a request. */
export interface LetterModalProps {
  opened: boolean;
  onClose: () => void;
  /** Prefilled and fixed when registering from a beneficiary's page or a request. */
  beneficiaryId?: string | null;
  requestId?: string | null;
  direction?: 'incoming' | 'outgoing';
  onRegistered?: (letter: { id: string; number: string }) => void;
}

export function LetterModal(_props: LetterModalProps) {
  return null;
}
