/**
 * A citizen's conversation as staff see it: the transcript (what they sent, what the bot and staff sent), the
 * open "talk to staff" handoff, answering from the console, closing the handoff, and marking the citizen's
 * messages read in LINE when staff open the conversation.
 */
import { randomUUID } from 'node:crypto';
import { isValidObjectId } from 'mongoose';
import type { LineClient } from '../line/client';
import type { Logger } from '../log';
import type { Outbox } from '../outbox/outbox';
import { ConversationMessage } from '../db/models/conversationMessage';
import { Citizen } from '../db/models/citizen';
import { Handoff } from '../db/models/handoff';
import { StaffUser } from '../db/models/staffUser';
import { HelpRequest } from '../db/models/helpRequest';
import { mongoHandoffs } from '../bot/stores/mongo';
import { backToBot } from '../bot/handoff';
import { withMenu } from '../bot/says';
import { speak } from '../bot/speak';
import { text as textMessage } from '../line/messages';
import { t } from '../i18n';
import { citizenTarget, sendToCitizen, type DeliveryState } from './notify';
import type { StaffPrincipal } from './permissions';

/** At most this many messages of a transcript are sent to the console (the newest). */
export const TRANSCRIPT_LIMIT = 500;

export interface TranscriptEntry {
  id: string;
  at: Date;
  direction: 'in' | 'out';
  type: string;
  text?: string;
  /** 'citizen', 'bot' or 'staff'. */
  from: 'citizen' | 'bot' | 'staff';
  staffName?: string;
  deliveryStatus?: string;
  /** For photos the citizen sent: where the console fetches it. */
  contentUrl?: string;
  location?: { title?: string; address?: string; latitude?: number; longitude?: number };
  read?: boolean;
  /** The citizen unsent it: nothing of it is shown. */
  withdrawn?: boolean;
}

/** The newest messages of a citizen's conversation, oldest first. */
export async function transcriptOf(lineUserId: string, limit = TRANSCRIPT_LIMIT): Promise<TranscriptEntry[]> {
  const rows = await ConversationMessage.find({ lineUserId }).sort({ at: -1, _id: -1 }).limit(limit).lean();
  rows.reverse();
  const staffIds = [...new Set(rows.map((r) => r.sender).filter((s): s is string => !!s && s !== 'bot' && isValidObjectId(s)))];
  const names = new Map((await StaffUser.find({ _id: { $in: staffIds } }, { displayName: 1 }).lean()).map((u) => [u._id.toString(), u.displayName]));
  return rows.map((r) => {
    const payload = (r.payload ?? {}) as Record<string, unknown>;
    const from = r.direction === 'in' ? 'citizen' : !r.sender || r.sender === 'bot' ? 'bot' : 'staff';
    const e: TranscriptEntry = {
      id: r._id.toString(),
      at: r.at,
      direction: r.direction,
      type: r.type,
      from,
      text: r.text ?? undefined,
      deliveryStatus: r.deliveryStatus ?? undefined,
    };
    if (from === 'staff') e.staffName = names.get(r.sender!) ?? 'เจ้าหน้าที่';
    if (r.type === 'postback') e.text = r.text ? `[กดปุ่ม] ${r.text}` : '[กดปุ่ม]'; // the label tapped, never the postback code
    if (r.type === 'sticker') e.text = '[สติกเกอร์]';
    if (r.type === 'image' && r.direction === 'in') e.contentUrl = r.contentId ? `/admin/api/content/${r.contentId.toString()}` : undefined;
    if (r.type === 'location') e.location = payload as TranscriptEntry['location'];
    if (r.type === 'follow') e.text = '[เพิ่มเพื่อน]';
    if (r.direction === 'in') e.read = !!r.readAt;
    if (r.withdrawnAt) Object.assign(e, { text: '[ผู้ติดต่อยกเลิกข้อความนี้]', withdrawn: true, contentUrl: undefined, location: undefined });
    return e;
  });
}

/**
 * Marks the citizen's messages read in LINE (the newest unread message's `markAsReadToken` marks all before it),
 * then records it. Best effort: LINE refusing (chat mode off) never stops staff reading.
 */
export async function markConversationRead(line: LineClient, log: Logger, lineUserId: string): Promise<boolean> {
  const newest = await ConversationMessage.findOne({ lineUserId, direction: 'in', readAt: null, markAsReadToken: { $exists: true, $ne: null } })
    .sort({ at: -1 })
    .lean();
  const token = newest?.markAsReadToken;
  if (!newest || !token) return false;
  try {
    await line.markAsRead(token);
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'mark as read failed');
    return false;
  }
  await ConversationMessage.updateMany({ lineUserId, direction: 'in', readAt: null, at: { $lte: newest.at } }, { $set: { readAt: new Date() } });
  return true;
}

/** The open handoff of a citizen, if any. */
export async function openHandoffOf(lineUserId: string) {
  return Handoff.findOne({ lineUserId, status: 'open' }).sort({ openedAt: -1 }).lean();
}

export interface ChatDeps {
  outbox: Outbox;
  line: LineClient;
  log: Logger;
}

/**
 * A staff member's answer to a citizen: pushed through the outbox, recorded with the staff member as sender.
 * If no handoff is open, one is opened so the bot does not answer over staff while the citizen replies; the
 * citizen is told once how to go back to the bot. `clientId` makes a double submit send once.
 */
export async function replyToCitizen(
  deps: ChatDeps,
  staff: StaffPrincipal,
  lineUserId: string,
  body: string,
  clientId: string = randomUUID(),
): Promise<{ delivery: DeliveryState; handoffOpened: boolean }> {
  const target = await citizenTarget(lineUserId);
  const source = `staff:reply:${staff.id}:${clientId}`;
  let handoffOpened = false;
  if (!(await openHandoffOf(lineUserId))) {
    await Handoff.create({ lineUserId, openedAt: new Date() });
    handoffOpened = true;
  }
  const messages = [textMessage(t(target.locale, 'staffmsg.reply', { name: staff.displayName, text: body.trim() }))];
  if (handoffOpened)
    messages.push(...speak([{ kind: 'text', text: { key: 'staffmsg.replyChatOpen' }, choices: [backToBot] }], { locale: target.locale }));
  const delivery = await sendToCitizen(deps.outbox, lineUserId, source, messages, staff.id);
  return { delivery, handoffOpened };
}

/**
 * Closes a citizen's open handoff (console or staff-group command) and tells the citizen, with the menu.
 * Returns false when none was open.
 */
export async function closeChat(deps: ChatDeps, lineUserId: string, closedBy: string): Promise<{ closed: boolean; delivery?: DeliveryState }> {
  const open = await openHandoffOf(lineUserId);
  if (!open) return { closed: false };
  const closed = await mongoHandoffs.close(lineUserId, 'staff', new Date(), closedBy);
  if (!closed) return { closed: false };
  const c = await Citizen.findOne({ lineUserId }).lean();
  if (c?.following === false) return { closed: true };
  const { locale } = await citizenTarget(lineUserId);
  const messages = speak([withMenu('staff.closed', locale)], { locale });
  const delivery = await sendToCitizen(deps.outbox, lineUserId, `staff:handoff-closed:${open._id.toString()}`, messages, closedBy);
  return { closed: true, delivery };
}

export interface OpenChat {
  lineUserId: string;
  displayName?: string;
  openedAt: Date;
  lastMessageAt?: Date;
  lastText?: string;
  unread: number;
  references: string[];
}

/** Open handoffs, oldest first, with the citizen's last message and unread count. */
export async function openChats(limit = 100): Promise<OpenChat[]> {
  const hs = await Handoff.find({ status: 'open' }).sort({ openedAt: 1 }).limit(limit).lean();
  const out: OpenChat[] = [];
  for (const h of hs) {
    const [c, last, unread, reqs] = await Promise.all([
      Citizen.findOne({ lineUserId: h.lineUserId }, { displayName: 1 }).lean(),
      ConversationMessage.findOne({ lineUserId: h.lineUserId, direction: 'in' }).sort({ at: -1 }).lean(),
      ConversationMessage.countDocuments({ lineUserId: h.lineUserId, direction: 'in', readAt: null, at: { $gte: h.openedAt } }),
      HelpRequest.find({ lineUserId: h.lineUserId }, { reference: 1 }).sort({ createdAt: -1 }).limit(3).lean(),
    ]);
    out.push({
      lineUserId: h.lineUserId,
      displayName: c?.displayName ?? undefined,
      openedAt: h.openedAt,
      lastMessageAt: last?.at,
      lastText: last?.withdrawnAt ? '[ยกเลิกข้อความ]' : (last?.text ?? (last ? `[${last.type}]` : undefined)),
      unread,
      references: reqs.map((r) => r.reference),
    });
  }
  return out;
}
