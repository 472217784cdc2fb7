/**
 * What a citizen who asks for a person is told about when staff will answer, by the hour it is asked.
 */
import { DateTime } from 'luxon';
import { startHandoff } from '../../src/bot/handoff';
import { memoryStores } from '../../src/bot/stores/memory';
import { isBusinessDay, nextBusinessDays } from '../../src/domain/calendar/businessDays';
import { t } from '../../src/i18n';
import { resolveLabel } from '../../src/engine/labels';

const DAY = nextBusinessDays(new Date(), 30, { includeStart: false }).find((d) => isBusinessDay(d))!;
const at = (time: string) => DateTime.fromISO(`${DAY}T${time}`, { zone: 'Asia/Bangkok' }).toJSDate();

async function notice(now: Date): Promise<string> {
  const stores = memoryStores(() => now);
  const says = await startHandoff(stores, 'U-handoff', now, 'th', 'test');
  return says.map((s) => ('text' in s && s.text ? resolveLabel(s.text, 'th') : '')).join('\n');
}

describe('the notice when a citizen asks for a person', () => {
  it('early on a working day: staff answer today after the office opens, not "the next working day"', async () => {
    const text = await notice(at('07:06'));
    expect(text).toContain('วันนี้ หลัง 08:30 น.');
    expect(text).not.toContain('วันทำการถัดไป');
    expect(text).toContain('1300');
  });

  it('in office hours: staff answer in office hours; in the evening: on the next working day, with its date', async () => {
    expect(await notice(at('10:40'))).toContain(t('th', 'staff.opened').split('\n')[0]!);
    const evening = await notice(at('19:30'));
    expect(evening).toContain('วันทำการถัดไป');
    expect(evening).toContain('08:30');
  });
});
