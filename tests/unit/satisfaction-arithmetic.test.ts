// The satisfaction figures' formulas on hand-made answers: CSAT, NPS and the response rate exactly,
// withheld under five, and a question's average and distribution for every kind of question.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../electron/api/questionnaires';
import { csatOf, npsOf, questionFigures, responseRateOf } from '../../electron/services/satisfaction-figures/arithmetic';

const responses = (key: string, scores: number[]) => scores.map((score) => ({ answers: { [key]: score }, overallKey: 'overall', recommendKey: 'recommend' }));
const question = (fields: Partial<Question> & Pick<Question, 'key' | 'kind'>): Question => ({
  textAr: 'سؤال',
  textEn: null,
  required: false,
  overall: false,
  options: [],
  min: null,
  max: null,
  ...fields,
});

describe('the headline figures', () => {
  it('reads CSAT as the share scoring 4 or 5: 7 of 10 is 70.0', () => {
    expect(csatOf(responses('overall', [5, 5, 4, 4, 4, 4, 4, 3, 2, 1]))).toEqual({ value: 70, n: 10, tooFew: false, formula: 'csat' });
    // A response that skipped the overall question is not counted in it.
    expect(csatOf([...responses('overall', [5, 4, 3, 2, 1, 5]), { answers: {}, overallKey: 'overall', recommendKey: null }])).toMatchObject({ value: 50, n: 6 });
  });

  it('reads NPS as promoters less detractors: 5, 2 and 3 of 10 is +20, from −100 to +100', () => {
    expect(npsOf(responses('recommend', [10, 9, 9, 10, 9, 8, 7, 6, 0, 3]))).toEqual({ value: 20, n: 10, tooFew: false, formula: 'nps', promoters: 5, passives: 2, detractors: 3 });
    expect(npsOf(responses('recommend', [0, 1, 2, 3, 6])).value).toBe(-100);
    expect(npsOf(responses('recommend', [9, 10, 9, 10, 9])).value).toBe(100);
  });

  it('withholds a figure on fewer than five responses, keeping its count', () => {
    expect(csatOf(responses('overall', [5, 5, 5, 5]))).toEqual({ value: null, n: 4, tooFew: true, formula: 'csat' });
    expect(responseRateOf(3, 3)).toMatchObject({ value: null, n: 3, tooFew: true, offered: 3, answered: 3 });
    expect(responseRateOf(12, 10)).toMatchObject({ value: 83.3, n: 12, tooFew: false });
    expect(responseRateOf(0, 0)).toMatchObject({ value: null, n: 0, tooFew: true });
  });
});

describe('a question’s figures', () => {
  it('averages a scale and counts each of its five answers', () => {
    const figures = questionFigures(question({ key: 'speed', kind: 'satisfaction' }), [1, 2], [5, 4, 4, 2, 1, 3]);
    expect(figures).toMatchObject({ n: 6, average: 3.17, versions: [1, 2], tooFew: false });
    expect(figures.distribution.map((entry) => entry.count)).toEqual([1, 1, 1, 2, 1]);
    expect(figures.distribution[4]).toMatchObject({ key: '5', labelAr: '5 — راضٍ جدًا' });
  });

  it('counts a yes/no, a one-of and each option ticked of a several-of', () => {
    expect(questionFigures(question({ key: 'again', kind: 'yes_no' }), [1], [true, true, false, true, true]).distribution.map((entry) => [entry.key, entry.count])).toEqual([
      ['yes', 4],
      ['no', 1],
    ]);
    const options = [
      { key: 'phone', labelAr: 'الهاتف', labelEn: 'Phone' },
      { key: 'visit', labelAr: 'الزيارة', labelEn: 'Visit' },
      { key: 'web', labelAr: 'الموقع', labelEn: 'Website' },
    ];
    const many = questionFigures(question({ key: 'ways', kind: 'many_of', options }), [1], [['phone', 'visit'], ['visit'], ['visit', 'web'], ['phone'], []]);
    expect(many).toMatchObject({ n: 5, average: null });
    expect(many.distribution.map((entry) => entry.count)).toEqual([2, 3, 1]);
  });

  it('gives a number question its average, smallest and largest; a text question no figure', () => {
    expect(questionFigures(question({ key: 'visits', kind: 'number' }), [1], [1, 3, 2, 10, 4])).toMatchObject({ average: 4, min: 1, max: 10, distribution: [] });
    expect(questionFigures(question({ key: 'comment', kind: 'text' }), [1], ['a', 'b', 'c', 'd', 'e'])).toMatchObject({ n: 5, average: null, distribution: [] });
  });
});
