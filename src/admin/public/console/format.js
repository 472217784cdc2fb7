/*
 * Dates and times as staff read them: Thai, Buddhist era, Bangkok time, whatever the computer's own zone.
 */

const zone = { timeZone: 'Asia/Bangkok' };
const fmtDateTime = new Intl.DateTimeFormat('th-TH', {
  ...zone,
  day: 'numeric',
  month: 'short',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const fmtDate = new Intl.DateTimeFormat('th-TH', { ...zone, weekday: 'short', day: 'numeric', month: 'short', year: '2-digit' });
const fmtTime = new Intl.DateTimeFormat('th-TH', { ...zone, hour: '2-digit', minute: '2-digit' });
const fmtIso = new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' });

export const dateTime = (s) => (s ? fmtDateTime.format(new Date(s)) : '');
export const dateOnly = (s) => (s ? fmtDate.format(new Date(s)) : '');
export const timeOnly = (s) => (s ? fmtTime.format(new Date(s)) : '');

/** Today's Bangkok date as YYYY-MM-DD. */
export const todayIso = () => fmtIso.format(new Date());
