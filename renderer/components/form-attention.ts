import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { CHOOSING_ATTRIBUTE, CHOSEN_LABEL_ATTRIBUTE } from './ChoiceField';

const NOTICE_ID = 'form-attention';

/**
 * A choice box whose text is not its choice: typed and not chosen from its list (the box says so in
 * its own error), emptied while an option is still chosen, or picking an option at this keystroke.
 */
function isTypedNotChosen(element: Element): boolean {
  if (!(element instanceof HTMLInputElement) || !element.hasAttribute(CHOSEN_LABEL_ATTRIBUTE)) return false;
  return element.hasAttribute(CHOOSING_ATTRIBUTE) || element.value !== element.getAttribute(CHOSEN_LABEL_ATTRIBUTE);
}

/** The fields of a form that stop its save, in the order the officer meets them on screen. */
export function fieldsNeedingAttention(form: HTMLElement): HTMLElement[] {
  return [...form.querySelectorAll<HTMLElement>(`[aria-invalid="true"], input[${CHOSEN_LABEL_ATTRIBUTE}]`)].filter(
    (element) => element.getAttribute('aria-invalid') === 'true' || isTypedNotChosen(element),
  );
}

/** A field's name as its label shows it, without the mark of a required field. */
function nameOf(field: HTMLElement): string {
  const label = (field as HTMLInputElement).labels?.[0]?.textContent ?? field.getAttribute('aria-label') ?? '';
  return label.replace(/\s*\*\s*$/, '').trim();
}

/** After a refused save, React shows the errors on its next render: wait until it has painted them. */
const afterRender = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * A refused save must be seen: the first field that needs the officer is scrolled to and focused,
 * and a notice in view says how many fields need attention and names the first. Used by every form
 * that saves (SaveForm, CheckedForm, the registration page).
 */
export function useFormAttention() {
  const { t } = useTranslation();

  /** Points to the fields that need attention; answers whether there were any. */
  const pointTo = (fields: HTMLElement[]): boolean => {
    const first = fields[0];
    if (!first) {
      notifications.hide(NOTICE_ID);
      return false;
    }
    first.scrollIntoView({ block: 'center' });
    // A group of choices (gender, category) is marked as a whole: its first choice takes the cursor.
    const focusable = first.matches('input, textarea, select, button, [tabindex]') ? first : (first.querySelector<HTMLElement>('input, button, [tabindex]') ?? first);
    focusable.focus({ preventScroll: true });
    notifications.hide(NOTICE_ID);
    notifications.show({
      id: NOTICE_ID,
      color: 'red',
      title: t('formAttention.count', { count: fields.length }),
      message: t('formAttention.first', { count: fields.length, field: nameOf(first) }),
    });
    return true;
  };

  return {
    /**
     * Before a save: refuses it when a choice box holds typed text not chosen from its list, rather
     * than saving the field empty. Answers true when the save must not go on.
     */
    refuseTypedChoices(form: HTMLElement | null): boolean {
      if (!form) return false;
      const typed = [...form.querySelectorAll(`input[${CHOSEN_LABEL_ATTRIBUTE}]`)].some(isTypedNotChosen);
      return typed ? pointTo(fieldsNeedingAttention(form)) : false;
    },
    /** After a save was refused: once the errors are on screen, points to the first. */
    async pointToErrors(form: HTMLElement | null): Promise<void> {
      await afterRender();
      if (form?.isConnected) pointTo(fieldsNeedingAttention(form));
    },
  };
}
