/**
 * The one place where what the bot says (`Say`) becomes LINE messages: answers to events (pipeline.ts),
 * reminders, and what the staff side sends a citizen. Everything else builds `Say` values only.
 */
import type { Say } from '../engine/types';
import type { LineMessage } from '../line/client';
import { render, type RenderContext } from '../line/render';

export type { RenderContext } from '../line/render';

/** LINE messages for `says`, within LINE's limits; `ctx.flow`/`step` mark option taps so stale ones are seen. */
export function speak(says: Say[], ctx: RenderContext): LineMessage[] {
  return render(says, ctx);
}
