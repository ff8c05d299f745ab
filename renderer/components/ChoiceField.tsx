import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nextOptionStartingWith, optionNamed, optionsOf } from './choice-options';

/**
 * On every choice box, the label of the chosen option ('' for none). Text in the box that differs
 * from it was typed and not yet chosen: a save refuses it (see form-attention.ts), reading the box
 * as it is at that very keystroke.
 */
export const CHOSEN_LABEL_ATTRIBUTE = 'data-chosen-label';

/**
 * Set for the length of one keystroke when Ctrl+Enter also picks the list's highlighted option: the
 * save that keystroke starts would not see the pick yet, so it is refused and the box shows the pick.
 */
export const CHOOSING_ATTRIBUTE = 'data-choosing';

/**
 * Every single-choice list in the app. It is Mantine's Select with the keyboard of a native select:
 * - Enter picks the highlighted option and never submits the form around it;
 * - on a list that is not searched, a typed letter jumps to the first option starting with it, and
 *   typing it again moves to the next;
 * - in a searchable list the first match is highlighted as the officer types, and text that names no
 *   option stays in the box with a message in the field's error, never silently dropped: a save
 *   with it is refused (the form compares the box with `data-chosen-label`).
 */
export function ChoiceField(props: SelectProps) {
  const { t } = useTranslation();
  const {
    data,
    value,
    onChange,
    searchable = false,
    clearable = false,
    error,
    onKeyDown,
    onBlur,
    searchValue,
    onSearchChange,
    selectFirstOptionOnChange,
    allowDeselect = false,
    onDropdownOpen,
    onDropdownClose,
    onOptionSubmit,
    ...rest
  } = props;
  const options = optionsOf(data);
  const chosen = options.find((option) => option.value === value) ?? null;
  const inputRef = useRef<HTMLInputElement>(null);
  const [ownSearch, setOwnSearch] = useState(chosen?.label ?? '');
  const search = searchValue ?? ownSearch;
  // Text the officer typed that names no option, shown as the field's error once they leave it or press Enter.
  const [unmatched, setUnmatched] = useState<string | null>(null);
  const [listOpen, setListOpen] = useState(false);

  // A value set from outside (another field, a record loaded) replaces whatever was typed.
  useEffect(() => {
    setOwnSearch(chosen?.label ?? '');
    setUnmatched(null);
    // Only when the value or its label changes.
  }, [value, chosen?.label]);

  const changeSearch = (next: string) => {
    const typing = inputRef.current !== null && inputRef.current === document.activeElement;
    // Leaving the box, the Select puts back the chosen option's label: typed text is kept instead.
    if (!typing && unmatchedText(search) !== null) return;
    setOwnSearch(next);
    onSearchChange?.(next);
    if (typing) setUnmatched(null);
  };

  /** The typed text when it is something other than the chosen option's label, otherwise null. */
  const unmatchedText = (text: string): string | null => (searchable && text.trim() !== '' && text !== (chosen?.label ?? '') ? text : null);

  /** What the typed text means once the officer is done with it: an option, nothing, or a message. */
  const settleTypedText = () => {
    const typed = unmatchedText(search);
    if (typed === null) {
      if (searchable && clearable && search.trim() === '' && value !== null && value !== undefined) onChange?.(null, { value: '', label: '' } as ComboboxItem);
      return;
    }
    const named = optionNamed(options, typed);
    if (named) {
      onChange?.(named.value, named);
      setOwnSearch(named.label);
      onSearchChange?.(named.label);
      return;
    }
    setUnmatched(typed);
  };

  /** Whether the open list has an option highlighted, which the Select picks on Enter. */
  const isHighlighting = () => {
    const listId = inputRef.current?.getAttribute('aria-controls');
    return Boolean(listId && document.getElementById(listId)?.querySelector('[data-combobox-selected]'));
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event);
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      // Ctrl+Enter saves the form, which refuses typed text not yet chosen: say why here.
      if (!isHighlighting()) {
        settleTypedText();
        return;
      }
      // The Select picks the highlighted option after this; the save started by the same keys is held back.
      const input = event.currentTarget;
      input.setAttribute(CHOOSING_ATTRIBUTE, 'true');
      setTimeout(() => input.removeAttribute(CHOOSING_ATTRIBUTE), 0);
      return;
    }
    if (event.key === 'Enter' && !event.altKey) {
      // Enter belongs to the list (the Select picks the highlighted option after this); the form is
      // saved with its button or Ctrl+Enter, never by an Enter meant for the list.
      event.preventDefault();
      if (!isHighlighting()) settleTypedText();
      return;
    }
    if (!searchable && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key.trim() !== '') {
      const next = nextOptionStartingWith(options, event.key, value ?? null);
      if (next) {
        event.preventDefault();
        onChange?.(next.value, next);
        // An open list would pick its highlighted option on Enter, undoing the jump: the box shows the choice.
        setListOpen(false);
      }
    }
  };

  const shownUnmatched = unmatched !== null && unmatched === unmatchedText(search);
  const chosenLabel = { [CHOSEN_LABEL_ATTRIBUTE]: chosen?.label ?? '' };
  return (
    <Select
      {...rest}
      ref={inputRef}
      data={data}
      value={value}
      onChange={onChange}
      searchable={searchable}
      clearable={clearable}
      searchValue={searchable ? search : undefined}
      onSearchChange={searchable ? changeSearch : undefined}
      // The first match is highlighted as the officer types; an emptied box highlights nothing.
      selectFirstOptionOnChange={selectFirstOptionOnChange ?? (searchable && search.trim() !== '')}
      // Enter on the chosen option keeps it: clearing is the clear button's job, never a stray key.
      allowDeselect={allowDeselect}
      dropdownOpened={listOpen}
      onDropdownOpen={() => {
        setListOpen(true);
        onDropdownOpen?.();
      }}
      onDropdownClose={() => {
        setListOpen(false);
        onDropdownClose?.();
      }}
      onKeyDown={handleKeyDown}
      onOptionSubmit={(picked) => {
        // Picking the option already chosen changes no value, so the Select would leave the typed text.
        const option = options.find((candidate) => candidate.value === picked);
        if (option) {
          setOwnSearch(option.label);
          onSearchChange?.(option.label);
          setUnmatched(null);
        }
        onOptionSubmit?.(picked);
      }}
      onBlur={(event) => {
        settleTypedText();
        onBlur?.(event);
      }}
      error={shownUnmatched ? t('choice.unmatched', { text: unmatched }) : error}
      {...chosenLabel}
    />
  );
}
