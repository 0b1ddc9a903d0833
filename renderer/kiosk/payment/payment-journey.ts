/**
 * The "Pay a bill" journey as one pure state machine: choose what to pay → reference → amount (unless
 * fixed) → summary → the card terminal → the result, or help. `usePaymentJourney` runs it against the
 * server; everything here is plain data in and out, so every step can be tested without a screen.
 * An action that does not apply to the current state returns that same state.
 */
import {
  checkReference,
  type Payment,
  type PaymentTypesResponse,
  type PaymentTypeView,
  type TerminalPromptKind,
} from '../../../contract/payments';
import { amountProblem, parsePounds } from './money';
import { leadingLiterals } from './reference-entry';

/** With no answer from the server for this long the screen says it cannot confirm the outcome. */
export const lostAfterMs = 45_000;

export interface TerminalPrompt {
  kind: TerminalPromptKind;
  text: string;
}

export type CardStage =
  /** Request sent; the terminal is being woken. */
  | { kind: 'starting' }
  | { kind: 'in-progress'; prompt: TerminalPrompt | null; cancellable: boolean; cancelling: boolean }
  /** Refused before anything happened (terminal offline or busy): nothing taken. */
  | { kind: 'not-started'; code: string }
  /** The final answer (approved, declined, cancelled, unknown). */
  | { kind: 'finished'; payment: Payment }
  /** The kiosk lost contact with the server and cannot say what happened. */
  | { kind: 'lost' };

/** One card payment: its idempotent id, how far it got, and when the server last said anything about it. */
export interface CardPayment {
  id: string;
  stage: CardStage;
  lastHeardAt: number;
}

/** What the resident has entered so far. */
export interface Entry {
  type: PaymentTypeView;
  reference: string;
  /** The amount as typed ("125.5"); unused for a fixed amount. */
  amountText: string;
}

export type UnavailableReason = 'no-answer' | 'nothing-offered' | 'terminal-unavailable';

export type JourneyState =
  | { step: 'loading' }
  | { step: 'unavailable'; reason: UnavailableReason }
  | { step: 'type'; types: PaymentTypeView[] }
  | { step: 'reference' | 'amount' | 'summary'; types: PaymentTypeView[]; entry: Entry }
  | { step: 'card' | 'help'; types: PaymentTypeView[]; entry: Entry; card: CardPayment };

export type JourneyAction =
  | { type: 'catalogue-loaded'; catalogue: PaymentTypesResponse }
  | { type: 'catalogue-failed' }
  | { type: 'type-chosen'; typeId: string }
  | { type: 'reference-typed'; reference: string }
  | { type: 'amount-typed'; amountText: string }
  | { type: 'continued' }
  | { type: 'back' }
  /** The resident pressed Pay; `paymentId` is the new idempotent id, `at` the time it was sent. */
  | { type: 'pay'; paymentId: string; at: number }
  /** The server's view of a payment (start answer, poll, result fetched after an event, cancel answer). */
  | { type: 'payment-heard'; payment: Payment; at: number }
  | { type: 'prompt-heard'; id: string; prompt: TerminalPrompt; cancellable: boolean; at: number }
  | { type: 'start-refused'; id: string; code: string }
  | { type: 'poll-failed'; id: string; at: number }
  | { type: 'cancel-requested' }
  /** The terminal would not cancel (card already presented) or did not answer: the final result will tell. */
  | { type: 'cancel-failed' }
  | { type: 'try-again' }
  | { type: 'help' };

export const initialJourney: JourneyState = { step: 'loading' };

/** The pence to pay, or null while the entered amount is missing or outside the type's limits. */
export function amountToPay(entry: Entry): number | null {
  if (entry.type.amount.mode === 'fixed') return entry.type.amount.pence;
  return amountProblem(entry.amountText, entry.type) === null ? parsePounds(entry.amountText) : null;
}

/** The card terminal is busy with this payment: nothing may interrupt it. */
export function isInFlight(stage: CardStage): boolean {
  return stage.kind === 'starting' || stage.kind === 'in-progress';
}

/** Whether to keep asking the server: until the answer, and for an approval until its receipt has printed (or failed to). */
export function isFollowing(stage: CardStage): boolean {
  return (
    isInFlight(stage) ||
    (stage.kind === 'finished' && stage.payment.state === 'approved' && !stage.payment.receiptProblem)
  );
}

/** Nothing was taken, so the same entry may be paid again (under a new id). */
export function mayTryAgain(stage: CardStage): boolean {
  return (
    stage.kind === 'not-started' ||
    (stage.kind === 'finished' && (stage.payment.outcome === 'declined' || stage.payment.outcome === 'cancelled'))
  );
}

/** The journey has ended without a payment taken for certain: the resident may ask staff. */
export function mayAskForHelp(stage: CardStage): boolean {
  return (
    stage.kind === 'not-started' ||
    stage.kind === 'lost' ||
    (stage.kind === 'finished' && stage.payment.outcome !== 'approved')
  );
}

export function paymentJourney(state: JourneyState, action: JourneyAction): JourneyState {
  switch (action.type) {
    case 'catalogue-loaded': {
      if (state.step !== 'loading') return state;
      const { types, terminalAvailable } = action.catalogue;
      if (types.length === 0) return { step: 'unavailable', reason: 'nothing-offered' };
      if (!terminalAvailable) return { step: 'unavailable', reason: 'terminal-unavailable' };
      return { step: 'type', types };
    }
    case 'catalogue-failed':
      return state.step === 'loading' ? { step: 'unavailable', reason: 'no-answer' } : state;
    case 'type-chosen': {
      if (state.step !== 'type') return state;
      const type = state.types.find((view) => view.id === action.typeId);
      if (!type) return state;
      const entry = { type, reference: leadingLiterals(type.reference.mask), amountText: '' };
      return { step: 'reference', types: state.types, entry };
    }
    case 'reference-typed':
      return state.step === 'reference' ? { ...state, entry: { ...state.entry, reference: action.reference } } : state;
    case 'amount-typed':
      return state.step === 'amount' ? { ...state, entry: { ...state.entry, amountText: action.amountText } } : state;
    case 'continued':
      if (state.step === 'reference') {
        if (!checkReference(state.entry.type.reference, state.entry.reference).ok) return state;
        return { ...state, step: state.entry.type.amount.mode === 'fixed' ? 'summary' : 'amount' };
      }
      if (state.step === 'amount') return amountToPay(state.entry) === null ? state : { ...state, step: 'summary' };
      return state;
    case 'back':
      switch (state.step) {
        case 'reference':
          return { step: 'type', types: state.types };
        case 'amount':
          return { ...state, step: 'reference' };
        case 'summary':
          return { ...state, step: state.entry.type.amount.mode === 'fixed' ? 'reference' : 'amount' };
        default:
          return state;
      }
    case 'pay':
      if (state.step !== 'summary' || amountToPay(state.entry) === null) return state;
      return {
        ...state,
        step: 'card',
        card: { id: action.paymentId, stage: { kind: 'starting' }, lastHeardAt: action.at },
      };
    case 'try-again':
      if (state.step !== 'card' || !mayTryAgain(state.card.stage)) return state;
      return { step: 'summary', types: state.types, entry: state.entry };
    case 'help':
      return state.step === 'card' && mayAskForHelp(state.card.stage) ? { ...state, step: 'help' } : state;
    default:
      return state.step === 'card' || state.step === 'help' ? withCard(state, action) : state;
  }
}

type CardAction = Extract<
  JourneyAction,
  { type: 'payment-heard' | 'prompt-heard' | 'start-refused' | 'poll-failed' | 'cancel-requested' | 'cancel-failed' }
>;
type WithCard = Extract<JourneyState, { card: CardPayment }>;

/** What the server says about the payment, after Pay (also on the help screen: a late result still counts). */
function withCard(state: WithCard, action: CardAction): JourneyState {
  const { card } = state;
  const stage = card.stage;
  const next = (changed: Partial<CardPayment>): JourneyState => ({ ...state, card: { ...card, ...changed } });
  switch (action.type) {
    case 'payment-heard': {
      const { payment } = action;
      if (payment.id !== card.id) return state;
      if (payment.outcome !== 'in-progress')
        return next({ stage: { kind: 'finished', payment }, lastHeardAt: action.at });
      // Answers can cross (a poll sent before the result, answered after it): a final answer stays final.
      if (stage.kind === 'finished') return state;
      const previous = stage.kind === 'in-progress' ? stage : null;
      return next({
        stage: {
          kind: 'in-progress',
          prompt: payment.prompt ?? previous?.prompt ?? null,
          cancellable: payment.cancellable,
          cancelling: previous?.cancelling ?? false,
        },
        lastHeardAt: action.at,
      });
    }
    case 'prompt-heard':
      if (action.id !== card.id || !isInFlight(stage)) return state;
      return next({
        stage: {
          kind: 'in-progress',
          prompt: action.prompt,
          cancellable: action.cancellable,
          cancelling: stage.kind === 'in-progress' && stage.cancelling,
        },
        lastHeardAt: action.at,
      });
    case 'start-refused':
      // Only while starting: a retried start is answered with the same payment, never refused once it began.
      if (action.id !== card.id || stage.kind !== 'starting') return state;
      return next({ stage: { kind: 'not-started', code: action.code } });
    case 'poll-failed':
      if (action.id !== card.id || !isInFlight(stage) || action.at - card.lastHeardAt <= lostAfterMs) return state;
      return next({ stage: { kind: 'lost' } });
    case 'cancel-requested':
      if (stage.kind !== 'in-progress' || !stage.cancellable || stage.cancelling) return state;
      return next({ stage: { ...stage, cancelling: true } });
    case 'cancel-failed':
      if (stage.kind !== 'in-progress' || (!stage.cancelling && !stage.cancellable)) return state;
      return next({ stage: { ...stage, cancelling: false, cancellable: false } });
  }
}
