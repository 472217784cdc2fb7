/**
 * What happens to one stored event: the citizen and the message are recorded, the bot decides its answer
 * (with LINE's loading animation if that takes a moment), the answer is rendered once (speak.ts) and goes
 * through the outbox.
 * Running it twice for one event (after a crash) records and queues nothing twice: an event whose answer is
 * already in the outbox is not decided again, its stored answer is only resumed.
 * An event in `mode: "standby"` (another channel, e.g. a Marketplace module, holds the chat) is recorded and
 * nothing is sent: no answer, no loading animation, no profile or content request, no read mark.
 * An event that cannot be read (see `src/line/eventShape.ts`) gets one short apology, or nothing, at once.
 */
import type { webhook } from '@line/bot-sdk';
import type { LineClient, LineMessage } from '../line/client';
import type { Logger } from '../log';
import type { Outbox } from '../outbox/outbox';
import type { ConversationRecorder, CitizenInfo } from './record';
import type { ProcessEvent } from '../inbox/worker';
import { localeFor, t, type Locale } from '../i18n';
import { expectsAnswer, malformedReason } from '../line/eventShape';
import { replyTokenSince } from '../line/replyToken';
import { text } from '../line/messages';
import type { Say } from '../engine/types';
import { speak } from './speak';

export interface BotInput {
  event: webhook.Event;
  lane: string;
  citizen?: CitizenInfo;
  locale: Locale;
  receivedAt: Date;
}

/**
 * What answers one event: what to say (rendered by the pipeline, in `locale` — the citizen's by default — with
 * option taps marked with the flow and step that offered them), or LINE messages made by a stand-in bot.
 */
export type Reply = { says: Say[]; locale?: Locale; flow?: string; step?: string } | { lineMessages: LineMessage[] };

/** The bot's logic: decides what answers one event (nothing for events that need no answer). */
export type Bot = (input: BotInput) => Promise<Reply>;

/** A stand-in bot that answers with LINE messages itself (tests of the LINE plumbing, the simulator's demos). */
export type BotHandler = (input: BotInput) => Promise<LineMessage[]>;

export interface PipelineDeps {
  recorder: ConversationRecorder;
  outbox: Outbox;
  line: LineClient;
  bot: Bot;
  log: Logger;
  loadingAnimationAfterMs: number;
}

/** Builds the worker's per-event function. */
export function createEventProcessor(deps: PipelineDeps): ProcessEvent {
  return async (event, { lane, receivedAt }) => {
    const source = `event:${event.webhookEventId}`;
    const standby = event.mode === 'standby';
    const replyToken = 'replyToken' in event && typeof event.replyToken === 'string' ? event.replyToken : undefined;
    const tokenSince = replyTokenSince(event, receivedAt);
    const problem = malformedReason(event);
    if (problem) {
      deps.log.warn({ webhookEventId: event.webhookEventId, type: event.type, problem }, 'event cannot be read; answered with an apology or ignored');
      if (standby || !expectsAnswer(event)) return;
      await deps.outbox.send({ to: lane, source, messages: [text(t('th', 'error.unreadableEvent'))], replyToken, tokenSince });
      return;
    }
    const citizen = await deps.recorder.touchCitizen(event, { offline: standby });
    const recorded = await deps.recorder.recordIncoming(event, { offline: standby });
    if (standby) return;
    if (recorded !== 'new') {
      // Seen before (processed again after a crash or a database failure): an answer already stored is resumed,
      // never decided a second time.
      const stored = await deps.outbox.existing(source);
      if (stored.length > 0) return deps.outbox.resume(stored);
    }
    const locale = localeFor(citizen?.language);
    const loading = startLoadingAnimation(deps, event);
    let reply: Reply;
    try {
      reply = await deps.bot({ event, lane, citizen, locale, receivedAt });
    } finally {
      loading.cancel();
    }
    const messages =
      'lineMessages' in reply ? reply.lineMessages : speak(reply.says, { locale: reply.locale ?? locale, flow: reply.flow, step: reply.step });
    if (messages.length === 0) return;
    await deps.outbox.send({ to: lane, source, messages, replyToken, tokenSince });
  };
}

/** Shows LINE's "typing" animation in a one-to-one chat if the answer is not ready after a short while. */
function startLoadingAnimation(deps: PipelineDeps, event: webhook.Event): { cancel(): void } {
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!userId || (event.type !== 'message' && event.type !== 'postback')) return { cancel() {} };
  const timer = setTimeout(() => {
    deps.line
      .showLoadingAnimation(userId, 20)
      .catch((err) => deps.log.debug({ err: err instanceof Error ? err.message : String(err) }, 'loading animation not shown'));
  }, deps.loadingAnimationAfterMs);
  return { cancel: () => clearTimeout(timer) };
}
