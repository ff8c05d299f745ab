/**
 * A half-filled form asks before the officer leaves it with a shortcut or the side menu: the person
 * is still at the desk, and retyping their details costs them both time.
 */
let hasUnsavedWork: (() => boolean) | null = null;

/** Registers the open form's check; returns the function that removes it. */
export function guardUnsavedWork(check: () => boolean): () => void {
  hasUnsavedWork = check;
  return () => {
    if (hasUnsavedWork === check) hasUnsavedWork = null;
  };
}

/** True when nothing unsaved is open, or the officer chose to leave it. */
export function mayLeave(question: string): boolean {
  return !hasUnsavedWork?.() || window.confirm(question);
}
