// The builder never asks for a key: a question opened keeps its own across versions, one added (or
// whose kind changed) takes one by its place that no version has used, and the same for choices. A
// limit is read in any digits, and what a kind does not ask is left out of what is saved.
import { describe, expect, it } from 'vitest';
import { questionnaireContent, type QuestionnaireView } from '../../electron/api/questionnaires';
import { contentOf, limitOf, moved, NEW_QUESTIONNAIRE, newOption, newQuestion, refusedLimits, valuesOf } from '../../renderer/features/questionnaires/editor-values';

function opened(usedKeys: Record<string, string[]> = {}): QuestionnaireView {
  const content = questionnaireContent.parse({
    titleAr: 'استبانة',
    titleEn: null,
    introAr: 'مقدمة',
    introEn: null,
    questions: [
      { key: 'q1', kind: 'satisfaction', textAr: 'الرضا', required: true, overall: true },
      { key: 'q2', kind: 'one_of', textAr: 'من أين عرفت؟', required: false, options: [{ key: 'o1', labelAr: 'صديق' }, { key: 'o2', labelAr: 'الجمعية' }] },
    ],
  });
  return {
    id: 'q',
    titleAr: content.titleAr,
    titleEn: null,
    status: 'active',
    shipped: false,
    doubleEntry: false,
    currentVersion: 2,
    responses: 3,
    updatedAt: '2026-12-01T09:00:00Z',
    current: { id: 'v2', questionnaireId: 'q', version: 2, content, createdAt: '2026-12-01T09:00:00Z', responses: 0 },
    versions: [],
    editMakesNewVersion: true,
    usedKeys: { q1: [], q2: ['o1', 'o2'], ...usedKeys },
  };
}

describe('the keys of a questionnaire the builder saves', () => {
  it('are given by place to the questions of a new questionnaire', () => {
    const values = NEW_QUESTIONNAIRE();
    values.questions.push(newQuestion(values.questions[0]!), { ...newQuestion(null), kind: 'many_of', options: [newOption(), newOption()] });
    const content = contentOf(values, {});
    expect(content.questions.map((question) => question.key)).toEqual(['q1', 'q2', 'q3']);
    expect(content.questions[2]!.options!.map((option) => option.key)).toEqual(['o1', 'o2']);
    // Of the same kind as the question before it, but for the kinds a questionnaire has once.
    expect(newQuestion({ ...values.questions[0]!, kind: 'recommend' }).kind).toBe('satisfaction');
    expect(newQuestion({ ...values.questions[0]!, kind: 'text' }).kind).toBe('text');
  });

  it('stay with the questions and choices they were opened with, wherever they are moved', () => {
    const view = opened();
    const values = valuesOf(view);
    values.questions = moved(values.questions, 1, 0);
    values.questions[0]!.options = moved(values.questions[0]!.options, 1, 0);
    const content = contentOf(values, view.usedKeys);
    expect(content.questions.map((question) => question.key)).toEqual(['q2', 'q1']);
    expect(content.questions[0]!.options!.map((option) => option.key)).toEqual(['o2', 'o1']);
  });

  it('are never one a version used for another question or choice', () => {
    // q3 was asked by an earlier version and removed since: a question added now is not read as it.
    const view = opened({ q3: [] });
    const values = valuesOf(view);
    values.questions.push(newQuestion(values.questions[1]!));
    values.questions[1]!.options.push(newOption());
    // o3 was a choice of q2 in an earlier version.
    view.usedKeys.q2 = ['o1', 'o2', 'o3'];
    const content = contentOf(values, view.usedKeys);
    expect(content.questions.map((question) => question.key)).toEqual(['q1', 'q2', 'q4']);
    expect(content.questions[1]!.options!.map((option) => option.key)).toEqual(['o1', 'o2', 'o4']);
  });

  it('are new for a question whose kind changed: it no longer asks the same thing', () => {
    const view = opened();
    const values = valuesOf(view);
    values.questions[1]!.kind = 'text';
    const content = contentOf(values, view.usedKeys);
    expect(content.questions.map((question) => [question.key, question.kind, question.options])).toEqual([
      ['q1', 'satisfaction', []],
      ['q3', 'text', []],
    ]);
  });

  it('go with a content the api takes as it is', () => {
    const view = opened();
    const values = valuesOf(view);
    values.questions.push({ ...newQuestion(null), kind: 'number', textAr: 'كم مرة زرتنا؟', min: '٠', max: '١٢' });
    const parsed = questionnaireContent.safeParse(contentOf(values, view.usedKeys));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.questions[2]).toMatchObject({ key: 'q3', min: 0, max: 12, options: [] });
  });
});

describe('a number question’s limits', () => {
  it('are read in Latin or Arabic-Indic digits, and refused at their field when they are not whole numbers', () => {
    expect(limitOf('٤٠')).toBe(40);
    expect(limitOf(' -3 ')).toBe(-3);
    expect(limitOf('')).toBeNull();
    expect(limitOf('2.5')).toBe('invalid');
    const values = NEW_QUESTIONNAIRE();
    values.questions[0] = { ...values.questions[0]!, kind: 'number', min: 'خمسة', max: '10' };
    expect(refusedLimits(values, 'whole')).toEqual({ 'questions.0.min': 'whole' });
    values.questions[0]!.min = '٥';
    expect(refusedLimits(values, 'whole')).toBeNull();
  });
});
