import type { RequestOutcome } from '../../api/requests';

/** What the standard letter telling a beneficiary the result of their request is written from. */
export interface NotificationLetterFacts {
  fullName: string;
  gender: string;
  requestNumber: string;
  typeNameAr: string;
  /** Riyadh calendar date the request was received (yyyy-mm-dd). */
  receivedOn: string;
  outcome: RequestOutcome;
  reason: string;
  associationName: string | null;
}

const HIJRI = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const GREGORIAN = new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date in the Umm al-Qura and Gregorian calendars, as an Arabic letter writes it. */
function writtenDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  // Intl adds its own era marks ("هـ", "م") to some dates and not others: write them once, ourselves.
  const bare = (formatted: string) => formatted.replace(/\s*(هـ|م)$/u, '');
  return `${bare(HIJRI.format(date))} هـ الموافق ${bare(GREGORIAN.format(date))} م`;
}

export const notificationSubject = (requestNumber: string) => `إشعار بنتيجة الطلب رقم ${requestNumber}`;

/**
 * The notification letter's text, in formal Arabic: the greeting (in the person's gender), the
 * request's number, type and date, the decision and its reason, and the closing. The letterhead,
 * the letter's own number and date are printed around it.
 */
export function notificationLetterBody(facts: NotificationLetterFacts): string {
  const female = facts.gender === 'female';
  const decision =
    facts.outcome === 'approved'
      ? 'نفيدكم بأنه قد تمت الموافقة على طلبكم.'
      : 'نأسف لإفادتكم بأنه قد تعذّر قبول طلبكم.';
  const nextStep =
    facts.outcome === 'approved'
      ? 'وسيتواصل معكم موظف علاقات المستفيدين لاستكمال ما يلزم.'
      : 'ويسعدنا استقبال استفساراتكم وملاحظاتكم عبر قنوات التواصل المعتمدة لدى الجمعية.';
  return [
    `${female ? 'المكرمة' : 'المكرم'} / ${facts.fullName} ${female ? 'المحترمة' : 'المحترم'}`,
    '',
    'السلام عليكم ورحمة الله وبركاته، وبعد:',
    '',
    `فإشارةً إلى طلبكم رقم (${facts.requestNumber}) بشأن «${facts.typeNameAr}» المقدَّم إلى الجمعية بتاريخ ${writtenDate(facts.receivedOn)}، ${decision}`,
    `سبب القرار: ${facts.reason}`,
    nextStep,
    '',
    'شاكرين لكم تواصلكم، سائلين الله لكم التوفيق.',
    '',
    'وتقبلوا خالص التحية والتقدير،',
    '',
    'إدارة علاقات المستفيدين',
    ...(facts.associationName ? [facts.associationName] : []),
  ].join('\n');
}
