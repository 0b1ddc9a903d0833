/**
 * Runs the payment journey (payment-journey.ts) against the server: loads what this kiosk offers,
 * starts the payment with an idempotent id (so a retried request can never start a second payment),
 * follows it by WebSocket events and by polling (either alone is enough), cancels it while the card
 * has not been presented, and holds the inactivity reset while the terminal is busy.
 */
import { useCallback, useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { Payment, StartPaymentRequest } from '../../../contract/payments';
import { ApiRequestError } from '../../shared/api-client';
import {
  cancelPayment,
  fetchPayment,
  fetchPaymentTypes,
  newPaymentId,
  startPayment,
  subscribeToPaymentEvents,
} from './api';
import {
  amountToPay,
  initialJourney,
  isFollowing,
  isInFlight,
  paymentJourney,
  type CardPayment,
  type JourneyAction,
} from './payment-journey';

const pollMs = 1_000;
const startAttempts = 3;
const startRetryMs = 1_000;

export function usePaymentJourney(kioskId: string, holdInactivity: (hold: boolean) => void) {
  const [state, dispatch] = useReducer(paymentJourney, initialJourney);
  const card = state.step === 'card' || state.step === 'help' ? state.card : null;
  // For the event stream and the leaving clean-up, which outlive any one render.
  const latestCard = useRef<CardPayment | null>(card);
  useEffect(() => {
    latestCard.current = card;
  }, [card]);

  const heard = useCallback((payment: Payment) => dispatch({ type: 'payment-heard', payment, at: Date.now() }), []);

  useEffect(() => {
    let live = true;
    fetchPaymentTypes(kioskId).then(
      (catalogue) => live && dispatch({ type: 'catalogue-loaded', catalogue }),
      () => live && dispatch({ type: 'catalogue-failed' }),
    );
    return () => {
      live = false;
    };
  }, [kioskId]);

  // The card terminal must never be interrupted by the inactivity reset.
  const inFlight = card !== null && isInFlight(card.stage);
  useEffect(() => {
    holdInactivity(inFlight);
  }, [inFlight, holdInactivity]);
  useEffect(() => () => holdInactivity(false), [holdInactivity]);

  // Leaving the journey (Home) while the terminal still waits for a card: stop it.
  useEffect(
    () => () => {
      const last = latestCard.current;
      if (last?.stage.kind === 'in-progress' && last.stage.cancellable)
        void cancelPayment(last.id).catch(() => undefined);
    },
    [],
  );

  // Events (subscribed from the start, so no early prompt is missed): prompts at once, results at once.
  useEffect(
    () =>
      subscribeToPaymentEvents((event) => {
        const id = latestCard.current?.id;
        if (event.id !== id) return;
        // The shared stream only says it changed; the details come by id (not broadcast to every screen).
        if (event.type === 'payment.result') fetchPayment(id).then(heard, () => undefined);
        else
          dispatch({ type: 'prompt-heard', id, prompt: event.prompt, cancellable: event.cancellable, at: Date.now() });
      }),
    [heard],
  );

  // Polling: the answer arrives even when the event socket is down.
  const followedId = card && isFollowing(card.stage) ? card.id : null;
  useEffect(() => {
    if (!followedId) return;
    const timer = setInterval(() => {
      fetchPayment(followedId).then(heard, () => dispatch({ type: 'poll-failed', id: followedId, at: Date.now() }));
    }, pollMs);
    return () => clearInterval(timer);
  }, [followedId, heard]);

  const pay = useCallback(() => {
    if (state.step !== 'summary') return;
    const amountPence = amountToPay(state.entry);
    if (amountPence === null) return;
    const id = newPaymentId();
    const at = Date.now();
    dispatch({ type: 'pay', paymentId: id, at });
    latestCard.current = { id, stage: { kind: 'starting' }, lastHeardAt: at };
    const { type, reference } = state.entry;
    void start({ id, kiosk: kioskId, type: type.id, reference, amountPence }, dispatch);
  }, [state, kioskId]);

  const cancel = useCallback(() => {
    if (!card) return;
    dispatch({ type: 'cancel-requested' });
    cancelPayment(card.id).then(heard, () => dispatch({ type: 'cancel-failed' }));
  }, [card, heard]);

  return { state, dispatch, pay, cancel };
}

/** The same id on every attempt: the server starts at most one payment for it. */
async function start(body: StartPaymentRequest, dispatch: Dispatch<JourneyAction>): Promise<void> {
  for (let attempt = 0; attempt < startAttempts; attempt++) {
    try {
      const payment = await startPayment(body);
      dispatch({ type: 'payment-heard', payment, at: Date.now() });
      return;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status >= 400) {
        dispatch({ type: 'start-refused', id: body.id, code: error.code });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, startRetryMs));
    }
  }
  // Unsure whether it arrived: polling decides (no answer for long enough = lost, shown as such).
}
