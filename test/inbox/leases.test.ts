import { useTestDb } from '../helpers/db';
import { LaneLock } from '../../src/db/models/laneLock';
import { takeLaneLeases } from '../../src/inbox/laneHold';

useTestDb();

describe('lane leases taken for many lanes in one write', () => {
  it('takes free, expired and own leases, and leaves a lane another instance holds to that instance', async () => {
    const soon = new Date(Date.now() + 60_000);
    await LaneLock.create([
      { _id: 'U-other', owner: 'instance-b', until: soon },
      { _id: 'U-expired', owner: 'instance-b', until: new Date(Date.now() - 1000) },
      { _id: 'U-mine', owner: 'instance-a', until: soon },
    ]);

    const got = await takeLaneLeases(['U-free', 'U-other', 'U-expired', 'U-mine'], 'instance-a', 5000);

    expect(got).toEqual([true, false, true, true]);
    const owners = Object.fromEntries((await LaneLock.find().lean()).map((l) => [l._id, l.owner]));
    expect(owners).toEqual({ 'U-free': 'instance-a', 'U-other': 'instance-b', 'U-expired': 'instance-a', 'U-mine': 'instance-a' });
    // The lease the other instance holds keeps its own end; the ones taken end 5 s from now.
    expect((await LaneLock.findById('U-other').lean())?.until).toEqual(soon);
    const mine = await LaneLock.findById('U-free').lean();
    expect(mine!.until.getTime()).toBeGreaterThan(Date.now() + 3000);
  });
});
