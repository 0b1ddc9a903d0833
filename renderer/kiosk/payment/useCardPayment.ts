/**
 * Runs the card part of the journey against the server: starts the payment with an idempotent id
 * (so a retried request can never start a second payment), follows it by WebSocket events and by
 * polling (either alone is enough), and cancels it while the card has not been presented.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Payment, StartPaymentRequest, TerminalPromptKind } from '../../../contract/payments';
import { ApiRequestError } from '../../shared/api-client';
import { cancelPayment, fetchPayment, startPayment, subscribeToPaymentEvents } from './api';

export type CardStage =
  | { kind: 'idle' }
  /** Request sent; the terminal is being woken. */
  | { kind: 'starting' }
  | {
      kind: 'in-progress';
      prompt: { kind: TerminalPromptKind; text: string } | null;
      cancellable: boolean;
      cancelling: boolean;
    }
  /** Refused before anything happened (terminal offline or busy): nothing taken. */
  | { kind: 'not-started'; code: string }
  /** The final answer (approved, declined, cancelled, unknown). */
  | { kind: 'finished'; payment: Payment }
  /** The kiosk lost contact with the server and cannot say what happened. */
  | { kind: 'lost'; id: string };

const pollMs = 1_000;
/** With no answer from the server for this long the screen says it cannot confirm the outcome. */
const lostAfterMs = 45_000;

export function useCardPayment() {
  const [stage, setStage] = useState<CardStage>({ kind: 'idle' });
  const current = useRef<string | null>(null);
  const lastHeard = useRef(0);
  const mounted = useRef(true);

  const apply = useCallback((payment: Payment) => {
    if (!mounted.current || payment.id !== current.current) return;
    lastHeard.current = Date.now();
    if (payment.outcome === 'in-progress') {
      setStage((previous) => ({
        kind: 'in-progress',
        prompt: payment.prompt ?? (previous.kind === 'in-progress' ? previous.prompt : null),
        cancellable: payment.cancellable,
        cancelling: previous.kind === 'in-progress' ? previous.cancelling : false,
      }));
    } else setStage({ kind: 'finished', payment });
  }, []);

  // Events: prompts at once, results at once.
  useEffect(() => {
    mounted.current = true;
    const stop = subscribeToPaymentEvents((event) => {
      // The shared stream only says it changed; the details come by id (not broadcast to every screen).
      if (event.type === 'payment.result') {
        if (event.id === current.current) fetchPayment(event.id).then(apply, () => undefined);
      } else if (event.id === current.current) {
        lastHeard.current = Date.now();
        setStage((previous) =>
          previous.kind === 'in-progress' || previous.kind === 'starting'
            ? {
                kind: 'in-progress',
                prompt: event.prompt,
                cancellable: event.cancellable,
                cancelling: previous.kind === 'in-progress' && previous.cancelling,
              }
            : previous,
        );
      }
    });
    return () => {
      mounted.current = false;
      stop();
    };
  }, [apply]);

  // Polling: the answer arrives even when the event socket is down; keeps following an approved
  // payment until its receipt has printed (or failed to).
  const following =
    stage.kind === 'starting' ||
    stage.kind === 'in-progress' ||
    (stage.kind === 'finished' && stage.payment.state === 'approved' && !stage.payment.receiptProblem);
  useEffect(() => {
    if (!following || !current.current) return;
    const id = current.current;
    const timer = setInterval(() => {
      fetchPayment(id).then(apply, () => {
        if (Date.now() - lastHeard.current > lostAfterMs && mounted.current && current.current === id)
          setStage((s) => (s.kind === 'finished' ? s : { kind: 'lost', id }));
      });
    }, pollMs);
    return () => clearInterval(timer);
  }, [following, apply]);

  const start = useCallback(
    async (body: StartPaymentRequest) => {
      current.current = body.id;
      lastHeard.current = Date.now();
      setStage({ kind: 'starting' });
      // The same id on every attempt: the server starts at most one payment for it.
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          apply(await startPayment(body));
          return;
        } catch (error) {
          if (error instanceof ApiRequestError && error.status >= 400) {
            if (mounted.current && current.current === body.id) setStage({ kind: 'not-started', code: error.code });
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
      // Unsure whether it arrived: polling decides (404 for long enough = lost, shown as such).
    },
    [apply],
  );

  const cancel = useCallback(async () => {
    const id = current.current;
    if (!id) return;
    setStage((s) => (s.kind === 'in-progress' ? { ...s, cancelling: true } : s));
    try {
      apply(await cancelPayment(id));
    } catch {
      // Too late (card presented) or no answer: the final result will tell.
      setStage((s) => (s.kind === 'in-progress' ? { ...s, cancelling: false, cancellable: false } : s));
    }
  }, [apply]);

  /** Forget this payment (try again with a new id, or leave). */
  const reset = useCallback(() => {
    current.current = null;
    setStage({ kind: 'idle' });
  }, []);

  return { stage, start, cancel, reset, currentId: () => current.current };
}
