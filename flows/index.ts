/**
 * Every conversation flow the bot can run, by id: each sealed with `runnable` (src/engine/registry.ts) so the
 * bot runs any of them on stored state without knowing its answers' type, and without a cast.
 */
import { runnable, type RunnableFlow } from '../src/engine/registry';
import type { MessageKey } from '../src/i18n';
import type { Say } from '../src/engine/types';
import { outsideOpening } from './places';
import { requestHelpFlow } from './requestHelp';
import { eligibilityFlow } from './eligibility';
import { bookingFlow, type BookingServices } from './booking';

/** What the flows need from outside each turn, all together (each flow declares its part). */
export type FlowServices = BookingServices;

export const FLOW_IDS = ['requestHelp', 'eligibility', 'booking'] as const;
export type FlowId = (typeof FLOW_IDS)[number];

const registry: Readonly<Record<FlowId, RunnableFlow<FlowServices>>> = {
  requestHelp: runnable(requestHelpFlow),
  eligibility: runnable(eligibilityFlow),
  booking: runnable(bookingFlow),
};

/** The flows by id; a stored id that is no flow (any more) finds nothing. */
export const flows: Readonly<Record<string, RunnableFlow<FlowServices>>> = registry;

/** The menu name of each flow (for "you were in the middle of …"). */
export const flowTitles: Readonly<Record<string, MessageKey>> = {
  requestHelp: 'menu.requestHelp',
  eligibility: 'menu.checkEligibility',
  booking: 'menu.bookVisit',
} satisfies Record<FlowId, MessageKey>;

/** What the bot says before a flow's first question. */
export const flowIntros: Readonly<Record<string, MessageKey>> = {
  requestHelp: 'help.start',
  eligibility: 'elig.start',
} satisfies Partial<Record<FlowId, MessageKey>>;

/** What the bot says after the intro when the opening message already answered something worth a word (someone outside the area). */
export const flowOpenings: Readonly<Record<string, (data: object) => Say[]>> = {
  requestHelp: outsideOpening,
} satisfies Partial<Record<FlowId, (data: object) => Say[]>>;
