import { codeDirection } from '../../electron/api/bidi';

/**
 * Wraps a number or code (a file number such as 2026-00042) in Unicode isolates for plain-text
 * messages, so that it keeps its left-to-right order inside an Arabic sentence. In JSX use <Ltr>.
 */
export const isolateLtr = (text: string): string => `\u2066${text}\u2069`;

/**
 * Wraps a code typed by a person (a sender's letter number, which may hold an Arabic letter) in the
 * isolate of its own direction (see codeDirection). In JSX use <TypedCode>.
 */
export const isolateCode = (text: string): string => (codeDirection(text) === 'rtl' ? `\u2067${text}\u2069` : isolateLtr(text));

/** Wraps typed text whose direction is unknown (a name, or a phone number) in a first-strong isolate. */
export const isolateAuto = (text: string): string => `\u2068${text}\u2069`;
