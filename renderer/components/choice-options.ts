import type { ComboboxData, ComboboxItem } from '@mantine/core';

/** How a choice list matches what was typed to its options (ChoiceField). */

/**
 * Folds what an officer may type differently from a label: case, spaces, Arabic diacritics, the
 * forms of alef, alef maqsura and taa marbuta. "الاحساء" matches "الأحساء".
 */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase();
}

/** The options of Mantine's `data` (plain strings, items or groups), in the order they are listed. */
export function optionsOf(data: ComboboxData | undefined): ComboboxItem[] {
  const options: ComboboxItem[] = [];
  const add = (entries: ReadonlyArray<unknown>) => {
    for (const entry of entries) {
      if (typeof entry === 'string') options.push({ value: entry, label: entry });
      else if (entry && typeof entry === 'object' && 'group' in entry) add((entry as unknown as { items: ReadonlyArray<unknown> }).items);
      else {
        const item = entry as { value: string; label?: string; disabled?: boolean };
        options.push({ value: item.value, label: item.label ?? item.value, disabled: item.disabled });
      }
    }
  };
  add(data ?? []);
  return options;
}

/**
 * The next option whose label starts with `letter`, after the current one, as a native select jumps
 * when a letter is typed; typing the same letter again cycles through the options that start with it.
 */
export function nextOptionStartingWith(options: ComboboxItem[], letter: string, currentValue: string | null): ComboboxItem | null {
  const wanted = foldForMatching(letter);
  if (wanted === '') return null;
  const starting = options.filter((option) => !option.disabled && foldForMatching(option.label).startsWith(wanted));
  if (starting.length === 0) return null;
  const current = starting.findIndex((option) => option.value === currentValue);
  return starting[(current + 1) % starting.length] ?? null;
}

/** The option a typed text names: its label, folded as above, or null. */
export function optionNamed(options: ComboboxItem[], typed: string): ComboboxItem | null {
  const wanted = foldForMatching(typed);
  return options.find((option) => !option.disabled && foldForMatching(option.label) === wanted) ?? null;
}
