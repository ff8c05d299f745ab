/** What the contact form shows for an inquiry: answered on the spot (with the article used) or left pending. */
export interface InquiryAnswer {
  answeredNow: boolean;
  answer: string;
  articleId: string | null;
}

export const NO_ANSWER: InquiryAnswer = { answeredNow: false, answer: '', articleId: null };

export interface InquiryAnswerSectionProps {
  value: InquiryAnswer;
  onChange: (value: InquiryAnswer) => void;
  /** The question as typed so far: the library is searched with it. */
  question: string;
  error?: string | undefined;
}

export function InquiryAnswerSection(_props: InquiryAnswerSectionProps) {
  return null;
}
