/**
 * The payment journey's state machine (renderer/kiosk/payment/payment-journey.ts): every action from
 * every state where it applies, and every other action leaving the state exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Payment, PaymentTypesResponse, PaymentTypeView } from '../../contract/payments.js';
import {
  initialJourney,
  lostAfterMs,
  paymentJourney,
  type JourneyAction,
  type JourneyState,
} from '../../renderer/kiosk/payment/payment-journey.js';

const councilTax: PaymentTypeView = {
  id: 'council-tax',
  name: 'Council tax',
  reference: { mask: '########', checkDigit: 'mod11', example: '12345679' },
  minPence: 100,
  maxPence: 500_000,
  amount: { mode: 'entered' },
};
const invoice: PaymentTypeView = {
  id: 'invoice',
  name: 'Council invoice',
  reference: { mask: 'INV#######', checkDigit: 'mod10-31', example: 'INV1234565' },
  minPence: 100,
  maxPence: 1_000_000,
  amount: { mode: 'entered' },
};
const permit: PaymentTypeView = {
  id: 'permit',
  name: 'Resident parking permit',
  reference: { mask: '@@####', checkDigit: 'none', example: 'AB1234' },
  minPence: 4_500,
  maxPence: 4_500,
  amount: { mode: 'fixed', pence: 4_500 },
};
const catalogue: PaymentTypesResponse = {
  councilName: 'Example Council',
  types: [councilTax, invoice, permit],
  terminalAvailable: true,
};

const paymentId = '0b9f4c4e-6a53-4d0e-9f1e-3c2a5d6e7f80';
const otherId = '5d7c1a2b-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const paidAt = 1_000_000;

function payment(changes: Partial<Payment> = {}): Payment {
  return {
    id: paymentId,
    kiosk: 'kiosk-1',
    type: 'council-tax',
    reference: '12345679',
    amountPence: 1_250,
    state: 'authorising',
    outcome: 'in-progress',
    createdAt: '2025-03-03T10:00:00.000Z',
    updatedAt: '2025-03-03T10:00:05.000Z',
    receiptNumber: null,
    authCode: null,
    cardScheme: null,
    lastFour: null,
    terminalId: null,
    traceNumber: null,
    resultCode: null,
    message: null,
    prompt: null,
    cancellable: true,
    receiptProblem: null,
    resolvedBy: null,
    resolvedAt: null,
    ...changes,
  };
}

const approved = payment({
  state: 'approved',
  outcome: 'approved',
  receiptNumber: 'kiosk-1-000001',
  authCode: 'A1B2C3',
  cancellable: false,
});
const declined = payment({ state: 'declined', outcome: 'declined', resultCode: '05', cancellable: false });
const cancelled = payment({ state: 'cancelled', outcome: 'cancelled', cancellable: false });
const unknown = payment({ state: 'unknown', outcome: 'unknown', cancellable: false });

const run = (...actions: JourneyAction[]) => actions.reduce(paymentJourney, initialJourney);

const loaded: JourneyAction = { type: 'catalogue-loaded', catalogue };
const choose = (typeId: string): JourneyAction => ({ type: 'type-chosen', typeId });
const typeReference = (reference: string): JourneyAction => ({ type: 'reference-typed', reference });
const typeAmount = (amountText: string): JourneyAction => ({ type: 'amount-typed', amountText });
const continued: JourneyAction = { type: 'continued' };
const back: JourneyAction = { type: 'back' };
const pay: JourneyAction = { type: 'pay', paymentId, at: paidAt };
const heard = (p: Payment, at = paidAt + 2_000): JourneyAction => ({ type: 'payment-heard', payment: p, at });
const presentCard = { kind: 'present-card' as const, text: 'PRESENT CARD' };
const enterPin = { kind: 'enter-pin' as const, text: 'ENTER PIN' };

/** What a resident does to reach the summary: council tax, a right reference, £12.50. */
const toSummary = [loaded, choose('council-tax'), typeReference('12345679'), continued, typeAmount('12.5'), continued];

/** A state for every step (and every card stage), reached by the resident's own actions. */
const states = {
  loading: initialJourney,
  unavailable: run({ type: 'catalogue-failed' }),
  type: run(loaded),
  'reference, incomplete': run(loaded, choose('council-tax'), typeReference('1234')),
  'reference, complete': run(...toSummary.slice(0, 3)),
  'amount, empty': run(...toSummary.slice(0, 4)),
  'amount, within limits': run(...toSummary.slice(0, 5)),
  summary: run(...toSummary),
  'card, starting': run(...toSummary, pay),
} satisfies Record<string, JourneyState>;

const starting = states['card, starting'];
const inProgress = paymentJourney(starting, heard(payment({ prompt: presentCard })));
const cardStates = {
  'card, in progress': inProgress,
  'card, card presented': paymentJourney(starting, heard(payment({ prompt: enterPin, cancellable: false }))),
  'card, cancelling': paymentJourney(inProgress, { type: 'cancel-requested' }),
  'card, not started': paymentJourney(starting, { type: 'start-refused', id: paymentId, code: 'terminal-busy' }),
  'card, approved': paymentJourney(starting, heard(approved)),
  'card, declined': paymentJourney(starting, heard(declined)),
  'card, cancelled': paymentJourney(starting, heard(cancelled)),
  'card, unknown': paymentJourney(starting, heard(unknown)),
  'card, lost': paymentJourney(starting, { type: 'poll-failed', id: paymentId, at: paidAt + lostAfterMs + 1 }),
} satisfies Record<string, JourneyState>;
const helpStates = {
  'help, declined': paymentJourney(cardStates['card, declined'], { type: 'help' }),
  'help, lost': paymentJourney(cardStates['card, lost'], { type: 'help' }),
} satisfies Record<string, JourneyState>;
const allStates: Record<string, JourneyState> = { ...states, ...cardStates, ...helpStates };

/** One of each action, as the screen or the server would send it for the payment above. */
const sampleActions: Record<JourneyAction['type'], JourneyAction> = {
  'catalogue-loaded': loaded,
  'catalogue-failed': { type: 'catalogue-failed' },
  'type-chosen': choose('invoice'),
  'reference-typed': typeReference('123'),
  'amount-typed': typeAmount('20'),
  continued,
  back,
  pay,
  'payment-heard': heard({ ...approved, state: 'receipt-printed' }, paidAt + 5_000),
  'prompt-heard': { type: 'prompt-heard', id: paymentId, prompt: enterPin, cancellable: false, at: paidAt + 5_000 },
  'start-refused': { type: 'start-refused', id: paymentId, code: 'terminal-unavailable' },
  'poll-failed': { type: 'poll-failed', id: paymentId, at: paidAt + 2_000 + lostAfterMs + 1 },
  'cancel-requested': { type: 'cancel-requested' },
  'cancel-failed': { type: 'cancel-failed' },
  'try-again': { type: 'try-again' },
  help: { type: 'help' },
};

/** Which sample actions change each state; every other one must leave it as it is. */
const applies: Record<string, Array<JourneyAction['type']>> = {
  loading: ['catalogue-loaded', 'catalogue-failed'],
  unavailable: [],
  type: ['type-chosen'],
  'reference, incomplete': ['reference-typed', 'back'],
  'reference, complete': ['reference-typed', 'back', 'continued'],
  'amount, empty': ['amount-typed', 'back'],
  'amount, within limits': ['amount-typed', 'back', 'continued'],
  summary: ['back', 'pay'],
  'card, starting': ['payment-heard', 'prompt-heard', 'start-refused', 'poll-failed'],
  'card, in progress': ['payment-heard', 'prompt-heard', 'poll-failed', 'cancel-requested', 'cancel-failed'],
  'card, card presented': ['payment-heard', 'prompt-heard', 'poll-failed'],
  'card, cancelling': ['payment-heard', 'prompt-heard', 'poll-failed', 'cancel-failed'],
  'card, not started': ['payment-heard', 'try-again', 'help'],
  'card, approved': ['payment-heard'],
  'card, declined': ['payment-heard', 'try-again', 'help'],
  'card, cancelled': ['payment-heard', 'try-again', 'help'],
  'card, unknown': ['payment-heard', 'help'],
  'card, lost': ['payment-heard', 'help'],
  'help, declined': ['payment-heard'],
  'help, lost': ['payment-heard'],
};

describe('the payment journey: which actions apply where', () => {
  it('has a state for every step, each one reached as a resident would', () => {
    expect(Object.keys(applies).sort()).toEqual(Object.keys(allStates).sort());
    expect(new Set(Object.values(allStates).map((state) => state.step))).toEqual(
      new Set(['loading', 'unavailable', 'type', 'reference', 'amount', 'summary', 'card', 'help']),
    );
  });

  for (const [name, state] of Object.entries(allStates)) {
    const valid = applies[name] ?? [];
    for (const [type, action] of Object.entries(sampleActions)) {
      const changes = valid.includes(action.type);
      it(`${name}: ${type} ${changes ? 'changes the state' : 'leaves it unchanged'}`, () => {
        if (changes) expect(paymentJourney(state, action)).not.toEqual(state);
        else expect(paymentJourney(state, action)).toBe(state);
      });
    }
  }
});

describe('the payment journey: loading what the kiosk offers', () => {
  it('offers the types once they arrive', () => {
    expect(run(loaded)).toEqual({ step: 'type', types: catalogue.types });
  });

  it('says why it cannot take payments: no answer, nothing offered, or the terminal is not working', () => {
    expect(run({ type: 'catalogue-failed' })).toEqual({ step: 'unavailable', reason: 'no-answer' });
    expect(run({ type: 'catalogue-loaded', catalogue: { ...catalogue, types: [] } })).toEqual({
      step: 'unavailable',
      reason: 'nothing-offered',
    });
    expect(run({ type: 'catalogue-loaded', catalogue: { ...catalogue, terminalAvailable: false } })).toEqual({
      step: 'unavailable',
      reason: 'terminal-unavailable',
    });
    // Nothing offered wins: there would be nothing to pay even with a working terminal.
    expect(run({ type: 'catalogue-loaded', catalogue: { ...catalogue, types: [], terminalAvailable: false } })).toEqual(
      { step: 'unavailable', reason: 'nothing-offered' },
    );
  });
});

describe('the payment journey: entering what to pay', () => {
  it('starts the reference with the fixed letters of its mask and an empty amount', () => {
    expect(run(loaded, choose('invoice'))).toEqual({
      step: 'reference',
      types: catalogue.types,
      entry: { type: invoice, reference: 'INV', amountText: '' },
    });
    expect(run(loaded, choose('council-tax'))).toMatchObject({ entry: { reference: '' } });
  });

  it('ignores a type the kiosk does not offer', () => {
    expect(paymentJourney(states.type, choose('dog-licence'))).toBe(states.type);
  });

  it('keeps what is typed', () => {
    expect(states['reference, incomplete']).toMatchObject({ step: 'reference', entry: { reference: '1234' } });
    expect(states['amount, within limits']).toMatchObject({ step: 'amount', entry: { amountText: '12.5' } });
  });

  it('continues from the reference only when it is complete with a right check digit', () => {
    const wrongCheckDigit = paymentJourney(states['reference, incomplete'], typeReference('12345678'));
    expect(paymentJourney(wrongCheckDigit, continued)).toBe(wrongCheckDigit);
    expect(paymentJourney(states['reference, complete'], continued)).toMatchObject({ step: 'amount' });
  });

  it('goes from the reference straight to the summary for a fixed amount, and back again', () => {
    const reference = run(loaded, choose('permit'), typeReference('AB1234'));
    const summary = paymentJourney(reference, continued);
    expect(summary).toMatchObject({ step: 'summary', entry: { type: permit, reference: 'AB1234' } });
    expect(paymentJourney(summary, back)).toEqual(reference);
  });

  it('continues from the amount only within the limits', () => {
    const amount = states['amount, empty'];
    const continueWith = (text: string) => paymentJourney(paymentJourney(amount, typeAmount(text)), continued).step;
    for (const text of ['', '0', '0.00', '0.99', '5000.01']) expect(continueWith(text), text).toBe('amount');
    for (const text of ['1', '12.', '5000']) expect(continueWith(text), text).toBe('summary');
  });

  it('goes back a step at a time, keeping what was typed, and forgets the type at the first step', () => {
    const amount = paymentJourney(states.summary, back);
    expect(amount).toMatchObject({ step: 'amount', entry: { reference: '12345679', amountText: '12.5' } });
    const reference = paymentJourney(amount, back);
    expect(reference).toMatchObject({ step: 'reference', entry: { reference: '12345679', amountText: '12.5' } });
    expect(paymentJourney(reference, back)).toEqual({ step: 'type', types: catalogue.types });
  });

  it('starts afresh when a type is chosen again', () => {
    const again = run(loaded, choose('council-tax'), typeReference('12345679'), back, choose('council-tax'));
    expect(again).toMatchObject({ step: 'reference', entry: { reference: '', amountText: '' } });
  });
});

describe('the payment journey: paying by card', () => {
  it('pays with the new id and waits for the terminal', () => {
    expect(starting).toMatchObject({
      step: 'card',
      entry: { type: councilTax, reference: '12345679', amountText: '12.5' },
      card: { id: paymentId, stage: { kind: 'starting' }, lastHeardAt: paidAt },
    });
  });

  it('shows the terminal prompts as they come, keeping the last one when an answer has none', () => {
    const prompted = paymentJourney(starting, {
      type: 'prompt-heard',
      id: paymentId,
      prompt: presentCard,
      cancellable: true,
      at: paidAt + 500,
    });
    expect(prompted).toMatchObject({
      card: {
        stage: { kind: 'in-progress', prompt: presentCard, cancellable: true, cancelling: false },
        lastHeardAt: paidAt + 500,
      },
    });
    const polled = paymentJourney(prompted, heard(payment({ prompt: null, cancellable: true }), paidAt + 900));
    expect(polled).toMatchObject({ card: { stage: { prompt: presentCard }, lastHeardAt: paidAt + 900 } });
    const presented = paymentJourney(polled, heard(payment({ prompt: enterPin, cancellable: false })));
    expect(presented).toMatchObject({ card: { stage: { prompt: enterPin, cancellable: false } } });
  });

  it('ignores news of any other payment', () => {
    for (const state of [starting, cardStates['card, in progress']]) {
      expect(paymentJourney(state, heard(payment({ id: otherId, outcome: 'approved' })))).toBe(state);
      const prompt = { type: 'prompt-heard', id: otherId, prompt: enterPin, cancellable: false, at: paidAt } as const;
      expect(paymentJourney(state, prompt)).toBe(state);
      expect(paymentJourney(state, { type: 'poll-failed', id: otherId, at: paidAt + lostAfterMs + 1 })).toBe(state);
    }
    expect(paymentJourney(starting, { type: 'start-refused', id: otherId, code: 'terminal-busy' })).toBe(starting);
  });

  it('takes the final answer, and later news of the same payment (its receipt printed)', () => {
    expect(cardStates['card, approved']).toMatchObject({ card: { stage: { kind: 'finished', payment: approved } } });
    const printed = { ...approved, state: 'receipt-printed' as const };
    expect(paymentJourney(cardStates['card, approved'], heard(printed))).toMatchObject({
      card: { stage: { kind: 'finished', payment: printed } },
    });
  });

  it('keeps a final answer when an older "in progress" answer arrives after it', () => {
    const approvedState = cardStates['card, approved'];
    expect(paymentJourney(approvedState, heard(payment({ prompt: enterPin })))).toBe(approvedState);
  });

  it('says it was not started when the server refuses the start', () => {
    expect(cardStates['card, not started']).toMatchObject({
      card: { stage: { kind: 'not-started', code: 'terminal-busy' } },
    });
  });

  it('says the outcome is unknown only after the server has been silent for longer than the limit', () => {
    const justInTime = { type: 'poll-failed', id: paymentId, at: paidAt + lostAfterMs } as const;
    expect(paymentJourney(starting, justInTime)).toBe(starting);
    expect(cardStates['card, lost']).toMatchObject({ card: { stage: { kind: 'lost' } } });
    // Heard from recently: the silence counts from then.
    expect(paymentJourney(inProgress, { type: 'poll-failed', id: paymentId, at: paidAt + lostAfterMs + 1 })).toBe(
      inProgress,
    );
    expect(
      paymentJourney(inProgress, { type: 'poll-failed', id: paymentId, at: paidAt + 2_000 + lostAfterMs + 1 }),
    ).toMatchObject({ card: { stage: { kind: 'lost' } } });
  });

  it('recovers from "lost" when the answer comes after all', () => {
    expect(paymentJourney(cardStates['card, lost'], heard(approved))).toMatchObject({
      card: { stage: { kind: 'finished', payment: approved } },
    });
  });

  it('cancels while the card has not been presented, and says so when the terminal refuses', () => {
    const cancelling = cardStates['card, cancelling'];
    expect(cancelling).toMatchObject({ card: { stage: { kind: 'in-progress', cancellable: true, cancelling: true } } });
    expect(paymentJourney(cancelling, { type: 'cancel-failed' })).toMatchObject({
      card: { stage: { kind: 'in-progress', cancellable: false, cancelling: false } },
    });
    // Still cancelling while the terminal shows its next prompt.
    expect(paymentJourney(cancelling, heard(payment({ prompt: enterPin })))).toMatchObject({
      card: { stage: { cancelling: true } },
    });
    expect(paymentJourney(cancelling, heard(cancelled))).toMatchObject({
      card: { stage: { kind: 'finished', payment: cancelled } },
    });
  });

  it('tries again from the summary, with what was entered and without the old payment', () => {
    for (const name of ['card, not started', 'card, declined', 'card, cancelled'] as const)
      expect(paymentJourney(cardStates[name], { type: 'try-again' })).toEqual(states.summary);
  });

  it('never offers to pay again once money may have been taken', () => {
    for (const name of ['card, approved', 'card, unknown', 'card, lost', 'card, in progress'] as const)
      expect(paymentJourney(cardStates[name], { type: 'try-again' })).toBe(cardStates[name]);
  });

  it('goes to help from an ending without a payment for certain, and a late answer still reaches it', () => {
    expect(helpStates['help, lost']).toMatchObject({ step: 'help', card: { id: paymentId, stage: { kind: 'lost' } } });
    expect(paymentJourney(helpStates['help, lost'], heard(approved))).toMatchObject({
      step: 'help',
      card: { stage: { kind: 'finished', payment: approved } },
    });
  });
});
