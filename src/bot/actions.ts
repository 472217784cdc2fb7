/**
 * What each flow does when the citizen confirms (its submit action), by flow id: the one place the registry
 * is built. A flow without an action here cannot finish. Each action stores its result once per `state.key`
 * and says what happened.
 */
import type { FlowAction } from './actionTypes';
import { submitHelpRequest } from './helpRequests';
import { finishEligibility } from './eligibility';
import { submitBooking } from './bookings';

export type { ActionCitizen, ActionResult, FlowAction } from './actionTypes';

export const flowActions: Readonly<Record<string, FlowAction>> = {
  requestHelp: submitHelpRequest,
  eligibility: finishEligibility,
  booking: submitBooking,
};
