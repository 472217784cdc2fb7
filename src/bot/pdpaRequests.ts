/**
 * A citizen's requests about their own data under the PDPA, typed in the chat: "ขอดูข้อมูลของฉัน" (access, §30),
 * "ลบข้อมูลของฉัน" (erasure, §33), "ถอนความยินยอม" (withdrawal, §19). Each becomes a staff task (a `pdpa_request`
 * alert, listed in the console's alert page and sent to the staff group; once per kind per citizen per day) and
 * the citizen is told what happens next and how long it takes. A withdrawal is also stored as a consent answer
 * (given: false). Staff do the export or erasure in the console (src/admin/pdpa/).
 */
import type { Say } from '../engine/types';
import { t, type MessageKey } from '../i18n';
import { getCentre } from '../domain/data';
import { toIsoDate } from '../domain/bangkokTime';
import { withMenu } from './says';
import type { Turn } from './turn/types';

export type PdpaKind = 'access' | 'erasure' | 'withdraw';

/** Version of the withdrawal answer text (pdpa.withdraw.answer) kept with the consent record. */
export const WITHDRAW_TEXT_VERSION = 1;

const ANSWER: Record<PdpaKind, MessageKey> = {
  access: 'pdpa.access.answer',
  erasure: 'pdpa.erase.answer',
  withdraw: 'pdpa.withdraw.answer',
};

/** Records the request (and a withdrawal), raises the staff task, and says what happens next. */
export async function pdpaRequest(turn: Turn, kind: PdpaKind): Promise<Say[]> {
  const { stores, userId, now, locale } = turn;
  if (kind === 'withdraw') {
    await stores.consents.recordOnce({
      lineUserId: userId,
      purpose: 'help_request',
      given: false,
      sensitive: false,
      textKey: ANSWER.withdraw,
      textVersion: WITHDRAW_TEXT_VERSION,
      at: now,
      submissionKey: `withdraw:${turn.eventId}`,
    });
  }
  await stores.alerts.raise({ kind: 'pdpa_request', pdpa: kind, lineUserId: userId, source: `pdpa:${kind}:${userId}:${toIsoDate(now)}` });
  const watching = await stores.staff.anyoneWatching(turn.opts.staffGroupId);
  const next = watching ? t(locale, 'pdpa.staffWillCall') : t(locale, 'pdpa.callUs', { phone: getCentre().phone.display });
  return [withMenu(ANSWER[kind], locale, { next })];
}
