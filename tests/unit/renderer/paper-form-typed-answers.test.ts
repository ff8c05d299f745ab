import { describe, expect, it } from 'vitest';
import type { Question } from '../../../electron/api/questionnaires';
import { readForm, readNamed, readTyped, typedOf } from '../../../renderer/features/paper-forms/typed-answers';

const question = (kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  key: 'q',
  kind,
  textAr: 'سؤال',
  textEn: null,
  required: false,
  overall: false,
  options: [],
  min: null,
  max: null,
  ...extra,
});
const options = (...keys: string[]) => keys.map((key) => ({ key, labelAr: key, labelEn: null }));

describe('answers typed from a paper form', () => {
  it('reads each kind from the digits beside the ticked boxes, in Arabic-Indic digits too', () => {
    expect(readTyped(question('satisfaction'), ' ٤ ')).toEqual({ answer: 4 });
    expect(readTyped(question('satisfaction'), '6')).toEqual({ problem: 'outOfRange' });
    expect(readTyped(question('recommend'), '١٠')).toEqual({ answer: 10 });
    expect(readTyped(question('recommend'), 'x')).toEqual({ problem: 'invalid' });
    expect(readTyped(question('yes_no'), '1')).toEqual({ answer: true });
    expect(readTyped(question('yes_no'), '٢')).toEqual({ answer: false });
    expect(readTyped(question('yes_no'), '3')).toEqual({ problem: 'choice' });
    const choices = question('one_of', { options: options('a', 'b', 'c') });
    expect(readTyped(choices, '2')).toEqual({ answer: 'b' });
    expect(readTyped(choices, '4')).toEqual({ problem: 'choice' });
    const several = question('many_of', { options: options('a', 'b', 'c', 'd') });
    for (const typed of ['3,1', '3 1', '٣،١', '31', '1, 3, 1']) expect(readTyped(several, typed), typed).toEqual({ answer: ['a', 'c'] });
    expect(readTyped(several, '1,5')).toEqual({ problem: 'choice' });
    expect(readTyped(question('number', { min: 0, max: 50 }), '٥١')).toEqual({ problem: 'outOfRange' });
    expect(readTyped(question('text'), '  ٣ ملاحظات  ')).toEqual({ answer: '٣ ملاحظات' });
  });

  it('takes an empty field as unanswered, a required question too: a question left blank on the paper is typed blank', () => {
    expect(readTyped(question('satisfaction'), '  ')).toEqual({ answer: undefined });
    expect(readTyped(question('satisfaction', { required: true }), '')).toEqual({ answer: undefined });
    const questions = [question('satisfaction', { key: 'a' }), question('yes_no', { key: 'b' }), question('recommend', { key: 'c', required: true })];
    expect(readForm(questions, { a: '5', b: '' })).toEqual({ answers: { a: 5 }, problems: {} });
    expect(readNamed('١')).toBe(true);
    expect(readNamed('')).toBe(false);
  });

  it('writes an answer back as the typist keyed it', () => {
    const several = question('many_of', { options: options('a', 'b', 'c') });
    expect(typedOf(several, ['a', 'c'])).toBe('1, 3');
    expect(typedOf(question('one_of', { options: options('a', 'b') }), 'b')).toBe('2');
    expect(typedOf(question('yes_no'), false)).toBe('2');
    expect(typedOf(question('satisfaction'), null)).toBe('');
  });
});
