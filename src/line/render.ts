/**
 * Renders what the engine says (`Say`) as LINE messages: texts with quick replies, cards as Flex bubbles.
 * Everything is cut to LINE's limits here: at most five messages, thirteen chips, twenty-character labels.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { Locale } from '../i18n';
import type { Card, CardButton, Choice, Say } from '../engine/types';
import { resolveLabel } from '../engine/labels';
import type { LineMessage } from './client';
import { fitGraphemes } from './messages';
import { LINE_LIMITS } from '../domain/lineLimits';
import { optionData } from './incoming';

type QuickReplyItem = messagingApi.QuickReplyItem;
type Action = messagingApi.Action;

/**
 * Header (white text) and first-button colours per tone, and the grey of row labels: each at least 4.5:1 against
 * what it sits on (WCAG 2.2 AA), for elderly eyes on a phone. LINE's own green (#06C755) is 2.3:1 under white text,
 * so the normal tone is a deeper green (5.2:1); labels are #6B6B6B on white (5.3:1).
 */
export const TONE_COLOURS = { normal: '#067D49', urgent: '#D93025', success: '#137333' } as const;
export const LABEL_GREY = '#6B6B6B';

/** Where option postbacks come from, so a stale tap can be recognised. */
export interface RenderContext {
  locale: Locale;
  flow?: string;
  step?: string;
}

function choiceAction(c: Choice, ctx: RenderContext): Action {
  const label = fitGraphemes(resolveLabel(c.label, ctx.locale), LINE_LIMITS.quickReplyLabelMax);
  switch (c.kind) {
    case 'option':
      return {
        type: 'postback',
        label,
        data: optionData({ flow: ctx.flow, step: ctx.step, value: c.value }),
        displayText: resolveLabel(c.label, ctx.locale),
      };
    case 'say':
      return { type: 'message', label, text: c.text ?? resolveLabel(c.label, ctx.locale) };
    case 'date':
      return {
        type: 'datetimepicker',
        label,
        data: optionData({ flow: ctx.flow, step: ctx.step, value: c.value }),
        mode: 'date',
        ...(c.initial ? { initial: c.initial } : {}),
        ...(c.min ? { min: c.min } : {}),
        ...(c.max ? { max: c.max } : {}),
      } as Action;
    case 'location':
      return { type: 'location', label };
    case 'call':
      return { type: 'uri', label, uri: `tel:${c.phone}` };
    case 'camera':
      return { type: 'camera', label };
    case 'cameraRoll':
      return { type: 'cameraRoll', label };
  }
}

function quickReply(choices: Choice[] | undefined, ctx: RenderContext): messagingApi.QuickReply | undefined {
  if (!choices || choices.length === 0) return undefined;
  const items: QuickReplyItem[] = choices.slice(0, LINE_LIMITS.quickReplyMaxItems).map((c) => ({ type: 'action', action: choiceAction(c, ctx) }));
  return { items };
}

function buttonAction(b: CardButton, ctx: RenderContext): Action {
  const label = fitGraphemes(resolveLabel(b.label, ctx.locale), LINE_LIMITS.flexButtonLabelMax);
  if (b.kind === 'call') return { type: 'uri', label, uri: `tel:${b.phone}` };
  if (b.kind === 'say') return { type: 'message', label, text: b.text };
  return {
    type: 'postback',
    label,
    data: optionData({ flow: ctx.flow, step: ctx.step, value: b.value }),
    displayText: resolveLabel(b.label, ctx.locale),
  };
}

/** A card as a Flex bubble: coloured header, label/value rows, buttons. */
export function cardBubble(card: Card, ctx: RenderContext): messagingApi.FlexBubble {
  const colour = TONE_COLOURS[card.tone ?? 'normal'];
  const header: messagingApi.FlexComponent[] = [
    { type: 'text', text: resolveLabel(card.title, ctx.locale), weight: 'bold', size: 'lg', color: '#FFFFFF', wrap: true },
  ];
  if (card.subtitle) header.push({ type: 'text', text: resolveLabel(card.subtitle, ctx.locale), size: 'sm', color: '#FFFFFF', wrap: true });
  const rows: messagingApi.FlexComponent[] = card.rows.map((r) => ({
    type: 'box',
    layout: 'vertical',
    margin: 'md',
    contents: [
      { type: 'text', text: resolveLabel(r.label, ctx.locale), size: 'xs', color: LABEL_GREY, wrap: true },
      { type: 'text', text: resolveLabel(r.value, ctx.locale).slice(0, LINE_LIMITS.flexTextMax) || '-', size: 'md', color: '#111111', wrap: true },
    ],
  }));
  const bubble: messagingApi.FlexBubble = {
    type: 'bubble',
    header: { type: 'box', layout: 'vertical', backgroundColor: colour, paddingAll: 'lg', contents: header },
    body: { type: 'box', layout: 'vertical', contents: rows.length > 0 ? rows : [{ type: 'filler' }] },
  };
  if (card.buttons && card.buttons.length > 0) {
    bubble.footer = {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: card.buttons.map((b, i) => ({
        type: 'button',
        style: i === 0 ? 'primary' : 'secondary',
        color: i === 0 ? colour : undefined,
        height: 'sm',
        action: buttonAction(b, ctx),
      })),
    };
  }
  return bubble;
}

function renderOne(s: Say, ctx: RenderContext, withChoices: boolean): LineMessage {
  const qr = withChoices ? quickReply(s.choices, ctx) : undefined;
  if (s.kind === 'text') {
    const msg: messagingApi.TextMessage = { type: 'text', text: resolveLabel(s.text, ctx.locale).slice(0, LINE_LIMITS.textMessageMax) };
    if (qr) msg.quickReply = qr;
    return msg;
  }
  const msg: messagingApi.FlexMessage = {
    type: 'flex',
    altText: fitGraphemes(resolveLabel(s.altText, ctx.locale), LINE_LIMITS.altTextMax),
    contents: cardBubble(s.card, ctx),
  };
  if (qr) msg.quickReply = qr;
  return msg;
}

/**
 * Renders a reply. Quick replies are shown by LINE only on the last message, so the chips of the last `Say`
 * that has any go there. Beyond five messages, neighbouring texts are joined.
 */
export function render(says: Say[], ctx: RenderContext): LineMessage[] {
  let list = [...says];
  while (list.length > LINE_LIMITS.messagesPerRequest) {
    const i = list.findIndex((s, j) => s.kind === 'text' && list[j + 1]?.kind === 'text');
    if (i < 0) break;
    const a = list[i] as Extract<Say, { kind: 'text' }>;
    const b = list[i + 1] as Extract<Say, { kind: 'text' }>;
    const joined: Say = {
      kind: 'text',
      text: { literal: `${resolveLabel(a.text, ctx.locale)}\n\n${resolveLabel(b.text, ctx.locale)}` },
      choices: b.choices ?? a.choices,
    };
    list = [...list.slice(0, i), joined, ...list.slice(i + 2)];
  }
  const chips = [...list].reverse().find((s) => s.choices && s.choices.length > 0)?.choices;
  const messages = list.map((s, i) => renderOne({ ...s, choices: i === list.length - 1 ? chips : undefined }, ctx, i === list.length - 1));
  return messages.slice(0, LINE_LIMITS.messagesPerRequest);
}
