// How a single-choice list reads the keyboard: a letter jumps to the options starting with it, in
// turn; typed text names an option however it was spelled; groups and plain strings are options too.
import { describe, expect, it } from 'vitest';
import { foldForMatching, nextOptionStartingWith, optionNamed, optionsOf } from '../../renderer/components/choice-options';

const residency = optionsOf([
  { value: 'citizen', label: 'مواطن' },
  { value: 'resident', label: 'مقيم نظامي' },
  { value: 'expired_residency', label: 'إقامة منتهية' },
  { value: 'visitor', label: 'زائر' },
  { value: 'other', label: 'أخرى' },
]);

describe('a letter typed on a list', () => {
  it('jumps to the first option starting with it, then cycles through the others', () => {
    expect(nextOptionStartingWith(residency, 'م', null)?.value).toBe('citizen');
    expect(nextOptionStartingWith(residency, 'م', 'citizen')?.value).toBe('resident');
    expect(nextOptionStartingWith(residency, 'م', 'resident')?.value).toBe('citizen');
  });

  it('starts from the first match when the chosen option does not start with the letter', () => {
    expect(nextOptionStartingWith(residency, 'م', 'visitor')?.value).toBe('citizen');
  });

  it('matches an alef typed plainly to an alef with hamza', () => {
    expect(nextOptionStartingWith(residency, 'ا', null)?.value).toBe('expired_residency');
    expect(nextOptionStartingWith(residency, 'ا', 'expired_residency')?.value).toBe('other');
  });

  it('answers nothing for a letter no option starts with, or for a space', () => {
    expect(nextOptionStartingWith(residency, 'ق', 'citizen')).toBeNull();
    expect(nextOptionStartingWith(residency, ' ', null)).toBeNull();
  });

  it('skips options that cannot be chosen', () => {
    const options = optionsOf([
      { value: 'a', label: 'هاتف', disabled: true },
      { value: 'b', label: 'هوية' },
    ]);
    expect(nextOptionStartingWith(options, 'ه', null)?.value).toBe('b');
  });

  it('reads English labels in any case', () => {
    const channels = optionsOf(['Phone', 'In person', 'Letter', 'Website']);
    expect(nextOptionStartingWith(channels, 'l', null)?.value).toBe('Letter');
    expect(nextOptionStartingWith(channels, 'P', null)?.value).toBe('Phone');
  });
});

describe('typed text naming an option', () => {
  const districts = optionsOf([
    { group: 'الأحساء', items: [{ value: 'taraf', label: 'الطرف' }, { value: 'hofuf', label: 'الهفوف' }] },
    { value: 'mubarraz', label: 'المبرز' },
  ]);

  it('finds the option however the officer spelled its label', () => {
    expect(optionNamed(districts, 'الطرف')?.value).toBe('taraf');
    expect(optionNamed(districts, '  الطرف ')?.value).toBe('taraf');
    expect(optionNamed(districts, 'المُبرَّز')?.value).toBe('mubarraz');
    expect(optionNamed(residency, 'اقامه منتهيه')?.value).toBe('expired_residency');
  });

  it('names nothing for part of a label or another word', () => {
    expect(optionNamed(districts, 'الطر')).toBeNull();
    expect(optionNamed(districts, 'حي النخيل')).toBeNull();
  });

  it('lists the options of groups in order, and plain strings as options', () => {
    expect(districts.map((option) => option.value)).toEqual(['taraf', 'hofuf', 'mubarraz']);
    expect(optionsOf(['SA'])).toEqual([{ value: 'SA', label: 'SA', disabled: undefined }]);
  });

  it('folds diacritics, alef forms, alef maqsura, taa marbuta, case and spaces', () => {
    expect(foldForMatching('  مُوسَى   الأحمدية ')).toBe('موسي الاحمديه');
    expect(foldForMatching('Al  HOFUF')).toBe('al hofuf');
  });
});
