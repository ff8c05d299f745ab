import type { ReactNode } from 'react';

/** A number or code (ID, phone, file number) kept left-to-right and isolated inside Arabic text. */
export function Ltr({ children }: { children: ReactNode }) {
  return (
    <bdi dir="ltr" className="ltr-number">
      {children}
    </bdi>
  );
}
