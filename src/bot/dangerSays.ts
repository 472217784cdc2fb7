/**
 * What a citizen sees when a person may be at risk: the card of the danger kind (its own words and hotlines, from
 * the centre data), what staff will do (only what is true), the gentle "are you safe now?" question, and the
 * number card for someone who just asks for a hotline. Every sentence is in locales/.
 */
import type { Card, Choice, Say } from '../engine/types';
import type { MessageKey } from '../i18n';
import type { AtRisk, Danger } from '../nlu';
import { getCentre } from '../domain/data';

/** Whether someone will see a danger alert, and when (see `danger.ts`). */
export type StaffReach = { kind: 'none' } | { kind: 'now' } | { kind: 'later'; when: string };

const CARD: Record<Danger, { title: MessageKey; body: MessageKey }> = {
  self_harm: { title: 'danger.selfHarm.title', body: 'danger.selfHarm.body' },
  violence: { title: 'danger.violence.title', body: 'danger.violence.body' },
  medical: { title: 'danger.medical.title', body: 'danger.medical.body' },
};

/**
 * The card's words when the one at risk is the person written about ("แม่บอกว่าไม่อยากอยู่แล้ว"), not the one
 * writing: the writer is told how to be with them, not "you are not alone". Medical words fit both.
 */
const CARD_FOR_SUBJECT: Partial<Record<Danger, { title: MessageKey; body: MessageKey }>> = {
  self_harm: { title: 'danger.selfHarmOther.title', body: 'danger.selfHarmOther.body' },
  violence: { title: 'danger.violenceOther.title', body: 'danger.violence.body' },
};

/** Row and button texts per number (the number itself is data). */
type NumberText = { row: MessageKey; call: MessageKey; chip: MessageKey };
const NUMBER_TEXT: Record<string, NumberText | undefined> = {
  '1323': { row: 'danger.row1323', call: 'danger.call1323', chip: 'danger.chip1323' },
  '1669': { row: 'danger.row1669', call: 'danger.call1669', chip: 'danger.chip1669' },
  '191': { row: 'danger.row191', call: 'danger.call191', chip: 'danger.chip191' },
  '1300': { row: 'danger.row1300', call: 'danger.call1300', chip: 'danger.chip1300' },
};

/** The hotlines of a danger kind, first one first. */
export function hotlinesOf(kind: Danger): { number: string; text: NumberText }[] {
  return getCentre().dangerHotlines[kind].flatMap((number) => {
    const text = NUMBER_TEXT[number];
    return text ? [{ number, text }] : [];
  });
}

/** The first hotline of a kind (the centre data is checked to give each kind at least one with its texts). */
function firstHotline(kind: Danger): { number: string; text: NumberText } {
  const [first] = hotlinesOf(kind);
  if (!first) throw new Error(`no hotline with texts for ${kind}`);
  return first;
}

function numbersCard(kind: Danger, title: MessageKey, body: MessageKey | undefined, tone: Card['tone']): Card {
  const numbers = hotlinesOf(kind);
  return {
    title: { key: title },
    ...(body ? { subtitle: { key: body } } : {}),
    tone,
    rows: numbers.map((n) => ({ label: { literal: n.number }, value: { key: n.text.row } })),
    buttons: numbers.map((n) => ({ kind: 'call' as const, label: { key: n.text.call }, phone: n.number })),
  };
}

/** The chips after a danger card: a person now, back to what they were doing (or the menu), the first number. */
export function dangerChips(kind: Danger, inFlow: boolean): Choice[] {
  const first = firstHotline(kind);
  return [
    { kind: 'say', label: { key: 'menu.talkToStaff' } },
    inFlow ? { kind: 'option', label: { key: 'danger.chipResume' }, value: 'resume' } : { kind: 'say', label: { key: 'common.menu' } },
    { kind: 'call', label: { key: first.text.chip }, phone: first.number },
  ];
}

/**
 * The danger card of a kind (in words for whoever is at risk), then what staff will do (never "staff were told"
 * when nobody will see it).
 */
export function dangerSays(kind: Danger, reach: StaffReach, inFlow: boolean, atRisk: AtRisk = 'unknown'): Say[] {
  const words = (atRisk === 'subject' ? CARD_FOR_SUBJECT[kind] : undefined) ?? CARD[kind];
  const card = numbersCard(kind, words.title, words.body, 'urgent');
  const number = firstHotline(kind).number;
  const staff: Say =
    reach.kind === 'now'
      ? { kind: 'text', text: { key: 'danger.staffNow' } }
      : reach.kind === 'later'
        ? { kind: 'text', text: { key: 'danger.staffLater', params: { when: reach.when, number } } }
        : { kind: 'text', text: { key: 'danger.staffNone', params: { number } } };
  return [
    { kind: 'card', card, altText: { key: words.title } },
    { ...staff, choices: dangerChips(kind, inFlow) },
  ];
}

/** One gentle question when the words may or may not mean danger. */
export function safetyQuestion(): Say {
  return {
    kind: 'text',
    text: { key: 'danger.check.ask' },
    choices: [
      { kind: 'option', label: { key: 'danger.check.safe' }, value: 'safe' },
      { kind: 'option', label: { key: 'danger.check.unsafe' }, value: 'unsafe' },
      { kind: 'say', label: { key: 'menu.talkToStaff' } },
    ],
  };
}

/** The numbers someone asked for ("เบอร์สายด่วนซึมเศร้าเบอร์อะไร"): no alarm, just the card. */
export function hotlineSays(kind: Danger, inFlow: boolean): Say[] {
  const card = numbersCard(kind, 'danger.hotlineTitle', undefined, 'normal');
  const choices: Choice[] = inFlow
    ? [
        { kind: 'option', label: { key: 'danger.chipResume' }, value: 'resume' },
        { kind: 'say', label: { key: 'menu.talkToStaff' } },
      ]
    : [
        { kind: 'say', label: { key: 'common.menu' } },
        { kind: 'say', label: { key: 'menu.talkToStaff' } },
      ];
  return [{ kind: 'card', card, altText: { key: 'danger.hotlineTitle' }, choices }];
}
