import type { Kysely } from 'kysely';
import type { QuestionnaireContent } from '../../api/questionnaires';
import { SHIPPED_QUESTIONNAIRE_ID, SHIPPED_QUESTIONNAIRE_VERSION_ID } from '../../../db/fixed-ids';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;

/**
 * The satisfaction questionnaire Wasl ships, drawn from the policy's objectives: that the association
 * is easy to reach, answers quickly, informs clearly and treats people with respect (its values of
 * transparency, respect and quality), then the overall satisfaction the score is read from, how likely
 * the person is to recommend the association, and a comment. An administrator may change it (which
 * makes the next version once it has answers) or build others.
 */
export const SHIPPED_QUESTIONNAIRE: QuestionnaireContent = {
  titleAr: 'استبانة رضا المستفيدين',
  titleEn: 'Beneficiary satisfaction questionnaire',
  introAr:
    'نسعد بمعرفة رأيك في الخدمة التي قُدّمت لك، لنرتقي بجودة خدماتنا. الإجابة اختيارية ولا تؤثر في خدمتك، ولا يُذكر اسمك مع إجاباتك إلا إذا اخترت ذلك.',
  introEn:
    'We would like to know what you thought of the service you received, so that we can improve it. Answering is optional and does not affect your service, and your name is not kept with your answers unless you choose so.',
  questions: [
    satisfaction('access', 'كان الوصول إلى الجمعية والتواصل معها سهلًا.', 'It was easy to reach and contact the association.'),
    satisfaction('speed', 'أُنجزت خدمتي في وقت مناسب.', 'My service was completed in good time.'),
    satisfaction('clarity', 'كانت المعلومات التي قُدّمت لي واضحة.', 'The information I was given was clear.'),
    satisfaction('respect', 'عوملت باحترام وتقدير.', 'I was treated with respect.'),
    { ...satisfaction('overall', 'ما مدى رضاك عن الخدمة بشكل عام؟', 'Overall, how satisfied are you with the service?'), required: true, overall: true },
    {
      key: 'recommend',
      kind: 'recommend',
      textAr: 'ما مدى احتمال أن توصي بالجمعية لقريب أو صديق؟',
      textEn: 'How likely are you to recommend the association to a relative or friend?',
      required: false,
      overall: false,
      options: [],
      min: null,
      max: null,
    },
    {
      key: 'comment',
      kind: 'text',
      textAr: 'هل لديك ملاحظة أو اقتراح لتحسين خدماتنا؟',
      textEn: 'Do you have a comment or a suggestion to improve our services?',
      required: false,
      overall: false,
      options: [],
      min: null,
      max: null,
    },
  ],
};

function satisfaction(key: string, textAr: string, textEn: string) {
  return { key, kind: 'satisfaction' as const, textAr, textEn, required: false, overall: false, options: [], min: null, max: null };
}

/** The settings row that records that a database received the shipped questionnaire. */
export const SHIPPED_QUESTIONNAIRE_KEY = 'questionnaires.shippedEdition';
const SHIPPED_EDITION = 1;

/**
 * Puts the shipped questionnaire into a database that has never had it, in use: at setup, and once
 * into a database set up before Wasl shipped it. Every desk gives it the same ids, so the desks of
 * one office hold one copy. The marker makes it happen once: a questionnaire the administrator has
 * changed or retired is never written again. Runs in the caller's transaction.
 */
export async function installShippedQuestionnaire(trx: Db, now: Date): Promise<boolean> {
  const installed = await trx.selectFrom('settings').select('key').where('key', '=', SHIPPED_QUESTIONNAIRE_KEY).executeTakeFirst();
  if (installed) return false;
  const context: CallContext = { actorId: SYSTEM_USER_ID, now };
  // Received already from another desk of the office: only the marker is missing here.
  const held = await trx.selectFrom('questionnaires').select('id').where('id', '=', SHIPPED_QUESTIONNAIRE_ID).executeTakeFirst();
  if (!held) {
    await trx.insertInto('questionnaires').values({ id: SHIPPED_QUESTIONNAIRE_ID, shipped_as: 'satisfaction', status: 'active', double_entry: 0, ...stamp(context) }).execute();
    const content = SHIPPED_QUESTIONNAIRE;
    await trx
      .insertInto('questionnaire_versions')
      .values({
        id: SHIPPED_QUESTIONNAIRE_VERSION_ID,
        questionnaire_id: SHIPPED_QUESTIONNAIRE_ID,
        version: 1,
        title_ar: content.titleAr,
        title_en: content.titleEn,
        intro_ar: content.introAr,
        intro_en: content.introEn,
        questions: JSON.stringify(content.questions),
        ...stamp(context),
      })
      .execute();
  }
  await trx
    .insertInto('settings')
    .values({ id: newId(), key: SHIPPED_QUESTIONNAIRE_KEY, value: JSON.stringify(SHIPPED_EDITION), ...stamp(context) })
    .execute();
  await appendAudit(trx, context, { action: 'questionnaire.starterInstalled', entityType: 'questionnaire', entityId: SHIPPED_QUESTIONNAIRE_ID, summary: { edition: SHIPPED_EDITION, held: held !== undefined } });
  return true;
}
