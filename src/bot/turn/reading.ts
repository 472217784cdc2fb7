/**
 * What one message is, read once for all the stages of a turn: typed text (and what the NLU understood of it),
 * a global word (ยกเลิก, เมนู, เริ่มใหม่, ย้อนกลับ, ทำต่อ), a menu item, "ยกเลิกนัด / เลื่อนนัด", or a tap.
 */
import type { Incoming } from '../../engine/types';
import { comparable } from '../../engine/matchOption';
import { understand, type Understanding } from '../../nlu';
import { t } from '../../i18n';
import { GLOBAL_WORDS, GLOBALS, type Global } from '../../vocabulary';
import { MENU_ITEMS, type MenuItem } from '../says';

export type { Global } from '../../vocabulary';

/** Global words (src/vocabulary/words.ts) by their comparable form. */
const GLOBAL_INDEX = new Map<string, Global>(GLOBALS.flatMap((g) => GLOBAL_WORDS[g].map((w) => [comparable(w), g] as const)));

/** "ยกเลิกนัด", "เลื่อนนัด", "เปลี่ยนวันนัด" (or English): the citizen's appointments, with their buttons. */
const BOOKING_CHANGE = /(ยกเลิก|เลื่อน|เปลี่ยน)(วัน|เวลา)?นัด|cancel(my)?(appointment|booking)|reschedule/;

/** Menu items typed exactly (or sent by the rich menu / menu chips), in Thai or English. */
const MENU_INDEX = new Map<string, MenuItem>(MENU_ITEMS.flatMap((key) => (['th', 'en'] as const).map((l) => [comparable(t(l, key)), key] as const)));

export interface Reading {
  input: Incoming;
  text?: string;
  understood?: Understanding;
  global?: Global;
  /** "ยกเลิกนัด", "เลื่อนนัด": the citizen's appointments, wherever they are. */
  changeBooking: boolean;
  menuItem?: MenuItem;
}

export function read(input: Incoming): Reading {
  if (input.kind !== 'text') {
    const global = input.kind === 'option' && (input.value === 'resume' || input.value === 'restart') ? input.value : undefined;
    return { input, global, changeBooking: false };
  }
  const understood = understand(input.text);
  const changeBooking = BOOKING_CHANGE.test(comparable(input.text));
  return {
    input,
    text: input.text,
    understood,
    changeBooking,
    global: changeBooking ? undefined : globalWord(input.text, understood),
    menuItem: MENU_INDEX.get(comparable(input.text)),
  };
}

function globalWord(text: string, u: Understanding): Global | undefined {
  const exact = GLOBAL_INDEX.get(comparable(text));
  if (exact) return exact;
  if (u.tokens.length <= 3 && (u.intent === 'cancel' || u.intent === 'restart' || u.intent === 'resume')) return u.intent;
  return undefined;
}
