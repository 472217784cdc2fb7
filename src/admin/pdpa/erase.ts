/**
 * Erasing one citizen on their request (PDPA §33), from the console: everything personal about them goes (see
 * anonymise.ts for what the law makes the centre keep, under a pseudonym), their conversation with the bot
 * starts afresh, and the audit log keeps who did it, why, and which records were affected.
 */
import { Citizen } from '../../db/models/citizen';
import { ConversationMessage } from '../../db/models/conversationMessage';
import { MessageContent } from '../../db/models/messageContent';
import { Session } from '../../db/models/session';
import { Handoff } from '../../db/models/handoff';
import { OutgoingMessage } from '../../db/models/outgoingMessage';
import { InboxEvent } from '../../db/models/inboxEvent';
import { HelpRequest } from '../../db/models/helpRequest';
import { Booking } from '../../db/models/booking';
import { StaffAlert } from '../../db/models/staffAlert';
import type { StaffPrincipal } from '../permissions';
import { anonymiseAlerts, anonymiseBookings, anonymiseConsents, anonymiseRequests, newPseudonym } from './anonymise';
import { whileLaneHeld, type LaneHoldOptions } from '../../inbox/laneHold';

export interface ErasurePlan {
  lineUserId: string;
  requests: string[];
  bookings: string[];
  messages: number;
  photos: number;
}

/** What an erasure of this citizen would touch (for the audit entry written before it), or null if nothing is held. */
export async function erasurePlan(lineUserId: string): Promise<ErasurePlan | null> {
  const [citizen, requests, bookings, messages, photos] = await Promise.all([
    Citizen.exists({ lineUserId }),
    HelpRequest.find({ lineUserId }, { reference: 1 }).lean(),
    Booking.find({ lineUserId }, { reference: 1 }).lean(),
    ConversationMessage.countDocuments({ lineUserId }),
    MessageContent.countDocuments({ lineUserId }),
  ]);
  if (!citizen && !requests.length && !bookings.length && !messages) return null;
  return { lineUserId, requests: requests.map((r) => r.reference), bookings: bookings.map((b) => b.reference), messages, photos };
}

export interface ErasureResult {
  requests: number;
  bookings: number;
  cancelledBookings: number;
  messages: number;
  photos: number;
  consents: number;
  alerts: number;
}

/**
 * Erases the citizen. Idempotent (a second run finds nothing left). A message still waiting in the outbox is
 * left to be delivered (it is in flight); everything already sent or given up is removed. The citizen's lane is
 * held meanwhile (no turn of theirs runs at the same time: one under way is waited for, `LaneBusyError` if it
 * lasts; their messages that arrive meanwhile are processed after, as a new conversation).
 */
export async function eraseCitizen(
  lineUserId: string,
  staff: Pick<StaffPrincipal, 'id'>,
  opts: {
    at?: Date;
    hold?: LaneHoldOptions;
    /** Runs once the lane is held, before anything is erased (the audit entry). */ first?: () => Promise<void>;
  } = {},
): Promise<ErasureResult> {
  return whileLaneHeld(
    lineUserId,
    `erasure:${staff.id}`,
    async () => {
      await opts.first?.();
      return erase(lineUserId, staff, opts.at ?? new Date());
    },
    opts.hold,
  );
}

async function erase(lineUserId: string, staff: Pick<StaffPrincipal, 'id'>, at: Date): Promise<ErasureResult> {
  const pseudonym = newPseudonym('erased');
  const by = `erasure:${staff.id}`;
  // Open PDPA requests of this person are done by this erasure.
  await StaffAlert.updateMany(
    { lineUserId, kind: 'pdpa_request', acknowledgedAt: null },
    { $set: { acknowledgedAt: at, acknowledgedBy: { id: staff.id, name: 'erasure' } } },
  );
  const requests = await anonymiseRequests({ lineUserId }, () => pseudonym, by, at);
  const bookings = await anonymiseBookings({ lineUserId }, () => pseudonym, by, at);
  const consents = await anonymiseConsents(lineUserId, pseudonym);
  const alerts = await anonymiseAlerts({ lineUserId }, () => pseudonym);
  const messages = await ConversationMessage.deleteMany({ lineUserId });
  const photos = await MessageContent.deleteMany({ lineUserId });
  await Promise.all([
    Session.deleteMany({ lineUserId }),
    Handoff.deleteMany({ lineUserId }),
    OutgoingMessage.deleteMany({ to: lineUserId, status: { $ne: 'pending' } }),
    InboxEvent.deleteMany({ lane: lineUserId, status: { $ne: 'pending' } }),
    Citizen.deleteMany({ lineUserId }),
  ]);
  return {
    requests: requests.length,
    bookings: bookings.references.length,
    cancelledBookings: bookings.cancelled,
    messages: messages.deletedCount,
    photos: photos.deletedCount,
    consents,
    alerts,
  };
}
