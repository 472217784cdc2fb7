/**
 * The conversation record: who the citizen is (profile, follow state) and every message they sent, including
 * stickers, media and locations. Image content is fetched from LINE's data API and kept.
 * What is known of a citizen is remembered between their messages, so a message costs no citizen read or write
 * unless the profile is stale, the follow state changes, or `lastMessageAt` is a minute behind.
 */
import type { webhook } from '@line/bot-sdk';
import type { LineClient } from '../line/client';
import type { Logger } from '../log';
import { Citizen } from '../db/models/citizen';
import { ConversationMessage, writeConversation } from '../db/models/conversationMessage';
import { MessageContent } from '../db/models/messageContent';
import { withdrawUnsentMessage } from './unsend';

const PROFILE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** `lastMessageAt` is kept to within this (one write per user per minute, not one per message). */
const LAST_MESSAGE_GRANULARITY_MS = 60_000;
/** Citizens remembered in memory (the most recently seen). */
const KNOWN_MAX = 10_000;

/** What this process knows of a citizen since it last wrote their document. */
interface Known {
  info: CitizenInfo;
  profileFetchedAt: number;
  lastMessageAt: number;
}

export interface CitizenInfo {
  lineUserId: string;
  displayName?: string;
  language?: string;
}

export class ConversationRecorder {
  private known = new Map<string, Known>();
  constructor(
    private readonly line: LineClient,
    private readonly log: Logger,
  ) {}

  /**
   * Updates the citizen for this event (follow state, profile when new or stale) and returns what is known of
   * them. Profile lookups are best effort: LINE being down never blocks the conversation. `offline` (standby
   * mode): LINE is not called at all.
   */
  async touchCitizen(event: webhook.Event, opts: { offline?: boolean } = {}): Promise<CitizenInfo | undefined> {
    const userId = event.source?.type === 'user' ? event.source.userId : undefined;
    if (!userId) return undefined;
    const at = new Date(event.timestamp);
    // A message from a citizen this process wrote lately: nothing to write or read (the lane holds it).
    const k = this.known.get(userId);
    if (
      k &&
      (event.type === 'message' || event.type === 'postback') &&
      (opts.offline || Date.now() - k.profileFetchedAt <= PROFILE_MAX_AGE_MS) &&
      at.getTime() >= k.lastMessageAt &&
      at.getTime() - k.lastMessageAt < LAST_MESSAGE_GRANULARITY_MS
    ) {
      return k.info;
    }
    const set: Record<string, unknown> = {};
    if (event.type === 'follow') Object.assign(set, { following: true, followedAt: at });
    if (event.type === 'unfollow') Object.assign(set, { following: false, unfollowedAt: at });
    if (event.type === 'message' || event.type === 'postback') set.lastMessageAt = at;
    let citizen = await Citizen.findOneAndUpdate(
      { lineUserId: userId },
      { $set: set, $setOnInsert: { lineUserId: userId } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const stale = !citizen.profileFetchedAt || Date.now() - citizen.profileFetchedAt.getTime() > PROFILE_MAX_AGE_MS;
    if (!opts.offline && event.type !== 'unfollow' && (stale || event.type === 'follow')) {
      try {
        const p = await this.line.getProfile(userId);
        citizen =
          (await Citizen.findOneAndUpdate(
            { lineUserId: userId },
            { $set: { displayName: p.displayName, language: p.language, pictureUrl: p.pictureUrl, profileFetchedAt: new Date() } },
            { returnDocument: 'after' },
          ).lean()) ?? citizen;
      } catch (err) {
        this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'profile lookup failed; continuing without it');
      }
    }
    const info = { lineUserId: userId, displayName: citizen.displayName ?? undefined, language: citizen.language ?? undefined };
    this.remember(userId, {
      info,
      profileFetchedAt: citizen.profileFetchedAt?.getTime() ?? 0,
      lastMessageAt: citizen.lastMessageAt?.getTime() ?? -Infinity,
    });
    return info;
  }

  private remember(userId: string, k: Known): void {
    this.known.delete(userId);
    this.known.set(userId, k);
    if (this.known.size > KNOWN_MAX) this.known.delete(this.known.keys().next().value!);
  }

  /**
   * Records an incoming message or postback once (idempotent on the webhook event id): `new` when this call
   * recorded it, `again` when it was recorded before (the event is being processed again), `none` for events
   * that are not recorded. `offline` (standby mode): no content is fetched from LINE and no read token is kept,
   * so nothing about this message ever reaches LINE.
   */
  async recordIncoming(event: webhook.Event, opts: { offline?: boolean } = {}): Promise<'new' | 'again' | 'none'> {
    const userId = event.source?.type === 'user' ? event.source.userId : undefined;
    if (userId && event.type === 'unsend' && typeof event.unsend?.messageId === 'string') {
      await withdrawUnsentMessage(userId, event.unsend.messageId, new Date(event.timestamp));
      return 'none';
    }
    if (!userId || (event.type !== 'message' && event.type !== 'postback')) return 'none';
    const fields: Record<string, unknown> = {
      lineUserId: userId,
      direction: 'in',
      at: new Date(event.timestamp),
      webhookEventId: event.webhookEventId,
      deliveryStatus: 'received',
    };
    if (event.type === 'postback') {
      const params = event.postback.params as { date?: string; datetime?: string; time?: string } | undefined;
      const label = await this.tappedLabel(userId, event.postback.data);
      const picked = params?.date ?? params?.datetime ?? params?.time;
      // Staff read the words the citizen tapped (as LINE showed them in the chat), never the postback code.
      const text = label && picked ? `${label}: ${picked}` : (label ?? picked);
      Object.assign(fields, {
        type: 'postback',
        postbackData: event.postback.data,
        payload: event.postback.params ?? null,
        ...(text ? { text } : {}),
      });
    } else {
      const m = event.message;
      Object.assign(fields, { type: m.type, lineMessageId: m.id });
      if (!opts.offline && 'markAsReadToken' in m && m.markAsReadToken) fields.markAsReadToken = m.markAsReadToken;
      switch (m.type) {
        case 'text':
          fields.text = m.text;
          break;
        case 'sticker':
          fields.payload = { packageId: m.packageId, stickerId: m.stickerId, keywords: m.keywords };
          break;
        case 'location':
          fields.payload = { title: m.title, address: m.address, latitude: m.latitude, longitude: m.longitude };
          break;
        case 'file':
          fields.payload = { fileName: m.fileName, fileSize: m.fileSize };
          break;
        case 'image':
        case 'video':
        case 'audio':
          fields.payload = { contentProvider: m.contentProvider, duration: 'duration' in m ? m.duration : undefined };
          break;
        default:
          fields.payload = m;
      }
      if (!opts.offline && m.type === 'image' && m.contentProvider?.type !== 'external') {
        fields.contentId = await this.keepContent(m.id, userId);
      }
    }
    // Recorded with the other lanes' messages of the moment (one bulk upsert); the fields are built above with the
    // schema's types.
    const [inserted] = await writeConversation([
      { updateOne: { filter: { webhookEventId: event.webhookEventId }, update: { $setOnInsert: fields }, upsert: true } },
    ]);
    return inserted ? 'new' : 'again';
  }

  /**
   * The label of the button or chip that sent this postback: found in the bot's recent messages to this citizen
   * (the `displayText` LINE showed in the chat, else the label). Undefined when no recent message offered it.
   */
  private async tappedLabel(lineUserId: string, data: string): Promise<string | undefined> {
    const recent = await ConversationMessage.find({ lineUserId, direction: 'out' }, { payload: 1 }).sort({ at: -1, _id: -1 }).limit(20).lean();
    for (const m of recent) {
      const action = findAction(m.payload, data);
      if (action) return action.displayText ?? action.label;
    }
    return undefined;
  }

  /** Fetches a message's binary content once and stores it; returns its id (undefined if LINE could not give it). */
  private async keepContent(lineMessageId: string, lineUserId: string) {
    const existing = await MessageContent.findOne({ lineMessageId }, { _id: 1 }).lean();
    if (existing) return existing._id;
    try {
      const { data, contentType } = await this.line.getContent(lineMessageId);
      const doc = await MessageContent.create({ lineMessageId, lineUserId, contentType, size: data.length, data });
      return doc._id;
    } catch (err) {
      this.log.warn({ lineMessageId, err: err instanceof Error ? err.message : String(err) }, 'could not fetch message content');
      return undefined;
    }
  }
}

/** The postback action carrying `data` anywhere in a LINE message (quick-reply chips, Flex buttons). */
function findAction(node: unknown, data: string): { label?: string; displayText?: string } | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if ('data' in node && node.data === data && ('label' in node || 'displayText' in node)) {
    const a = node as { label?: unknown; displayText?: unknown };
    return { label: typeof a.label === 'string' ? a.label : undefined, displayText: typeof a.displayText === 'string' ? a.displayText : undefined };
  }
  for (const v of Object.values(node)) {
    const found = findAction(v, data);
    if (found) return found;
  }
  return undefined;
}
