/**
 * What the citizen said about the person concerned, remembered across flows in the session: age, who and
 * relation, phone, village or area. A flow started later begins with them (its prefill), so a fact
 * given once is not asked again; the flow's summary shows them for correction. A benefit is not remembered
 * here: the eligibility check hands it to the booking itself, and "ตรวจสิทธิ์อื่น" must ask for another one.
 */
import { OUTSIDE } from '../../../flows/places';

export type Facts = Record<string, unknown>;

/** Who the facts are about: taken together, and dropped together when new words name someone else. */
const PERSON = ['who', 'relation', 'age'] as const;

/** The facts in a flow's answers (the answer names the flows share). */
export function factsOf(data: object): Facts {
  const d = new Map(Object.entries(data));
  const facts: Facts = {};
  for (const k of PERSON) if (d.get(k) !== undefined && d.get(k) !== null) facts[k] = d.get(k);
  const phone = d.get('phone');
  if (typeof phone === 'string' && phone) facts.phone = phone;
  const village = d.get('village');
  if (village === OUTSIDE && d.get('outsideArea')) facts.place = d.get('outsideArea');
  else if (typeof village === 'string' && village)
    facts.place = { kind: 'found', answer: { village, label: village, toConfirm: d.get('villageToConfirm') === true } };
  return facts;
}

/**
 * The facts known so far, with a flow's answers added (later answers win). A flow that says who the person is
 * replaces the person's facts together: "ตัวเอง" after words read as being about a child leaves no child behind.
 */
export function remember(known: Facts | null, data: object): Facts {
  const now = factsOf(data);
  const kept = { ...(known ?? {}) };
  if (now.who !== undefined) for (const k of PERSON) delete kept[k];
  return { ...kept, ...now };
}

/** What a flow starts with: the remembered facts under what the new message says (a new person drops the old person's facts). */
export function withFacts(known: Facts | null, slots: Record<string, unknown>): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(slots).filter(([, v]) => v !== undefined));
  const facts = { ...(known ?? {}) };
  if (PERSON.some((k) => k !== 'age' && given[k] !== undefined)) for (const k of PERSON) delete facts[k];
  return { ...facts, ...given };
}
