import type { SessionState } from '../../api/session';
import { shieldFor } from '../complaints/shield';
import type { CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { confirmPassword } from './lock';
import { sessionState } from './session-state';
import { requireDatabase, type DeskState } from './state';
import { auditSessionEvent } from './trail';

/**
 * The kiosk: the screen handed to a beneficiary to answer a questionnaire. It is a stage of the
 * session, not only of the screen, so that a reload, a second window or a call typed by hand meets
 * the same wall: the desk answers the kiosk's own calls and nothing else until the officer's password.
 */

/** The calls the desk answers in kiosk: the questionnaire, its answers, the way back, and where it stands. */
export const KIOSK_CALLS: ReadonlySet<string> = new Set(['session.state', 'session.leaveKiosk', 'kiosk.form', 'kiosk.submit']);

export async function enterKiosk(desk: DeskState, input: { offerId: string; secondScreen: boolean }, context: CallContext): Promise<SessionState> {
  const session = desk.session;
  if (!session) throw new AppError('unauthenticated', 'session.signedOut');
  const db = requireDatabase(desk).opened.db;
  // An offer on a complaint about the officer does not exist for them (complaints/shield.ts).
  if ((await shieldFor(db, context.actorId)).hides('offer', input.offerId)) throw notFound('offer');
  const offer = await db.selectFrom('questionnaire_offers').select(['id', 'status', 'questionnaire_id']).where('id', '=', input.offerId).executeTakeFirst();
  if (!offer) throw notFound('offer');
  if (offer.status === 'responded') throw new AppError('rule', 'satisfaction.alreadyAnswered');
  if (offer.status !== 'offered') throw new AppError('rule', 'satisfaction.notWaiting');
  session.kiosk = { offerId: offer.id, secondScreen: input.secondScreen };
  await auditSessionEvent(
    desk,
    { action: 'session.kioskEntered', entityType: 'questionnaire', entityId: offer.questionnaire_id, summary: { offer: offer.id, secondScreen: input.secondScreen } },
    context.actorId,
  );
  return sessionState(desk);
}

export async function leaveKiosk(desk: DeskState, password: string): Promise<SessionState> {
  const session = desk.session;
  if (!session) throw new AppError('unauthenticated', 'session.signedOut');
  // Asked from a screen that was not in kiosk (a second window left behind): nothing to give back.
  if (!session.kiosk) return sessionState(desk);
  await confirmPassword(desk, session, password);
  const offerId = session.kiosk.offerId;
  session.kiosk = null;
  // The officer is back at the keyboard: the idle minutes count from now.
  session.lastSeen = desk.now().getTime();
  await auditSessionEvent(desk, { action: 'session.kioskLeft', entityType: 'user', entityId: session.user.id, summary: { offer: offerId } }, session.user.id);
  return sessionState(desk);
}
