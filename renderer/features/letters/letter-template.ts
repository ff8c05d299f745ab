/**
 * What the letterhead prints around an outgoing letter's text on its own. The letter prints in
 * Arabic whatever the officer's language, so the editor shows these in Arabic too.
 */

/** Letters, without harakat, tatweel, punctuation or spaces, and alef in one form: how a closing reads, however it was typed. */
function lettersOf(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/[\s\p{P}]/gu, '');
}

/**
 * Whether the text's last line already says the template's closing (typed out of habit), so the
 * letter would say it twice.
 */
export function endsWithClosing(body: string, closing: string): boolean {
  const lastLine = body.trim().split('\n').at(-1) ?? '';
  const expected = lettersOf(closing);
  return expected !== '' && lettersOf(lastLine).endsWith(expected);
}
