import type { ReactNode } from 'react';
import { codeDirection } from '../../electron/api/bidi';

/**
 * A number or code made of digits and Latin letters (an ID, a phone, a file or request number, a
 * path): left to right, isolated from the text around it, on one line.
 */
export function Ltr({ children }: { children: ReactNode }) {
  return (
    <bdi dir="ltr" className="wasl-code">
      {children}
    </bdi>
  );
}

/**
 * A code as a person typed it, which may hold an Arabic letter (a sender's letter number such as
 * "8821/س/1448"): isolated and on one line, in the direction of its first letter (see codeDirection), the
 * same rule its input box follows, so the two agree.
 */
export function TypedCode({ children }: { children: string }) {
  return (
    <bdi dir={codeDirection(children)} className="wasl-code">
      {children}
    </bdi>
  );
}

/** Stands for a code in a translated sentence until the sentence is split around it: a private-use character no message holds. */
export const CODE_SLOT = '\uE000';

/**
 * A translated sentence that names a typed code, the code in its own isolate. The sentence is made with
 * CODE_SLOT in the code's place; the isolate adds no character, so the sentence reads (and is
 * announced, as a dialog's name) exactly as written.
 */
export function SentenceWithCode({ sentence, code }: { sentence: string; code: string }) {
  const [before = '', after = ''] = sentence.split(CODE_SLOT);
  return (
    <>
      {before}
      <TypedCode>{code}</TypedCode>
      {after}
    </>
  );
}
