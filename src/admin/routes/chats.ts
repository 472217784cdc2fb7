/** Citizens' conversations: open "talk to staff" chats, a citizen's page, answering, closing, photos. */
import { isValidObjectId } from 'mongoose';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { Citizen } from '../../db/models/citizen';
import { HelpRequest } from '../../db/models/helpRequest';
import { MessageContent } from '../../db/models/messageContent';
import { closeChat, markConversationRead, openChats, openHandoffOf, replyToCitizen, transcriptOf } from '../chats';
import { conflict, notFound } from '../httpError';
import { userIdOf } from './params';
import { label } from '../cases';
import { replyBody } from './requests';

export function chatRoutes(deps: StaffDeps): RouteDef[] {
  const chatDeps = { outbox: deps.outbox, line: deps.line, log: deps.log };
  return [
    route({
      method: 'get',
      path: '/chats',
      allow: 'chats:read',
      async handle({ audit }) {
        const chats = await openChats();
        await audit({ action: 'view_citizen', targetKind: 'citizen', detail: { view: 'open_chats', count: chats.length } });
        return { chats };
      },
    }),
    route({
      method: 'get',
      path: '/chats/:userId',
      allow: 'chats:read',
      async handle({ params, audit }) {
        const lineUserId = userIdOf(params);
        const c = await Citizen.findOne({ lineUserId }).lean();
        if (!c) throw notFound('ไม่พบผู้ติดต่อรายนี้');
        await audit({ action: 'view_transcript', targetKind: 'citizen', targetId: lineUserId });
        const [handoff, requests, markedRead] = await Promise.all([
          openHandoffOf(lineUserId),
          HelpRequest.find({ lineUserId }, { reference: 1, status: 1, category: 1, urgent: 1, createdAt: 1 })
            .sort({ createdAt: -1 })
            .limit(20)
            .lean(),
          markConversationRead(deps.line, deps.log, lineUserId),
        ]);
        return {
          citizen: { lineUserId, displayName: c.displayName ?? undefined, following: c.following ?? true, language: c.language ?? undefined },
          chat: { open: !!handoff, openedAt: handoff?.openedAt },
          requests: requests.map((r) => ({
            reference: r.reference,
            status: r.status,
            statusLabel: label('status', r.status),
            categoryLabel: label('help.category', r.category),
            urgent: !!r.urgent,
            createdAt: r.createdAt,
          })),
          transcript: await transcriptOf(lineUserId),
          markedRead,
        };
      },
    }),
    route({
      method: 'post',
      path: '/chats/:userId/reply',
      allow: 'chats:reply',
      body: replyBody,
      async handle({ params, body, staff, audit }) {
        const lineUserId = userIdOf(params);
        const out = await replyToCitizen(chatDeps, staff, lineUserId, body.text, body.clientId);
        await audit({ action: 'reply', targetKind: 'citizen', targetId: lineUserId });
        return out;
      },
    }),
    route({
      method: 'post',
      path: '/chats/:userId/close',
      allow: 'chats:reply',
      async handle({ params, staff, audit }) {
        const lineUserId = userIdOf(params);
        const r = await closeChat(chatDeps, lineUserId, staff.id);
        if (!r.closed) throw conflict('not_open', 'แชทนี้ไม่ได้เปิดอยู่ บอทตอบอัตโนมัติอยู่แล้ว');
        await audit({ action: 'close_handoff', targetKind: 'citizen', targetId: lineUserId });
        return r;
      },
    }),
    route({
      method: 'get',
      path: '/content/:id',
      allow: 'requests:read',
      async handle({ params, res, staff, can, audit }) {
        if (!isValidObjectId(params.id)) throw notFound();
        const c = await MessageContent.findById(params.id).lean();
        if (!c) throw notFound();
        if (!can('chats:read')) {
          // A volunteer sees a photo only when it belongs to a request they may see.
          const r = await HelpRequest.findOne({ photoMessageIds: c.lineMessageId }).lean();
          const mine = r && (r.assignedTo === staff.id || (!!r.village && staff.villages.includes(r.village)));
          if (!mine) throw notFound();
        }
        await audit({ action: 'view_photo', targetKind: 'content', targetId: String(params.id) });
        const type = c.contentType && /^image\/(jpeg|png|gif|webp)$/.test(c.contentType) ? c.contentType : 'application/octet-stream';
        res.setHeader('content-type', type);
        res.setHeader('cache-control', 'private, no-store');
        res.setHeader('content-disposition', 'inline');
        const data = c.data as unknown;
        res.send(Buffer.isBuffer(data) ? data : Buffer.from((data as { buffer: Uint8Array }).buffer));
        return undefined;
      },
    }),
  ];
}
