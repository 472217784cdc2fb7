/**
 * A booking in words — who, what for, when, where — as the citizen's cards and the staff's messages show it.
 * Kept out of the booking flow so that the bot's cards and the staff side share it without importing a flow.
 */
import { getCentre } from '../domain/data';
import { formatThaiDateTime } from '../domain/thai/dates';
import { t, type Locale, type MessageKey } from '../i18n';
import { isRelation, relationLabel } from '../vocabulary';
import { PURPOSES, type Purpose } from '../../flows/booking';

/** Who the visit is for, in words. */
export function whoText(d: { who?: string | null; relation?: string | null; name?: string | null }, locale: Locale): string {
  if (d.who === 'self' || !d.who) return d.name ? `${t(locale, 'help.who.self')} (${d.name})` : t(locale, 'help.who.self');
  const whom =
    d.who === 'relative' && isRelation(d.relation)
      ? t(locale, relationLabel(d.relation))
      : t(locale, d.who === 'relative' ? 'help.who.relative' : 'help.who.other');
  return d.name ? `${whom} (${d.name})` : whom;
}

/** Purpose in words (with the citizen's own note for "other"). */
export function purposeText(purpose: string, note: string | undefined | null, locale: Locale): string {
  const p = t(locale, purposeLabel(isPurpose(purpose) ? purpose : 'other'));
  return note ? `${p}: ${note}` : p;
}

/** "วันอังคารที่ 15 ธันวาคม 2569 เวลา 10:00 น." */
export function whenText(dateIso: string, time: string, locale: Locale): string {
  return formatThaiDateTime(`${dateIso}T${time}`, { locale, weekday: true });
}

/** The centre's name and address, from the editable data. */
export function placeText(locale: Locale): string {
  const c = getCentre();
  return `${c.name[locale]}\n${c.address[locale]}`;
}

const isPurpose = (v: unknown): v is Purpose => PURPOSES.some((p) => p === v);
const purposeLabel = (p: Purpose): MessageKey => `booking.purpose.${p}`;
