/**
 * LINE's events as the engine sees them (`Incoming`), and the postback data the bot's buttons carry.
 * Postback data is a short query string: `f` flow, `s` step, `v` value (an option); `g` a global action.
 */
import type { webhook } from '@line/bot-sdk';
import type { Incoming } from '../engine/types';

export interface OptionPostback {
  flow?: string;
  step?: string;
  value: string;
}

/** Postback data for an option of a flow step (≤300 characters; values are short codes). */
export function optionData(o: OptionPostback): string {
  const p = new URLSearchParams();
  if (o.flow) p.set('f', o.flow);
  if (o.step) p.set('s', o.step);
  p.set('v', o.value);
  return p.toString();
}

function parseData(data: string): OptionPostback | undefined {
  const p = new URLSearchParams(data);
  const value = p.get('v');
  if (!value) return undefined;
  return { flow: p.get('f') ?? undefined, step: p.get('s') ?? undefined, value };
}

/** The citizen's action in an event, or undefined for events that carry none (unfollow, join, …). */
export function toIncoming(event: webhook.Event): Incoming | undefined {
  if (event.type === 'follow') return { kind: 'follow' };
  if (event.type === 'postback') {
    // Data the bot did not make (an old rich menu, another tool): a button that no longer means anything.
    const o = parseData(event.postback.data) ?? { value: event.postback.data.slice(0, 100) };
    const params = event.postback.params as { date?: string; datetime?: string; time?: string } | undefined;
    if (params?.date) return { kind: 'date', date: params.date, flow: o.flow, step: o.step };
    if (params?.datetime) return { kind: 'date', date: params.datetime.slice(0, 10), flow: o.flow, step: o.step };
    return { kind: 'option', value: o.value, flow: o.flow, step: o.step };
  }
  if (event.type !== 'message') return undefined;
  const m = event.message;
  switch (m.type) {
    case 'text':
      return { kind: 'text', text: m.text };
    case 'location':
      return { kind: 'location', latitude: m.latitude, longitude: m.longitude, address: m.address, title: m.title };
    case 'image':
      return { kind: 'image', lineMessageId: m.id };
    case 'sticker':
    case 'audio':
    case 'video':
    case 'file':
      return { kind: 'media', mediaType: m.type };
    default:
      return { kind: 'media', mediaType: 'other' };
  }
}
