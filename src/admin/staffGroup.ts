/**
 * The staff LINE group. When the bot is added to a group and no staff group is known yet, the group's id is stored
 * (unless STAFF_GROUP_ID fixes it) and alerts go there. Being added to another group later does not move the alerts:
 * that group is kept as a candidate an admin may switch to in the console. In the staff group, staff type short commands:
 *   ปิด <รหัส>   /close <รหัส>   close a citizen's "talk to staff" chat (รหัส: the 6-character code in the alert,
 *                               a request reference such as CS-2569-00012, or the LINE user id); the citizen is told
 *   /id                         shows the group's id (to set STAFF_GROUP_ID)
 *   คำสั่ง  /help               lists the commands
 * Anything else staff write to each other is ignored.
 */
import type { webhook } from '@line/bot-sdk';
import type { BotHandler, BotInput } from '../bot/pipeline';
import type { Logger } from '../log';
import type { LineMessage } from '../line/client';
import { text } from '../line/messages';
import { Handoff } from '../db/models/handoff';
import { HelpRequest } from '../db/models/helpRequest';
import { clearSetting, getSetting, putSetting } from '../db/models/setting';
import { parseReference } from '../domain/reference';
import { toArabicDigits } from '../domain/thai/digits';
import { closeChat, type ChatDeps } from './chats';
import { STAFF_GROUP_CANDIDATE_SETTING, STAFF_GROUP_SETTING, chatCode } from './alerts';

export interface StaffGroupDeps extends ChatDeps {
  configuredGroupId?: string;
  log: Logger;
  /** Called when the staff group becomes known (so waiting alerts go out). */
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

/** Is this chat the staff group? */
async function isStaffGroup(chatId: string, configured?: string): Promise<boolean> {
  if (configured) return chatId === configured;
  return (await getSetting<string>(STAFF_GROUP_SETTING))?.value === chatId;
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
    const suffix = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const open = await Handoff.find({ status: 'open', lineUserId: { $regex: `${suffix}$` } }, { lineUserId: 1 }).lean();
    const users = [...new Set(open.map((h) => h.lineUserId))];
    if (users.length === 1) return { lineUserId: users[0] };
    if (users.length > 1) return { problem: `รหัส ${code} ตรงกับหลายแชท กรุณาใช้เลขคำร้องหรือปิดจากหน้าเว็บ` };
    return { problem: `ไม่พบแชทที่เปิดอยู่ด้วยรหัส ${code}` };
  }
  return { problem: 'รูปแบบรหัสไม่ถูกต้อง พิมพ์ "คำสั่ง" เพื่อดูวิธีใช้' };
}

/** The handler for group and room events (join, leave, commands in the staff group). */
export function createStaffGroupHandler(deps: StaffGroupDeps): BotHandler {
  return async ({ event }: BotInput): Promise<LineMessage[]> => {
    const chatId = chatIdOf(event);
    if (!chatId) return [];
    if (event.type === 'join') {
      if (deps.configuredGroupId && deps.configuredGroupId !== chatId) {
        deps.log.warn('bot added to a group other than STAFF_GROUP_ID; no alerts will go there');
        return [text('บอทนี้ส่งแจ้งเตือนเฉพาะกลุ่มเจ้าหน้าที่ที่กำหนดไว้เท่านั้นค่ะ')];
      }
      if (!deps.configuredGroupId) {
        const current = (await getSetting<string>(STAFF_GROUP_SETTING))?.value;
        if (current && current !== chatId) {
          // Someone added the bot to another group: it does not take the alerts over; an admin may switch in the console.
          await putSetting(STAFF_GROUP_CANDIDATE_SETTING, chatId, 'join');
          deps.log.warn('bot added to a group other than the staff group; kept as a candidate for an admin to confirm');
          return [text('บอทนี้ส่งแจ้งเตือนให้กลุ่มเจ้าหน้าที่อีกกลุ่มหนึ่งอยู่แล้วค่ะ หากต้องการให้กลุ่มนี้ได้รับแจ้งเตือนแทน ผู้ดูแลระบบเปลี่ยนได้ที่หน้า "ตั้งค่า" ในระบบเจ้าหน้าที่')];
        }
        await putSetting(STAFF_GROUP_SETTING, chatId, 'join');
      }
      deps.log.info('staff group set from join event');
      deps.onGroupKnown?.();
      return [text(`สวัสดีค่ะ กลุ่มนี้จะได้รับแจ้งเตือนคำร้องใหม่ เรื่องด่วน นัดหมาย และผู้ที่ขอคุยกับเจ้าหน้าที่ พร้อมลิงก์ไปยังระบบเจ้าหน้าที่\n\n${HELP}`)];
    }
    if (event.type === 'leave') {
      if ((await getSetting<string>(STAFF_GROUP_CANDIDATE_SETTING))?.value === chatId) await clearSetting(STAFF_GROUP_CANDIDATE_SETTING);
      if (!deps.configuredGroupId && (await getSetting<string>(STAFF_GROUP_SETTING))?.value === chatId) {
        await clearSetting(STAFF_GROUP_SETTING);
        deps.log.warn('bot removed from the staff group; alerts wait until it is added to a group again');
      }
      return [];
    }
    if (event.type !== 'message' || event.message.type !== 'text') return [];
    if (!(await isStaffGroup(chatId, deps.configuredGroupId))) return [];
    const input = toArabicDigits(event.message.text).trim();
    if (/^\/id$/i.test(input)) return [text(`รหัสกลุ่มนี้: ${chatId}`)];
    if (/^(คำสั่ง|\/help|help)$/i.test(input)) return [text(HELP)];
    const m = /^(?:ปิด|\/close|close)\s+(\S+)\s*$/i.exec(input);
    if (!m) return [];
    const found = await citizenForCode(m[1]!);
    if (!found.lineUserId) return [text(found.problem!)];
    const memberId = event.source && 'userId' in event.source ? event.source.userId : undefined;
    const r = await closeChat(deps, found.lineUserId, `line:${memberId ?? 'group'}`);
    if (!r.closed) return [text(`แชทของรหัส ${chatCode(found.lineUserId)} ไม่ได้เปิดอยู่ (บอทตอบอัตโนมัติอยู่แล้ว)`)];
    return [text(`ปิดแชทรหัส ${chatCode(found.lineUserId)} แล้ว แจ้งผู้ติดต่อแล้ว บอทกลับมาตอบอัตโนมัติค่ะ`)];
  };
}

/** One handler for everything: one-to-one chats go to the citizens' conversation, groups and rooms to staff. */
export function composeHandler(citizens: BotHandler, groups: BotHandler): BotHandler {
  return async (input) => {
    const type = input.event.source?.type;
    return type === 'group' || type === 'room' ? groups(input) : citizens(input);
  };
}
