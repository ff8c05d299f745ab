/**
 * A half-filled form asks before the officer leaves it with a shortcut or the side menu: the person
 * is still at the desk, and retyping their details costs them both time. The question is the app's
 * own dialog (LeaveDialog), in the app's language; closing or reloading the window can only get the
 * browser's own box, so that case is not asked here.
 */
let hasUnsavedWork: (() => boolean) | null = null;

/** Shows the question and answers whether the officer chose to leave. */
type LeaveQuestion = () => Promise<boolean>;
let askToLeave: LeaveQuestion | null = null;

/** Told when the guarded form is gone (saved and left, say) while the question may be open. */
const whenWorkGone = new Set<() => void>();

/** Registers the open form's check; returns the function that removes it. */
export function guardUnsavedWork(check: () => boolean): () => void {
  hasUnsavedWork = check;
  return () => {
    if (hasUnsavedWork !== check) return;
    hasUnsavedWork = null;
    // After the commit that removed it: a form that only re-registered its check is still there.
    queueMicrotask(() => {
      if (hasUnsavedWork?.()) return;
      for (const listener of whenWorkGone) listener();
    });
  };
}

/**
 * Calls `listener` whenever the guarded form goes away with nothing unsaved left: a question asked
 * while its save was finishing is then moot, and the officer's way out is taken. Returns the
 * function that stops listening.
 */
export function onUnsavedWorkGone(listener: () => void): () => void {
  whenWorkGone.add(listener);
  return () => {
    whenWorkGone.delete(listener);
  };
}

/** Registers the dialog that asks the question; returns the function that removes it. */
export function provideLeaveQuestion(question: LeaveQuestion): () => void {
  askToLeave = question;
  return () => {
    if (askToLeave === question) askToLeave = null;
  };
}

/**
 * True when nothing unsaved is open, or the officer chose to leave it. With no dialog to ask
 * (never the case inside the app's frame), the form is kept: staying loses nothing.
 */
export async function mayLeave(): Promise<boolean> {
  if (!hasUnsavedWork?.()) return true;
  return askToLeave ? askToLeave() : false;
}
