/**
 * Checks message objects roughly the way LINE's Messaging API does, so a message LINE would reject is rejected
 * by the local stand-in too, with LINE's error shape: `{ message, details: [{ message, property }] }`.
 * Not exhaustive: it covers the limits the bot can plausibly break (counts, lengths, required fields, enums,
 * datetime formats, Flex/template structure and size).
 */

/** One problem, named by its JSON path like LINE does (`messages[0].quickReply.items[2].action.label`). */
export interface ValidationDetail {
  message: string;
  property: string;
}

import { LINE_LIMITS as L, graphemeLength } from '../domain/lineLimits';

type Json = Record<string, unknown>;

const MESSAGE_TYPES = ['text', 'textV2', 'sticker', 'image', 'video', 'audio', 'location', 'imagemap', 'template', 'flex'];
/**
 * A quick reply takes URI actions (a "โทร 1323" chip) but not the rich menu switch: LINE's guide "Using quick
 * replies" (developers.line.biz/ja/docs/messaging-api/using-quick-reply/) and its actions page, which shows a
 * quick reply with URI actions.
 */
const QUICK_REPLY_ACTIONS = ['message', 'postback', 'datetimepicker', 'uri', 'camera', 'cameraRoll', 'location', 'clipboard'];
const ACTIONS = ['message', 'postback', 'datetimepicker', 'uri', 'camera', 'cameraRoll', 'location', 'clipboard', 'richmenuswitch'];
const FLEX_COMPONENTS = ['box', 'text', 'button', 'image', 'video', 'icon', 'separator', 'spacer', 'filler', 'span'];
const DATETIME_FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}$/,
  datetime: /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}$/,
};

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * LINE counts text in UTF-16 code units, except action labels and texts and template texts/titles, which it
 * counts in grapheme clusters ("Character counting in a text"): 'ที่' is 3 units but 1 grapheme.
 */
type Unit = 'utf16' | 'grapheme';
const len = (s: string, unit: Unit) => (unit === 'utf16' ? s.length : graphemeLength(s));

/** Collects problems while walking a request body. */
class Checker {
  readonly details: ValidationDetail[] = [];

  add(property: string, message: string): void {
    if (this.details.length < 50) this.details.push({ message, property });
  }

  string(o: Json, key: string, at: string, rules: { required?: boolean; max?: number; unit?: Unit } = {}): string | undefined {
    const { required = true, max = Infinity, unit = 'utf16' } = rules;
    const min = required ? 1 : 0;
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.add(`${at}.${key}`, 'May not be empty');
      return undefined;
    }
    if (typeof v !== 'string') {
      this.add(`${at}.${key}`, 'Must be a string');
      return undefined;
    }
    const n = len(v, unit);
    if (n < min || n > max) this.add(`${at}.${key}`, n === 0 && min > 0 ? 'May not be empty' : `Length must be between ${min} and ${max}`);
    return v;
  }

  oneOf(o: Json, key: string, at: string, allowed: string[], required = true): string | undefined {
    const v = o[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !allowed.includes(v)) {
      this.add(`${at}.${key}`, `Must be one of the following values: [${allowed.join(', ')}]`);
      return undefined;
    }
    return v;
  }

  array(o: Json, key: string, at: string, min: number, max: number): unknown[] | undefined {
    const v = o[key];
    if (!Array.isArray(v)) {
      this.add(`${at}.${key}`, 'Must be an array');
      return undefined;
    }
    if (v.length < min || v.length > max) this.add(`${at}.${key}`, `Size must be between ${min} and ${max}`);
    return v;
  }
}

/** Validates the `messages` array of a reply or push body. */
export function validateMessages(messages: unknown): ValidationDetail[] {
  const c = new Checker();
  if (!Array.isArray(messages)) {
    c.add('messages', 'Must be an array');
    return c.details;
  }
  if (messages.length < 1 || messages.length > L.messagesPerRequest) {
    c.add('messages', `Size must be between 1 and ${L.messagesPerRequest}`);
    return c.details;
  }
  messages.forEach((m, i) => checkMessage(c, m, `messages[${i}]`));
  return c.details;
}

function checkMessage(c: Checker, m: unknown, at: string): void {
  if (!isObj(m)) return c.add(at, 'Must be an object');
  const type = c.oneOf(m, 'type', at, MESSAGE_TYPES);
  switch (type) {
    case 'text':
      c.string(m, 'text', at, { max: L.textMessageMax });
      break;
    case 'textV2':
      c.string(m, 'text', at, { max: L.textMessageMax });
      break;
    case 'sticker':
      c.string(m, 'packageId', at);
      c.string(m, 'stickerId', at);
      break;
    case 'image':
      checkUrl(c, m, 'originalContentUrl', at, L.urlMax);
      checkUrl(c, m, 'previewImageUrl', at, L.urlMax);
      break;
    case 'video':
      checkUrl(c, m, 'originalContentUrl', at, L.urlMax);
      checkUrl(c, m, 'previewImageUrl', at, L.urlMax);
      break;
    case 'audio':
      checkUrl(c, m, 'originalContentUrl', at, L.urlMax);
      if (typeof m.duration !== 'number') c.add(`${at}.duration`, 'May not be empty');
      break;
    case 'location':
      c.string(m, 'title', at, { max: L.locationTextMax });
      c.string(m, 'address', at, { max: L.locationTextMax });
      for (const k of ['latitude', 'longitude']) if (typeof m[k] !== 'number') c.add(`${at}.${k}`, 'Must be a number');
      break;
    case 'template':
      c.string(m, 'altText', at, { max: L.altTextMax });
      checkTemplate(c, m.template, `${at}.template`);
      break;
    case 'flex':
      c.string(m, 'altText', at, { max: L.flexAltTextMax });
      checkFlexContainer(c, m.contents, `${at}.contents`);
      break;
    default:
      break;
  }
  if (m.quickReply !== undefined) checkQuickReply(c, m.quickReply, `${at}.quickReply`);
}

function checkUrl(c: Checker, o: Json, key: string, at: string, max: number): void {
  const v = c.string(o, key, at, { max });
  if (v !== undefined && !/^https:\/\//i.test(v)) c.add(`${at}.${key}`, 'Must be a valid HTTPS URL');
}

function checkQuickReply(c: Checker, q: unknown, at: string): void {
  if (!isObj(q)) return c.add(at, 'Must be an object');
  const items = c.array(q, 'items', at, 1, L.quickReplyMaxItems);
  items?.forEach((item, i) => {
    const iat = `${at}.items[${i}]`;
    if (!isObj(item)) return c.add(iat, 'Must be an object');
    c.oneOf(item, 'type', iat, ['action']);
    if (item.imageUrl !== undefined) checkUrl(c, item, 'imageUrl', iat, L.urlMax);
    checkAction(c, item.action, `${iat}.action`, { labelMax: L.quickReplyLabelMax, labelRequired: true, allowed: QUICK_REPLY_ACTIONS });
  });
}

interface ActionRules {
  labelMax: number;
  labelRequired: boolean;
  allowed?: string[];
}

function checkAction(c: Checker, a: unknown, at: string, rules: ActionRules): void {
  if (!isObj(a)) return c.add(at, 'May not be empty');
  const type = c.oneOf(a, 'type', at, rules.allowed ?? ACTIONS);
  c.string(a, 'label', at, { required: rules.labelRequired, max: rules.labelMax, unit: 'grapheme' });
  switch (type) {
    case 'message':
      c.string(a, 'text', at, { max: L.actionTextMax, unit: 'grapheme' });
      break;
    case 'postback':
      c.string(a, 'data', at, { max: L.postbackDataMax });
      c.string(a, 'displayText', at, { required: false, max: L.actionTextMax, unit: 'grapheme' });
      c.string(a, 'fillInText', at, { required: false, max: L.actionTextMax, unit: 'grapheme' });
      if (a.inputOption !== undefined) c.oneOf(a, 'inputOption', at, ['closeRichMenu', 'openRichMenu', 'openKeyboard', 'openVoice']);
      break;
    case 'uri': {
      const uri = c.string(a, 'uri', at, { max: L.uriMax });
      if (uri !== undefined && !/^(https?|line|tel):/i.test(uri)) c.add(`${at}.uri`, 'Must be a valid URI (http, https, line, tel)');
      break;
    }
    case 'datetimepicker': {
      c.string(a, 'data', at, { max: L.postbackDataMax });
      const mode = c.oneOf(a, 'mode', at, ['date', 'time', 'datetime']);
      if (mode) {
        for (const k of ['initial', 'min', 'max']) {
          const v = a[k];
          if (v !== undefined && (typeof v !== 'string' || !DATETIME_FORMATS[mode].test(v))) c.add(`${at}.${k}`, `Invalid ${mode} format`);
        }
        if (typeof a.min === 'string' && typeof a.max === 'string' && a.min.toUpperCase() > a.max.toUpperCase())
          c.add(`${at}.max`, 'Must be after min');
        if (typeof a.initial === 'string' && typeof a.min === 'string' && a.initial.toUpperCase() < a.min.toUpperCase())
          c.add(`${at}.initial`, 'Must be after min');
        if (typeof a.initial === 'string' && typeof a.max === 'string' && a.initial.toUpperCase() > a.max.toUpperCase())
          c.add(`${at}.initial`, 'Must be before max');
      }
      break;
    }
    case 'clipboard':
      c.string(a, 'clipboardText', at, { max: 1000 });
      break;
    case 'richmenuswitch':
      c.string(a, 'richMenuAliasId', at, { max: 32 });
      c.string(a, 'data', at, { max: L.postbackDataMax });
      break;
    default:
      break;
  }
}

function checkTemplate(c: Checker, t: unknown, at: string): void {
  if (!isObj(t)) return c.add(at, 'May not be empty');
  const type = c.oneOf(t, 'type', at, ['buttons', 'confirm', 'carousel', 'image_carousel']);
  const actionRules: ActionRules = { labelMax: L.buttonLabelMax, labelRequired: true };
  switch (type) {
    case 'buttons': {
      c.string(t, 'title', at, { required: false, max: 40, unit: 'grapheme' });
      const hasExtra = t.title !== undefined || t.thumbnailImageUrl !== undefined;
      c.string(t, 'text', at, { max: hasExtra ? 60 : 160, unit: 'grapheme' });
      if (t.thumbnailImageUrl !== undefined) checkUrl(c, t, 'thumbnailImageUrl', at, L.urlMax);
      c.array(t, 'actions', at, 1, 4)?.forEach((a, i) => checkAction(c, a, `${at}.actions[${i}]`, actionRules));
      break;
    }
    case 'confirm':
      c.string(t, 'text', at, { max: 240, unit: 'grapheme' });
      c.array(t, 'actions', at, 2, 2)?.forEach((a, i) => checkAction(c, a, `${at}.actions[${i}]`, actionRules));
      break;
    case 'carousel':
      c.array(t, 'columns', at, 1, 10)?.forEach((col, i) => {
        const cat = `${at}.columns[${i}]`;
        if (!isObj(col)) return c.add(cat, 'Must be an object');
        c.string(col, 'title', cat, { required: false, max: 40, unit: 'grapheme' });
        c.string(col, 'text', cat, { max: col.title !== undefined || col.thumbnailImageUrl !== undefined ? 60 : 120, unit: 'grapheme' });
        c.array(col, 'actions', cat, 1, 3)?.forEach((a, j) => checkAction(c, a, `${cat}.actions[${j}]`, actionRules));
      });
      break;
    case 'image_carousel':
      c.array(t, 'columns', at, 1, 10)?.forEach((col, i) => {
        const cat = `${at}.columns[${i}]`;
        if (!isObj(col)) return c.add(cat, 'Must be an object');
        checkUrl(c, col, 'imageUrl', cat, L.urlMax);
        checkAction(c, col.action, `${cat}.action`, { labelMax: 12, labelRequired: false });
      });
      break;
    default:
      break;
  }
}

function checkFlexContainer(c: Checker, contents: unknown, at: string): void {
  if (!isObj(contents)) return c.add(at, 'May not be empty');
  const type = c.oneOf(contents, 'type', at, ['bubble', 'carousel']);
  const size = Buffer.byteLength(JSON.stringify(contents));
  if (type === 'bubble') {
    if (size > L.flexBubbleLineMaxBytes) c.add(at, 'The size of a bubble must be 30 KB or less');
    checkBubble(c, contents, at);
  } else if (type === 'carousel') {
    if (size > L.flexCarouselLineMaxBytes) c.add(at, 'The size of a carousel must be 50 KB or less');
    c.array(contents, 'contents', at, 1, L.carouselMaxBubbles)?.forEach((b, i) => {
      if (!isObj(b) || b.type !== 'bubble') return c.add(`${at}.contents[${i}].type`, 'Must be one of the following values: [bubble]');
      checkBubble(c, b, `${at}.contents[${i}]`);
    });
  }
}

function checkBubble(c: Checker, b: Json, at: string): void {
  if (b.size !== undefined) c.oneOf(b, 'size', at, ['nano', 'micro', 'deca', 'hecto', 'kilo', 'mega', 'giga']);
  for (const section of ['header', 'hero', 'body', 'footer']) {
    const s = b[section];
    if (s === undefined) continue;
    if (section !== 'hero' && (!isObj(s) || s.type !== 'box')) c.add(`${at}.${section}.type`, 'Must be one of the following values: [box]');
    else checkComponent(c, s, `${at}.${section}`, 0);
  }
  if (b.action !== undefined) checkAction(c, b.action, `${at}.action`, { labelMax: L.flexButtonLabelMax, labelRequired: false });
}

function checkComponent(c: Checker, comp: unknown, at: string, depth: number): void {
  if (!isObj(comp)) return c.add(at, 'Must be an object');
  if (depth > 20) return c.add(at, 'Nested too deeply');
  const type = c.oneOf(comp, 'type', at, FLEX_COMPONENTS);
  switch (type) {
    case 'box':
      c.oneOf(comp, 'layout', at, ['horizontal', 'vertical', 'baseline']);
      c.array(comp, 'contents', at, 0, Infinity)?.forEach((x, i) => checkComponent(c, x, `${at}.contents[${i}]`, depth + 1));
      break;
    case 'text':
      if (comp.contents === undefined) c.string(comp, 'text', at, { max: L.flexTextMax });
      else c.array(comp, 'contents', at, 0, Infinity);
      break;
    case 'span':
      c.string(comp, 'text', at, { max: L.flexTextMax });
      break;
    case 'button':
      checkAction(c, comp.action, `${at}.action`, { labelMax: L.flexButtonLabelMax, labelRequired: true });
      if (comp.style !== undefined) c.oneOf(comp, 'style', at, ['primary', 'secondary', 'link']);
      if (comp.height !== undefined) c.oneOf(comp, 'height', at, ['sm', 'md']);
      break;
    case 'image':
    case 'icon':
      checkUrl(c, comp, 'url', at, L.urlMax);
      break;
    case 'video':
      checkUrl(c, comp, 'url', at, L.urlMax);
      checkUrl(c, comp, 'previewUrl', at, L.urlMax);
      break;
    default:
      break;
  }
  if (type !== 'button' && comp.action !== undefined)
    checkAction(c, comp.action, `${at}.action`, { labelMax: L.flexButtonLabelMax, labelRequired: false });
}
