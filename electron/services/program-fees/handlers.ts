import type { programFeesCalls } from '../../api/program-fees';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { receiptPdf } from './receipt';
import { decideWaiver, enrolmentFees, recordPayment, requestWaiver, voidPayment } from './service';

export function programFeesHandlers(deps: ServiceDependencies): AreaHandlers<typeof programFeesCalls> {
  const { db } = deps;
  return {
    'programFees.ofEnrolment': (input) => enrolmentFees(db, input.enrolmentId),
    'programFees.requestWaiver': (input, context) => requestWaiver(db, input, context),
    'programFees.decideWaiver': (input, context) => decideWaiver(db, input, context),
    'programFees.recordPayment': (input, context) => recordPayment(db, input, context),
    'programFees.voidPayment': (input, context) => voidPayment(db, input, context),
    'programFees.receipt': (input, context) => receiptPdf(deps, input, context),
  };
}
