// Where a refused save's sentences land in a form: under the fields it names, or above the buttons
// when it names none, and never nowhere.
import { describe, expect, it } from 'vitest';
import { showRefusal } from '../../../renderer/api/use-save-form';

const SENTENCE = 'Some of the data is not valid.';

describe('a refused save', () => {
  it('names no field: its sentence is said above the buttons', () => {
    expect(showRefusal({}, SENTENCE)).toEqual({ errors: {}, failure: SENTENCE });
  });

  it('names fields: each is said under its field, and nothing above the buttons', () => {
    expect(showRefusal({ reason: 'Required.', confirmFileNumber: 'Not this file.' }, SENTENCE)).toEqual({
      errors: { reason: 'Required.', confirmFileNumber: 'Not this file.' },
      failure: null,
    });
  });

  it('says the sentence as well where the form says it always', () => {
    expect(showRefusal({ password: 'Too short.' }, SENTENCE, { failureWithFields: true })).toEqual({
      errors: { password: 'Too short.' },
      failure: SENTENCE,
    });
  });

  it("puts nested paths under the form's own field, the first sentence when two land on one", () => {
    const shown = showRefusal({ 'contact.summary': 'Required.', 'scan.fileName': 'Bad name.', 'scan.contentBase64': 'Unreadable.' }, SENTENCE, {
      fieldOf: (path) => (path.startsWith('scan') ? 'scan' : path.replace(/^contact\./, '')),
    });
    expect(shown).toEqual({ errors: { summary: 'Required.', scan: 'Bad name.' }, failure: null });
  });

  it('says above the buttons what it says about a field the form does not show', () => {
    const shown = showRefusal({ subject: 'Required.', direction: 'Choose one.' }, SENTENCE, { shownFields: ['subject', 'number'] });
    expect(shown).toEqual({ errors: { subject: 'Required.', direction: 'Choose one.' }, failure: 'Choose one.' });
  });
});
