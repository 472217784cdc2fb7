/**
 * What each flow does when the citizen confirms (its submit action), by flow id. A flow without an action
 * here cannot finish. Each action stores its result once per `state.key` and says what happened.
 */
import type { FlowState, Say } from '../engine/types';
import type { Locale } from '../i18n';
import { submitHelpRequest } from './helpRequests';
import { finishEligibility } from './eligibility';
import { submitBooking } from './bookings';

export interface ActionCitizen {
  lineUserId: string;
  displayName?: string;
  locale: Locale;
  now: Date;
}

export interface ActionResult {
  says: Say[];
  /** The reference of what was stored, if anything (a second ยืนยัน is then answered with it). */
  reference?: string;
  /** Another flow to start right away, with these answers carried over (e.g. eligibility → booking). */
  then?: { flow: string; prefill: Record<string, unknown> };
}

export type FlowAction = (state: FlowState, who: ActionCitizen) => Promise<ActionResult>;

export const flowActions: Record<string, FlowAction> = {
  requestHelp: submitHelpRequest,
  eligibility: finishEligibility,
  booking: submitBooking,
};
