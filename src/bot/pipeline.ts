/**
 * What happens to one stored event: the citizen and the message are recorded, the bot decides its answer
 * (with LINE's loading animation if that takes a moment), and the answer goes through the outbox.
 * Running it twice for one event (after a crash) records and queues nothing twice.
 */
import type { webhook } from '@line/bot-sdk';
import type { LineClient, LineMessage } from '../line/client';
import type { Logger } from '../log';
import type { Outbox } from '../outbox/outbox';
import type { ConversationRecorder, CitizenInfo } from '../conversation/record';
import type { ProcessEvent } from '../inbox/worker';
import { localeFor, type Locale } from '../i18n';

export interface BotInput {
  event: webhook.Event;
  lane: string;
  citizen?: CitizenInfo;
  locale: Locale;
  receivedAt: Date;
}

/** The bot's logic: decides the messages that answer one event (none for events that need no answer). */
export type BotHandler = (input: BotInput) => Promise<LineMessage[]>;

export interface PipelineDeps {
  recorder: ConversationRecorder;
  outbox: Outbox;
  line: LineClient;
  handler: BotHandler;
  log: Logger;
  loadingAnimationAfterMs: number;
}

/** Builds the worker's per-event function. */
export function createEventProcessor(deps: PipelineDeps): ProcessEvent {
  return async (event, { lane, receivedAt }) => {
    const citizen = await deps.recorder.touchCitizen(event);
    await deps.recorder.recordIncoming(event);
    const locale = localeFor(citizen?.language);
    const loading = startLoadingAnimation(deps, event);
    let messages: LineMessage[];
    try {
      messages = await deps.handler({ event, lane, citizen, locale, receivedAt });
    } finally {
      loading.cancel();
    }
    if (messages.length === 0) return;
    const replyToken = 'replyToken' in event && typeof event.replyToken === 'string' ? event.replyToken : undefined;
    await deps.outbox.send({ to: lane, source: `event:${event.webhookEventId}`, messages, replyToken, receivedAt });
  };
}

/** Shows LINE's "typing" animation in a one-to-one chat if the answer is not ready after a short while. */
function startLoadingAnimation(deps: PipelineDeps, event: webhook.Event): { cancel(): void } {
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!userId || (event.type !== 'message' && event.type !== 'postback')) return { cancel() {} };
  const timer = setTimeout(() => {
    deps.line.showLoadingAnimation(userId, 20).catch((err) => deps.log.debug({ err: (err as Error).message }, 'loading animation not shown'));
  }, deps.loadingAnimationAfterMs);
  return { cancel: () => clearTimeout(timer) };
}
