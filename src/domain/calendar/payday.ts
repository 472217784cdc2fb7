/**
 * The days the monthly allowances reach the bank account (src/domain/data/benefits.ts `ALLOWANCE_PAYMENT`): the
 * set day of each month, or the last business day before it when the centre's calendar has it closed.
 */
import { ALLOWANCE_PAYMENT } from '../data/benefits';
import { toBangkok, toIsoDate, type DateInput, type IsoDate } from '../bangkokTime';
import { isBusinessDay } from './businessDays';

/** The payday of the month that `date` falls in. */
export function paydayOf(date: DateInput): IsoDate {
  let day = toBangkok(date).set({ day: ALLOWANCE_PAYMENT.dayOfMonth }).startOf('day');
  for (let guard = 0; !isBusinessDay(day) && guard < 31; guard++) day = day.minus({ days: 1 });
  return toIsoDate(day.toJSDate());
}

/** The next payday from `now` (today's included), and this month's when it has passed already. */
export function paydays(now: DateInput): { next: IsoDate; paid?: IsoDate } {
  const today = toIsoDate(now);
  const thisMonth = paydayOf(now);
  if (today <= thisMonth) return { next: thisMonth };
  return { next: paydayOf(toBangkok(now).plus({ months: 1 }).set({ day: 1 })), paid: thisMonth };
}
