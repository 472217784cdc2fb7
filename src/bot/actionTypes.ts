/**
 * The shape of a flow's submit action (what happens when the citizen confirms), apart from the actions
 * themselves so that they and the registry (actions.ts) import this and not each other.
 */
import type { FlowState, Say } from '../engine/types';
import type { Locale } from '../i18n';
import type { BotStores } from './stores/types';

/** Who confirmed, and when. */
export interface ActionCitizen {
  lineUserId: string;
  displayName?: string;
  locale: Locale;
  now: Date;
  /** The staff group fixed by configuration, if any (to say truthfully whether staff will see something). */
  staffGroupId?: string;
}

export interface ActionResult {
  says: Say[];
  /** The reference of what was stored, if anything (a second ยืนยัน is then answered with it). */
  reference?: string;
  /** Another flow to start right away, with these answers carried over (e.g. eligibility → booking). */
  then?: {
    flow: string;
    prefill: Record<string, unknown>;
    /** Own words carried into the next flow, by its step. */ unconfirmed?: Record<string, string>;
  };
}

export type FlowAction = (state: FlowState, who: ActionCitizen, stores: BotStores) => Promise<ActionResult>;
