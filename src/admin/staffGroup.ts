/**
 * The staff LINE group. No group becomes the staff group by adding the bot: an admin pairs one by typing a code
 * from the console in it (groupPairing.ts), or STAFF_GROUP_ID pins it. Other groups get a polite answer when they
 * add the bot or mention it, and nothing else: no data, no alerts, no commands. The bot leaving or being removed
 * from the paired group unpairs it. In the staff group, staff type short commands:
 *   ปิด <รหัส>   /close <รหัส>   close a citizen's "talk to staff" chat (รหัส: the 6-character code in the alert,
 *                               a request reference such as CS-2569-00012, or the LINE user id); the citizen is told
 *   /id                         shows the group's id (to set STAFF_GROUP_ID)
 *   คำสั่ง  /help               lists the commands
 * Anything else staff write to each other is ignored. The bot's dispatcher (src/bot/dispatch.ts) calls this for
 * every group and room event; it returns what to say there, which the pipeline renders.
 */
import type { webhook } from '@line/bot-sdk';
import type { BotInput } from '../bot/pipeline';
import type { GroupHandler } from '../bot/dispatch';
import type { Say } from '../engine/types';
import type { Logger } from '../log';
import { Handoff } from '../db/models/handoff';
import { HelpRequest } from '../db/models/helpRequest';
import { parseReference } from '../domain/reference';
import { toArabicDigits } from '../domain/thai/digits';
import { t } from '../i18n';
import { closeChat, type ChatDeps } from './chats';
import { chatCode } from './alerts';
import { hasPendingCode, isPairedGroup, pairingCodeIn, redeemPairingCode, unpairGroup } from './groupPairing';
import { escapeRegExp } from '../domain/escapeRegExp';

export interface StaffGroupDeps extends ChatDeps {
  configuredGroupId?: string;
  log: Logger;
  /** Called when a group is paired (so waiting alerts go out). */
  onGroupKnown?: () => void;
}

const HELP = [
  'คำสั่งในกลุ่มเจ้าหน้าที่:',
  '• ปิด <รหัส> — ปิดแชทที่ผู้ติดต่อขอคุยกับเจ้าหน้าที่ (รหัส 6 ตัวในแจ้งเตือน หรือเลขคำร้อง เช่น CS-2569-00012) บอทจะแจ้งผู้ติดต่อและกลับมาตอบอัตโนมัติ',
  '• /id — แสดงรหัสกลุ่มนี้',
].join('\n');

function chatIdOf(event: webhook.Event): string | undefined {
  const s = event.source;
  if (s?.type === 'group') return s.groupId;
  if (s?.type === 'room') return s.roomId;
  return undefined;
}

/** True when a text message in a group mentions the bot itself (LINE marks that mentionee `isSelf`). */
function mentionsBot(event: webhook.Event): boolean {
  if (event.type !== 'message' || event.message.type !== 'text') return false;
  return (event.message.mention?.mentionees ?? []).some((m) => m.type === 'user' && (m as webhook.UserMentionee).isSelf === true);
}

/** Finds the citizen a close command means: a request reference, a LINE user id, or the 6-character code. */
async function citizenForCode(code: string): Promise<{ lineUserId?: string; problem?: string }> {
  const ref = parseReference(code);
  if (ref.ok) {
    const r = await HelpRequest.findOne({ reference: ref.text }, { lineUserId: 1 }).lean();
    return r ? { lineUserId: r.lineUserId } : { problem: `ไม่พบคำร้อง ${ref.text}` };
  }
  if (/^U[0-9a-f]{32}$/i.test(code)) return { lineUserId: code };
  if (/^[0-9a-zA-Z_-]{4,12}$/.test(code)) {
    const suffix = escapeRegExp(code);
    const open = await Handoff.find({ status: 'open', lineUserId: { $regex: `${suffix}$` } }, { lineUserId: 1 }).lean();
    const users = [...new Set(open.map((h) => h.lineUserId))];
    if (users.length === 1) return { lineUserId: users[0] };
    if (users.length > 1) return { problem: `รหัส ${code} ตรงกับหลายแชท กรุณาใช้เลขคำร้องหรือปิดจากหน้าเว็บ` };
    return { problem: `ไม่พบแชทที่เปิดอยู่ด้วยรหัส ${code}` };
  }
  return { problem: 'รูปแบบรหัสไม่ถูกต้อง พิมพ์ "คำสั่ง" เพื่อดูวิธีใช้' };
}

/** The handler for group and room events (join, leave, pairing, commands in the staff group). */
export function createStaffGroupHandler(deps: StaffGroupDeps): GroupHandler {
  const notStaff = (): Say[] => [{ kind: 'text', text: { key: deps.configuredGroupId ? 'group.pinned' : 'group.unpaired' } }];
  return async ({ event }: BotInput): Promise<Say[]> => {
    const chatId = chatIdOf(event);
    if (!chatId) return [];
    const paired = await isPairedGroup(chatId, deps.configuredGroupId);
    if (event.type === 'join') {
      if (paired) return [text(`${t('th', 'group.welcome')}\n\n${HELP}`)];
      deps.log.warn('bot added to a group that is not the staff group; it gets no data until paired');
      return notStaff();
    }
    if (event.type === 'leave') {
      if (!deps.configuredGroupId && (await unpairGroup('bot_left', chatId))) {
        deps.log.warn('bot removed from the staff group: unpaired; alerts wait until a group is paired again');
      }
      return [];
    }
    if (event.type !== 'message' || event.message.type !== 'text') return [];
    const input = toArabicDigits(event.message.text).trim();
    const memberId = event.source && 'userId' in event.source ? event.source.userId : undefined;
    const code = deps.configuredGroupId ? undefined : pairingCodeIn(input);
    // In the staff group, six digits are a code only while one is pending (staff may type numbers to each other).
    if (code && (!paired || (await hasPendingCode()))) {
      const r = await redeemPairingCode(chatId, code, memberId);
      if (r !== 'paired') return [{ kind: 'text', text: { key: 'group.pairRefused' } }];
      deps.log.info('staff group paired with a code from the console');
      deps.onGroupKnown?.();
      return [text(`${t('th', 'group.paired')}\n\n${HELP}`)];
    }
    if (!paired) return mentionsBot(event) ? notStaff() : [];
    if (/^\/id$/i.test(input)) return [text(`รหัสกลุ่มนี้: ${chatId}`)];
    if (/^(คำสั่ง|\/help|help)$/i.test(input)) return [text(HELP)];
    const m = /^(?:ปิด|\/close|close)\s+(\S+)\s*$/i.exec(input);
    if (!m) return [];
    const found = await citizenForCode(m[1]!);
    if (!found.lineUserId) return [text(found.problem!)];
    const r = await closeChat(deps, found.lineUserId, `line:${memberId ?? 'group'}`);
    if (!r.closed) return [text(`แชทของรหัส ${chatCode(found.lineUserId)} ไม่ได้เปิดอยู่ (บอทตอบอัตโนมัติอยู่แล้ว)`)];
    return [text(`ปิดแชทรหัส ${chatCode(found.lineUserId)} แล้ว แจ้งผู้ติดต่อแล้ว บอทกลับมาตอบอัตโนมัติค่ะ`)];
  };
}

/** A text said in the staff group as it is (Thai). */
function text(literal: string): Say {
  return { kind: 'text', text: { literal } };
}
