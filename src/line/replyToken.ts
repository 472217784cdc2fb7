/**
 * When an event's reply token started to age. LINE issues the token with the event, so its life counts from the
 * event's `timestamp`, not from when the event reached us: an event that waited (in LINE's redelivery, behind a
 * slow acknowledgement, in a backlog) arrives with part of its token's minute already gone, and a reply with a
 * token LINE has let expire is a wasted call before the push. A timestamp later than our receipt (LINE's clock
 * ahead of ours) or none at all: the receipt time. A clock of ours ahead of LINE's makes tokens look older than
 * they are, so a push comes a little earlier than needed; NTP keeps that to well under a second.
 */
import type { webhook } from '@line/bot-sdk';

export function replyTokenSince(event: webhook.Event, receivedAt: Date): Date {
  const at = (event as { timestamp?: unknown }).timestamp;
  return typeof at === 'number' && Number.isFinite(at) && at < receivedAt.getTime() ? new Date(at) : receivedAt;
}
