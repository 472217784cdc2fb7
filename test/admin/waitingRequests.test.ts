/**
 * The citizen is told "เจ้าหน้าที่จะติดต่อกลับ … ภายใน 1-2 วันทำการ". A request nobody has moved on by the opening of
 * the second business day after its filing day reminds the staff group once (through the dev server, with a
 * fixed clock); one that staff took up, or filed later, does not. A new request without a phone number tells the
 * group to answer in the chat.
 */
import { useTestDb } from '../helpers/db';
import { createLogger } from '../../src/log';
import { WaitingRequestsWatch, waitingCutoff } from '../../src/admin/waitingRequests';
import { alertMessage } from '../../src/admin/alerts';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { storeRequest } from './helpers';

useTestDb();

/** Bangkok wall time (a week in November 2026 with no public holiday: Mon 16 … Fri 20). */
const bkk = (iso: string) => new Date(`${iso}+07:00`);

describe('when a request still waiting is due a reminder', () => {
  it.each([
    ['Wednesday after opening: filed on Monday is due, on Tuesday not', '2026-11-18T09:00', '2026-11-17T00:00'],
    ['Wednesday before opening: only what was filed before Monday', '2026-11-18T08:00', '2026-11-16T00:00'],
    ['Tuesday: Friday and the weekend are due', '2026-11-17T09:00', '2026-11-16T00:00'],
    ['Saturday: as on Friday after opening', '2026-11-21T10:00', '2026-11-19T00:00'],
  ])('%s', (_name, now, cutoff) => {
    expect(waitingCutoff(bkk(now)).toISOString()).toBe(bkk(cutoff).toISOString());
  });
});

describe('the staff group is reminded once', () => {
  async function requestFiled(at: string, status = 'received') {
    const r = await storeRequest({ status });
    // Raw write: mongoose would stamp createdAt with today's date.
    await HelpRequest.collection.updateOne({ _id: r._id }, { $set: { createdAt: bkk(at) } });
    return r.reference;
  }

  it('for a request filed on Monday and still "received" on Wednesday morning; not for one taken up, nor one filed on Tuesday', async () => {
    const waiting = await requestFiled('2026-11-16T10:00');
    const takenUp = await requestFiled('2026-11-16T11:00', 'in_progress');
    const recent = await requestFiled('2026-11-17T10:00');
    const watch = new WaitingRequestsWatch({ log: createLogger('silent'), checkEveryMs: 60_000 });

    expect(await watch.tick(bkk('2026-11-18T07:00'))).toBe(0); // before opening: Tuesday is the latest business day
    expect(await watch.tick(bkk('2026-11-18T09:00'))).toBe(1);
    expect(await watch.tick(bkk('2026-11-18T09:10'))).toBe(0);

    const alerts = await StaffAlert.find({ kind: 'request_waiting' }).lean();
    expect(alerts.map((a) => a.reference)).toEqual([waiting]);
    expect(await HelpRequest.findOne({ reference: waiting }).lean()).toMatchObject({ waitingAlertAt: bkk('2026-11-18T09:00') });
    for (const ref of [takenUp, recent]) expect((await HelpRequest.findOne({ reference: ref }).lean())?.waitingAlertAt).toBeNull();

    // What the group reads: which request, that the citizen was promised a call back, where to open it; no phone.
    const message = await alertMessage(alerts[0]!, 'https://centre.example');
    const text = 'text' in message ? message.text : '';
    expect(text).toContain(`คำร้อง ${waiting} ยังรอการติดต่อกลับ`);
    expect(text).toContain('ภายใน 1-2 วันทำการ');
    expect(text).toContain(`https://centre.example/admin/requests/${waiting}`);
    expect(text).not.toContain('0812345678');
  });

  it('a tick that died between the alert and the mark is finished by the next one without a second alert', async () => {
    const reference = await requestFiled('2026-11-16T09:00');
    const watch = new WaitingRequestsWatch({ log: createLogger('silent'), checkEveryMs: 60_000 });
    await watch.tick(bkk('2026-11-18T09:00'));
    // As if the process died before marking the request.
    await HelpRequest.collection.updateOne({ reference }, { $set: { waitingAlertAt: null } });
    await watch.tick(bkk('2026-11-18T09:30'));
    expect(await StaffAlert.countDocuments({ source: `waiting:${reference}` })).toBe(1);
    expect((await HelpRequest.findOne({ reference }).lean())?.waitingAlertAt).toEqual(bkk('2026-11-18T09:30'));
  });
});

describe('a new request without a phone number', () => {
  it('tells the staff group to answer in the chat; one with a number does not', async () => {
    const none = await storeRequest({ phone: '' });
    const withPhone = await storeRequest();
    const message = async (r: { lineUserId: string; reference: string }) => {
      const m = await alertMessage(
        { kind: 'new_request', lineUserId: r.lineUserId, urgent: false, reference: r.reference, source: `request:${r.reference}` },
        'https://centre.example',
      );
      return 'text' in m ? m.text : '';
    };
    expect(await message(none)).toContain(`ไม่มีเบอร์โทร: ตอบทางแชท https://centre.example/admin/chats/${none.lineUserId}`);
    expect(await message(withPhone)).not.toContain('ไม่มีเบอร์โทร');
  });
});
