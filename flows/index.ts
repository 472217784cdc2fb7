/** Every conversation flow the bot can run, by id. */
import type { Flow } from '../src/engine/types';
import type { MessageKey } from '../src/i18n';
import { requestHelpFlow } from './requestHelp';
import { eligibilityFlow } from './eligibility';
import { bookingFlow } from './booking';

export const flows: Record<string, Flow<any>> = {
  [requestHelpFlow.id]: requestHelpFlow,
  [eligibilityFlow.id]: eligibilityFlow,
  [bookingFlow.id]: bookingFlow,
};

/** The menu name of each flow (for "you were in the middle of …"). */
export const flowTitles: Record<string, MessageKey> = {
  requestHelp: 'menu.requestHelp',
  eligibility: 'menu.checkEligibility',
  booking: 'menu.bookVisit',
};

/** What the bot says before a flow's first question. */
export const flowIntros: Record<string, MessageKey> = {
  requestHelp: 'help.start',
  eligibility: 'elig.start',
};
