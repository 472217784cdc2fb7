/**
 * The bot's recurring answers that are not part of a flow: the menu and the centre's card (danger cards:
 * dangerSays.ts).
 * All text comes from locales/ through labels; facts (address, hours, numbers) from the editable centre data.
 */
import type { Card, Choice, Say } from '../engine/types';
import type { Locale, MessageKey } from '../i18n';
import { getCentre } from '../domain/data';

/** The six main menu items, in the order of the rich menu. */
export const MENU_ITEMS = [
  'menu.requestHelp',
  'menu.checkEligibility',
  'menu.bookVisit',
  'menu.track',
  'menu.talkToStaff',
  'menu.centreInfo',
] as const satisfies readonly MessageKey[];
export type MenuItem = (typeof MENU_ITEMS)[number];

/** The main menu as quick-reply chips; each sends its label as typed text, like the rich menu does. */
export function menuChoices(_locale: Locale): Choice[] {
  return MENU_ITEMS.map((key) => ({ kind: 'say', label: { key } }));
}

/** A text followed by the main menu. */
export function withMenu(key: MessageKey, locale: Locale, params?: Record<string, string | number>): Say {
  return { kind: 'text', text: { key, params }, choices: menuChoices(locale) };
}

/** The centre's card: address, hours, phone, hotline, with call buttons. */
export function centreCard(locale: Locale): Say {
  const c = getCentre();
  const card: Card = {
    title: { key: 'info.title' },
    rows: [
      { label: { key: 'info.address' }, value: { literal: c.address[locale] } },
      { label: { key: 'info.hours' }, value: { key: 'info.hoursValue', params: { open: c.officeHours.open, close: c.officeHours.close } } },
      { label: { key: 'info.phone' }, value: { literal: c.phone.display } },
      { label: { key: 'info.hotline' }, value: { literal: '1300' } },
      { label: { key: 'info.services' }, value: { key: 'info.servicesValue' } },
    ],
    buttons: [
      { kind: 'call', label: { key: 'info.callCentre' }, phone: c.phone.value },
      { kind: 'call', label: { key: 'info.call1300' }, phone: '1300' },
    ],
  };
  return { kind: 'card', card, altText: { key: 'info.title' }, choices: menuChoices(locale) };
}
