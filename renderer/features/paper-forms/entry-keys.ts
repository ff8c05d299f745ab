import type { KeyboardEvent } from 'react';

/**
 * The keys of a pile of paper forms typed in one after the other: Enter moves to the next field (as
 * Tab does), Ctrl+Enter saves from any field, Esc gives the form up for the next one. The fields of
 * one form are marked `data-entry-field`, in the order they are typed.
 */
export function onEntryKeys(event: KeyboardEvent<HTMLElement>, handlers: { save: () => void; cancel: () => void }): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    handlers.cancel();
    return;
  }
  if (event.key !== 'Enter') return;
  // A button reached with Tab answers Enter itself.
  if (event.target instanceof HTMLButtonElement) return;
  event.preventDefault();
  if (event.ctrlKey || event.metaKey) {
    handlers.save();
    return;
  }
  const fields = [...event.currentTarget.querySelectorAll<HTMLInputElement>('[data-entry-field]')];
  const next = fields[fields.indexOf(event.target as HTMLInputElement) + 1];
  if (next) {
    next.focus();
    next.select();
  }
}

/** Focuses the field of a question (the first with a problem, after a check). */
export function focusField(container: HTMLElement | null, key: string): void {
  const field = container?.querySelector<HTMLInputElement>(`[data-entry-field="${CSS.escape(key)}"]`);
  field?.focus();
  field?.select();
}
