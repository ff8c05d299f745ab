import { describe, expect, it } from 'vitest';
import { endsWithClosing } from '../../renderer/features/letters/letter-template';
import labels from '../../locales/ar/letters.json';

const closing = labels.document.closing;

describe('a letter whose text ends with the template’s own closing', () => {
  it('is seen however the closing was typed: with or without its comma, harakat, tatweel, hamza or spaces', () => {
    for (const typed of [
      'نفيدكم بالآتي.\n\nوتقبلوا خالص التحية والتقدير،',
      'نفيدكم بالآتي.\nوتقبلوا خالص التحية والتقدير',
      'نفيدكم بالآتي.\nوَتَقَبَّلُوا خالـص التحية والتقدير.',
      'نفيدكم بالآتي.\n  وتقبلوا  خالص التحية والتقدير ,  \n',
    ]) {
      expect(endsWithClosing(typed, closing), typed).toBe(true);
    }
  });

  it('is not seen when the closing words are elsewhere, or the text has another ending', () => {
    for (const typed of ['', 'وتقبلوا خالص التحية والتقدير\nونأمل التكرم بالإفادة.', 'نأمل التكرم بالإفادة، شاكرين تعاونكم.']) {
      expect(endsWithClosing(typed, closing), typed).toBe(false);
    }
  });
});
