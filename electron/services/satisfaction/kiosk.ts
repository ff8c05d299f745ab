import type { Kysely } from 'kysely';
import type { KioskForm } from '../../api/kiosk';
import type { DatabaseSchema } from '../../../db/schema';
import type { CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { questionnaireVersion } from '../questionnaires/service';
import { recordResponse } from './offers';

type Db = Kysely<DatabaseSchema>;

/** The offer the screen was handed over for: the session puts it in the context, the screen never names it. */
function kioskOffer(context: CallContext): string {
  if (context.kioskOfferId === undefined) throw new AppError('rule', 'satisfaction.notInKiosk');
  return context.kioskOfferId;
}

/** The questions as the person reads them: nothing of the case, of the officer, or of the person. */
export async function kioskForm(db: Db, associationName: string | null, context: CallContext): Promise<KioskForm> {
  const offer = await db.selectFrom('questionnaire_offers').select(['version_id', 'status']).where('id', '=', kioskOffer(context)).executeTakeFirst();
  if (!offer) throw notFound('offer');
  const version = await questionnaireVersion(db, offer.version_id);
  return { associationName: associationName ?? '', content: version.content, answered: offer.status === 'responded' };
}

export async function kioskSubmit(db: Db, input: { answers: Record<string, unknown>; named: boolean }, context: CallContext): Promise<{ answered: true }> {
  await recordResponse(db, { offerId: kioskOffer(context), mode: 'kiosk', answers: input.answers, named: input.named }, context);
  return { answered: true };
}
