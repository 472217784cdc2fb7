/**
 * LINE's "unsend": a citizen took back a message. LINE asks services to stop showing it, so its words, its
 * place or sticker and its photo are removed wherever this service kept them — the conversation record (the
 * row stays, marked withdrawn, so the transcript reads true), the photo's stored content, the raw webhook event
 * in the inbox, a danger alert's quoted excerpt, and what a filed help request took from it (the words in its
 * details or among the citizen's own words, the photo among its photos). Idempotent: an unsend processed twice
 * removes nothing more.
 */
import { ConversationMessage } from '../db/models/conversationMessage';
import { MessageContent } from '../db/models/messageContent';
import { InboxEvent } from '../db/models/inboxEvent';
import { StaffAlert } from '../db/models/staffAlert';
import { HelpRequest } from '../db/models/helpRequest';
import { escapeRegExp } from '../domain/escapeRegExp';

/** Removes what the citizen sent in message `lineMessageId`; true when a recorded message was withdrawn now. */
export async function withdrawUnsentMessage(lineUserId: string, lineMessageId: string, at: Date): Promise<boolean> {
  const row = await ConversationMessage.findOneAndUpdate(
    { lineUserId, lineMessageId, direction: 'in' },
    { $set: { withdrawnAt: at }, $unset: { text: 1, payload: 1, contentId: 1 } },
  ).lean();
  await MessageContent.deleteMany({ lineUserId, lineMessageId });
  await InboxEvent.updateMany(
    { lane: lineUserId, 'event.message.id': lineMessageId },
    {
      $unset: {
        'event.message.text': 1,
        'event.message.emojis': 1,
        'event.message.mention': 1,
        'event.message.address': 1,
        'event.message.title': 1,
        'event.message.latitude': 1,
        'event.message.longitude': 1,
        'event.message.keywords': 1,
      },
    },
  );
  // A danger alert quotes the start of the message that raised it (also when the citizen's answer to the gentle
  // question raised it later): the alert stays, its quote goes.
  if (row?.text) await StaffAlert.updateMany({ lineUserId, excerpt: row.text.slice(0, 300) }, { $unset: { excerpt: 1 } });
  await withdrawFromRequests(lineUserId, lineMessageId, row?.text?.trim());
  return !!row && !row.withdrawnAt;
}

/** Takes the unsent words (or photo) out of the citizen's filed help requests; the rest of each request stays. */
async function withdrawFromRequests(lineUserId: string, lineMessageId: string, text: string | undefined): Promise<void> {
  await HelpRequest.updateMany({ lineUserId, photoMessageIds: lineMessageId }, { $pull: { photoMessageIds: lineMessageId } });
  if (!text) return;
  const requests = await HelpRequest.find(
    { lineUserId, $or: [{ details: { $regex: escapeRegExp(text) } }, { 'ownWords.words': text }] },
    { details: 1 },
  ).lean();
  for (const r of requests) {
    const details = r.details
      ?.split(text)
      .map((part) => part.trim())
      .filter(Boolean)
      .join('\n');
    await HelpRequest.updateOne(
      { _id: r._id },
      { $pull: { ownWords: { words: text } }, ...(details ? { $set: { details } } : { $unset: { details: 1 } }) },
    );
  }
}
