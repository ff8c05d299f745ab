import type { kioskCalls } from '../../api/kiosk';
import type { satisfactionCalls } from '../../api/satisfaction';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { associationNameIn } from '../printing/paper';
import { kioskForm, kioskSubmit } from './kiosk';
import { declineOffer, offerForm, offerQuestionnaire, offersOf, recordByPhone } from './offers';

export function satisfactionHandlers(deps: ServiceDependencies): AreaHandlers<typeof satisfactionCalls> {
  const { db } = deps;
  return {
    'satisfaction.offer': (input, context) => offerQuestionnaire(db, input, context),
    'satisfaction.offersOf': (input) => offersOf(db, input),
    'satisfaction.decline': (input, context) => declineOffer(db, input.offerId, context),
    'satisfaction.recordByPhone': (input, context) => recordByPhone(db, input, context),
    'satisfaction.offerForm': (input) => offerForm(db, input.offerId),
  };
}

/** The kiosk's calls: the only ones the desk answers while the screen is handed over (services/session/kiosk.ts). */
export function kioskHandlers(deps: ServiceDependencies): AreaHandlers<typeof kioskCalls> {
  const { db } = deps;
  return {
    'kiosk.form': (_input, context) => kioskForm(db, associationNameIn(deps.keys.path), context),
    'kiosk.submit': (input, context) => kioskSubmit(db, input, context),
  };
}
