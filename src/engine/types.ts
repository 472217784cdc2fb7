/**
 * The conversation engine's vocabulary. Nothing here knows LINE: the bot's edge turns LINE events into
 * `Incoming` and renders `Say` into LINE messages.
 */
import type { Locale, MessageKey } from '../i18n';
import type { Intent, Understanding } from '../nlu';

/**
 * Placeholder values: plain text or numbers, another locale string (e.g. a relation's name inside a sentence), or
 * data written in each language (a place name: `{ th: 'แม่วะ', en: 'Mae Wa' }`).
 */
export type Params = Record<string, string | number | { key: MessageKey } | { th: string; en: string }>;

/** A label for a button: a locale key, or literal data (a village name, a date) shown as is. */
export type Label = { key: MessageKey; params?: Params } | { literal: string };

/**
 * Something the citizen can tap. `option` sends back its `value` to the step that offered it; `say` sends a
 * word as if typed (global words); `date` opens a date picker; `call` dials a number; `location`/`camera`/`cameraRoll`
 * open LINE's own.
 */
export type Choice =
  | {
      kind: 'option';
      label: Label;
      value: string;
      /** Other words a citizen may type for this option (matched whole, after normalising). */
      words?: readonly string[];
      /** The free-text intent that also picks this option (e.g. `confirm` for "ตกลง", "โอเค", "ถูกต้องจ้า"). */
      means?: Intent;
    }
  /** Sends `text` as if typed (default: the label itself, in the citizen's language). */
  | { kind: 'say'; label: Label; text?: string }
  | { kind: 'date'; label: Label; value: string; min?: string; max?: string; initial?: string }
  | { kind: 'location'; label: Label }
  /** Opens the phone's dialler with this number (a `tel:` URI action). */
  | { kind: 'call'; label: Label; phone: string }
  | { kind: 'camera'; label: Label }
  | { kind: 'cameraRoll'; label: Label };

/** A structured card (rendered as a Flex bubble on LINE). `rows` are label/value pairs. */
export interface Card {
  title: Label;
  subtitle?: Label;
  /** Visual tone: urgent cards are red, done cards green. */
  tone?: 'normal' | 'urgent' | 'success';
  rows: { label: Label; value: Label }[];
  /** Buttons at the bottom of the card. */
  buttons?: CardButton[];
}

export type CardButton =
  { kind: 'call'; label: Label; phone: string } | { kind: 'option'; label: Label; value: string } | { kind: 'say'; label: Label; text: string };

/** What the bot says: a text (with optional quick replies) or a card. */
export type Say = { kind: 'text'; text: Label; choices?: Choice[] } | { kind: 'card'; card: Card; altText: Label; choices?: Choice[] };

/** What the citizen did, independent of LINE. */
export type Incoming =
  | { kind: 'text'; text: string }
  /**
   * A tapped option; `step` is the step that offered it (to detect stale taps), absent for global buttons.
   * `typed`: the words, when the option was read from typed text.
   */
  | { kind: 'option'; value: string; flow?: string; step?: string; typed?: string }
  | { kind: 'date'; date: string; flow?: string; step?: string }
  | { kind: 'location'; latitude: number; longitude: number; address?: string; title?: string }
  | { kind: 'image'; lineMessageId: string }
  | { kind: 'media'; mediaType: 'sticker' | 'audio' | 'video' | 'file' | 'other' }
  | { kind: 'follow' };

/** A place: shared with LINE's location button, or an address typed as text. */
export interface Place {
  latitude?: number;
  longitude?: number;
  address?: string;
  title?: string;
}

/**
 * A step's verdict on an input: take these answers and move on; ask again explaining why; or stay on this step,
 * keeping these answers and this step's scratch (`pending`: photos received so far, a week typed, …).
 */
export type Accept<D, P = never> =
  { ok: true; patch: Partial<D> } | { ok: false; reason: MessageKey; params?: Params } | { ok: 'stay'; patch?: Partial<D>; pending?: P };

/**
 * Read-only context a flow step may use. `services` is what the flow needs from outside, of the type the flow
 * declares (`Flow<D, X>`): the caller supplies it each turn, so flows stay pure data and functions (the booking
 * flow reads seats taken from it; the engine knows nothing of what is inside).
 */
export interface StepContext<X = unknown> {
  now: Date;
  locale: Locale;
  services: X;
}

/**
 * A step of a flow: how to ask and how to accept an answer. Every step kind (choice, text, phone, age, date,
 * location, photo, confirm) is built from these two functions by the helpers in `steps.ts`.
 *
 * `P` is the step's scratch state while it stays (see {@link Accept}): the interpreter keeps it in
 * `FlowState.pending`, gives it back to the same step only, and drops it as soon as the step is left.
 */
export interface Step<D, X = unknown, P = never> {
  /** The field this step fills; a step whose field is already filled is skipped (free text may fill it early). */
  field?: keyof D & string;
  /** What to say to ask (the last `Say` carries the quick replies). */
  ask(data: D, ctx: StepContext<X>, pending?: P): Say[];
  /** Maps what free-text understanding found in typed text to one of this step's option values. */
  fromText?(understood: Understanding): string | undefined;
  /** Interprets the citizen's input. */
  accept(input: Incoming, data: D, ctx: StepContext<X>, pending?: P): Accept<D, P>;
  /** Which step comes next, or `submit` to finish. Defaults to the next step in the flow's order. */
  next?(data: D): string;
  /** Skipped when this holds (besides the field-filled rule). */
  skip?(data: D): boolean;
  /** Answers that depend on this one and must be asked again when it changes (e.g. who → relation). */
  clears?: readonly (keyof D & string)[];
  /** Said once right after the answer is accepted (e.g. the 1300 advice for someone outside the area). */
  after?(data: D): Say[];
  /**
   * How to answer, with an example ("พิมพ์เบอร์โทร 10 หลัก เช่น …"): said in place of the question when the
   * citizen seems stuck (see the interpreter's no-dead-end rule).
   */
  hint?: MessageKey;
  /** Typed numbers are this step's own answers (an age, an amount): they pick an option only once numbers are shown. */
  numeric?: boolean;
  /**
   * Once the step is stuck, typed words it still cannot use are taken as this answer (e.g. relation "ญาติอื่น ๆ")
   * and kept word for word in `FlowState.unconfirmed` for staff to confirm. Steps without it never guess.
   */
  freeTextForStaff?(text: string, data: D): Partial<D>;
}

/** What a flow starts with: slots free text understood, or answers carried over from another flow (untyped). */
export type Prefill = Readonly<Record<string, unknown>>;

/**
 * A conversation flow: typed data that the interpreter walks. `D` is its answers (every field optional: a
 * flow fills them one by one); `X` the services it needs each turn (see {@link StepContext}).
 */
export interface Flow<D extends object, X = unknown> {
  id: string;
  /** Bump when steps change: a session stored with another version is reset politely. */
  version: number;
  /** Steps in their default order. */
  order: readonly string[];
  /** Each step with its own scratch type; `unknown` here because a record holds steps of several. */
  steps: Readonly<Record<string, Step<D, X, unknown>>>;
  /** The answers to start with, from what free text understood or another flow carried over (their questions are skipped). */
  prefill(slots: Prefill): D;
  /** The summary step lets the citizen pick one of these to change. */
  editable?: readonly { step: string; label: MessageKey }[];
  /**
   * Answers that are no step's own but that a step uses when it asks (a wished day for the date step): answer
   * name → that step. Said while an earlier question is asked, they are kept for it as its own answer would be.
   */
  feeds?: Readonly<Record<string, string>>;
}

/** The stored state of a citizen's conversation in a flow (plain, serialisable). */
export interface FlowState<D extends object = object> {
  flow: string;
  version: number;
  step: string;
  data: D;
  /** The current step's scratch while it stays (absent otherwise); only that step reads it. */
  pending?: unknown;
  /** Steps answered, for ย้อนกลับ. */
  history: string[];
  /**
   * Answers the current step could not use, in a row (absent when none). From the second on, the step
   * changes approach (numbered options, its hint, talk to staff) instead of asking the same again.
   */
  misses?: number;
  /** The citizen's own words taken for a step that could not read them (step id → words): for staff to confirm. */
  unconfirmed?: Record<string, string>;
  /** Identifies this run of the flow: what it submits is stored once under this key. */
  key?: string;
}
