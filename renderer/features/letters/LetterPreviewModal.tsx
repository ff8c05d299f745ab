/** An outgoing letter on the association's letterhead, ready to print. */
export interface LetterPreviewModalProps {
  letterId: string | null;
  onClose: () => void;
}

export function LetterPreviewModal(_props: LetterPreviewModalProps) {
  return null;
}
