import type { Kysely } from 'kysely';
import type { AttendanceSummary } from '../../api/attendance';
import type { CertificateLookup, CertificatePdf, EnrolmentDetail } from '../../api/enrolments';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { DatabaseSchema } from '../../../db/schema';
import arabic from '../../../locales/ar/enrolments.json';
import english from '../../../locales/en/enrolments.json';
import { attendanceOf } from '../attendance/rate';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { stamp, type CallContext, type ServiceDependencies } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import { letterheadLogo } from '../letters/letterhead-logo';
import { html } from '../printing/html';
import { printableHtml, type ReportFont } from '../printing/html-shell';
import { associationNameIn, englishGregorianDay, englishHijriDay, gregorianDay, hijriDay, letterhead, LETTERHEAD_STYLE } from '../printing/paper';
import { reportFonts } from '../reports/pdf';
import { getEnrolment } from './service';
import { newVerificationNumber, readVerificationNumber } from './verification-number';

type Db = Kysely<DatabaseSchema>;
type Language = 'ar' | 'en';

/** A certificate as the table keeps it: its number given once, at the first print. */
interface IssuedCertificate {
  verificationNumber: string;
  issuedAt: string;
}

/**
 * The completion certificate of a completed enrolment, A4 landscape on the letterhead, in the
 * officer's language: the person, the program and its dates (first and last session) in both
 * calendars, the attendance rate under the rule it was read by, the date it was issued and its
 * verification number. The number is given at the first print, in its own transaction with its audit
 * entry, and every reprint carries the same one; each print is recorded on the person's trail.
 */
export async function certificatePdf(
  deps: Pick<ServiceDependencies, 'db' | 'keys' | 'printPdf'>,
  input: { id: string; language: Language },
  context: CallContext,
): Promise<CertificatePdf> {
  const enrolment = await getEnrolment(deps.db, input.id, context);
  if (enrolment.stage !== 'completed') throw new AppError('rule', 'enrolments.certificateOnlyCompleted');
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  const certificate = await issueCertificate(deps.db, enrolment, context);
  const person = await deps.db
    .selectFrom('beneficiaries')
    .select(['gender', 'latin_name'])
    .where('id', '=', enrolment.beneficiary.id)
    .executeTakeFirstOrThrow();
  const page = renderCertificate({
    language: input.language,
    enrolment,
    gender: person.gender === 'female' ? 'female' : 'male',
    latinName: person.latin_name,
    sessions: await sessionDatesOf(deps.db, enrolment),
    attendance: await attendanceOf(deps.db, enrolment.id),
    certificate,
    associationName: associationNameIn(deps.keys.path),
    logo: letterheadLogo(),
    fonts: reportFonts(),
  });
  const pdf = await deps.printPdf(page, { footerTemplate: '<span></span>', landscape: true });
  await appendAudit(deps.db, context, {
    action: 'enrolment.certificatePrinted',
    entityType: 'beneficiary',
    entityId: enrolment.beneficiary.id,
    summary: { enrolmentId: enrolment.id, programId: enrolment.program.id, verificationNumber: certificate.verificationNumber, language: input.language },
  });
  const words = input.language === 'en' ? english.certificate : arabic.certificate;
  return {
    fileName: `${words.fileName.replace('{{number}}', certificate.verificationNumber)}.pdf`,
    mimeType: 'application/pdf',
    base64: pdf.toString('base64'),
    verificationNumber: certificate.verificationNumber,
  };
}

/**
 * The enrolment's certificate, given its number now if it has none yet (audited in the same
 * transaction). Two desks apart may each have given one: every desk reprints the oldest, the same
 * number everywhere (the other paper's number still verifies).
 */
async function issueCertificate(db: Db, enrolment: EnrolmentDetail, context: CallContext): Promise<IssuedCertificate> {
  return db.transaction().execute(async (trx) => {
    const held = await trx
      .selectFrom('program_certificates')
      .select(['verification_number', 'issued_at'])
      .where('enrolment_id', '=', enrolment.id)
      .orderBy('issued_at')
      .orderBy('id')
      .executeTakeFirst();
    if (held) return { verificationNumber: held.verification_number, issuedAt: held.issued_at };
    const verificationNumber = await unusedVerificationNumber(trx);
    const issuedAt = context.now.toISOString();
    await trx
      .insertInto('program_certificates')
      .values({ id: newId(), enrolment_id: enrolment.id, verification_number: verificationNumber, issued_at: issuedAt, issued_by: context.actorId, ...stamp(context) })
      .execute();
    await appendAudit(trx, context, {
      action: 'enrolment.certificateIssued',
      entityType: 'beneficiary',
      entityId: enrolment.beneficiary.id,
      summary: { enrolmentId: enrolment.id, programId: enrolment.program.id, verificationNumber },
    });
    return { verificationNumber, issuedAt };
  });
}

/** A number no certificate of this desk's record has: a second draw only on the rarest of chances. */
async function unusedVerificationNumber(trx: Db): Promise<string> {
  for (;;) {
    const candidate = newVerificationNumber();
    const taken = await trx.selectFrom('program_certificates').select('id').where('verification_number', '=', candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
}

/** The program's first and last session; its own dates where it has no session. */
async function sessionDatesOf(db: Db, enrolment: EnrolmentDetail): Promise<{ first: string; last: string }> {
  const span = await db
    .selectFrom('program_sessions')
    .select((eb) => [eb.fn.min('date').as('first'), eb.fn.max('date').as('last')])
    .where('program_id', '=', enrolment.program.id)
    .executeTakeFirst();
  return { first: span?.first ?? enrolment.program.startsOn, last: span?.last ?? enrolment.program.endsOn };
}

/**
 * A verification number looked up, for a supervisor holding a certificate: what it says, to compare
 * with the paper. A number mistyped (its check character disagrees) is refused saying so; one no
 * certificate has answers null. Finding one is recorded on the person's trail: it names them.
 */
export async function verifyCertificate(db: Db, typed: string, context: CallContext): Promise<CertificateLookup> {
  const verificationNumber = readVerificationNumber(typed);
  if (verificationNumber === null) {
    throw new AppError('validation', 'validation.failed', { fields: [{ path: 'verificationNumber', messageKey: 'validation.enrolments.certificateNumberMistyped' }] });
  }
  const row = await db
    .selectFrom('program_certificates as c')
    .innerJoin('program_enrolments as e', 'e.id', 'c.enrolment_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('beneficiaries as b', 'b.id', 'e.beneficiary_id')
    .innerJoin('users as u', 'u.id', 'c.issued_by')
    .select([
      'c.verification_number',
      'c.issued_at',
      'c.issued_by',
      'u.display_name',
      'e.id as enrolment_id',
      'e.stage',
      'e.beneficiary_id',
      'p.id as program_id',
      'p.name_ar',
      'p.name_en',
      'p.starts_on',
      'p.ends_on',
      'b.first_name',
      'b.father_name',
      'b.grandfather_name',
      'b.family_name',
      'b.file_number',
    ])
    .where('c.verification_number', '=', verificationNumber)
    // Two certificates bearing one random number are all but impossible (db/migrations/0024); were
    // they to meet, every desk answers the same one.
    .orderBy('c.issued_at')
    .orderBy('c.id')
    .executeTakeFirst();
  if (!row) return { certificate: null };
  await appendAudit(db, context, {
    action: 'enrolment.certificateVerified',
    entityType: 'beneficiary',
    entityId: row.beneficiary_id,
    summary: { enrolmentId: row.enrolment_id, programId: row.program_id, verificationNumber },
  });
  return {
    certificate: {
      verificationNumber: row.verification_number,
      enrolmentId: row.enrolment_id,
      beneficiary: { id: row.beneficiary_id, fullName: fullNameOf(row), fileNumber: row.file_number },
      program: { id: row.program_id, nameAr: row.name_ar, nameEn: row.name_en, startsOn: row.starts_on, endsOn: row.ends_on },
      issuedAt: row.issued_at,
      issuedBy: { id: row.issued_by, displayName: row.display_name },
      completed: row.stage === 'completed',
    },
  };
}

// --- The page ------------------------------------------------------------------------------------

export interface CertificateContent {
  language: Language;
  enrolment: EnrolmentDetail;
  /** The person's gender: the Arabic sentence agrees with it. */
  gender: 'male' | 'female';
  /** The person's name in Latin letters, printed on the English certificate where the file has it. */
  latinName: string | null;
  sessions: { first: string; last: string };
  attendance: AttendanceSummary;
  certificate: IssuedCertificate;
  associationName: string | null;
  logo: string | null;
  fonts?: readonly ReportFont[];
}

export function renderCertificate(content: CertificateContent): string {
  const { language, enrolment, attendance, certificate } = content;
  const words = language === 'en' ? english.certificate : arabic.certificate;
  const programName = language === 'en' ? (enrolment.program.nameEn ?? enrolment.program.nameAr) : enrolment.program.nameAr;
  const personName = language === 'en' ? (content.latinName ?? enrolment.beneficiary.fullName) : enrolment.beneficiary.fullName;
  const issuedOn = todayInRiyadh(new Date(certificate.issuedAt));
  const rate = attendance.ratePercent === null ? words.noRate : words.rate.replace('{{rate}}', String(attendance.ratePercent));
  const body = html`
    <div class="frame">
      ${letterhead(content.associationName, content.logo)}
      <main>
        <h1>${words.title}</h1>
        <p class="lead">${words.certifies}</p>
        <p class="person">${personName}</p>
        <p>${content.gender === 'female' ? words.completedFemale : words.completedMale}</p>
        <p class="program">${programName}</p>
        <p>${words.heldFrom} ${bothCalendars(content.sessions.first, language)} ${words.heldUntil} ${bothCalendars(content.sessions.last, language)}</p>
        <p class="rate">${rate}</p>
        <p class="rule">${words.ruleUsed}: ${attendance.ruleInWords[language]}</p>
      </main>
      <footer>
        <div>
          <div class="label">${words.issuedOn}</div>
          <div>${bothCalendars(issuedOn, language)}</div>
        </div>
        <div>
          <div class="label">${words.verificationNumber}</div>
          <div class="number"><bdi dir="ltr">${certificate.verificationNumber}</bdi></div>
        </div>
        <div>
          <div class="label">${words.signature}</div>
          <div class="blank"></div>
        </div>
      </footer>
    </div>`;
  return printableHtml({ language, title: `${words.title}: ${programName}`, style: LETTERHEAD_STYLE + STYLE, body, images: true, fonts: content.fonts ?? [] });
}

/** A date in the Hijri calendar, then the Gregorian, in the paper's language. */
function bothCalendars(date: string, language: Language): string {
  if (language === 'en') return `${englishHijriDay(date)} (${englishGregorianDay(date)})`;
  return `${hijriDay(date)} ${arabic.certificate.hijriMark} (${gregorianDay(date)} ${arabic.certificate.gregorianMark})`;
}

// Logical properties only: the page is right to left by its dir attribute, never by CSS.
const STYLE = `
@page { size: A4 landscape; }
* { box-sizing: border-box; }
body { font-family: "IBM Plex Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 13pt; line-height: 1.7; color: #111; margin: 0; }
.frame { border: 3px double #1f5f5b; padding: 8mm 14mm; min-block-size: 170mm; display: flex; flex-direction: column; }
main { flex: 1; text-align: center; }
main p { margin-block: 1.5mm; }
h1 { font-size: 26pt; color: #1f5f5b; margin-block: 0 4mm; letter-spacing: 0.02em; }
.lead { color: #333; }
.person { font-size: 22pt; font-weight: bold; margin-block: 3mm; }
.program { font-size: 17pt; font-weight: bold; color: #1f5f5b; }
.rate { font-weight: bold; margin-block-start: 4mm; }
.rule { font-size: 10.5pt; color: #444; }
footer { display: flex; justify-content: space-between; align-items: flex-end; gap: 10mm; margin-block-start: 8mm; font-size: 11pt; }
footer .label { color: #555; font-size: 10pt; }
.number { font-size: 14pt; font-weight: bold; letter-spacing: 0.08em; }
.blank { inline-size: 55mm; block-size: 10mm; border-block-end: 1px dotted #333; }
@media screen { body { padding: 12mm 6mm; } }
`;
