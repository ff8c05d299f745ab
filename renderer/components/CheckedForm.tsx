import { getHotkeyHandler } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useFormAttention } from './form-attention';

/**
 * A form that saves with its submit button or Ctrl+Enter from any field, and whose refusals are
 * seen: text typed into a choice box and not chosen stops the save, and after a refused save the
 * first field in error is scrolled to and focused, with the number of fields to review in view.
 * Enter inside a choice box belongs to the box (ChoiceField), never to this form.
 */
export function CheckedForm({ onSave, children }: { onSave: (event?: FormEvent) => Promise<unknown> | void; children: ReactNode }) {
  const [formElement, setFormElement] = useState<HTMLFormElement | null>(null);
  const attention = useFormAttention();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (attention.refuseTypedChoices(formElement)) return;
    await onSave();
    await attention.pointToErrors(formElement);
  };

  return (
    <form ref={setFormElement} onSubmit={(event) => void submit(event)} onKeyDown={getHotkeyHandler([['mod+Enter', () => void submit()]])} noValidate>
      {children}
    </form>
  );
}
