/**
 * Payments contract: the `payments` section of the site config, the reference rules
 * (shared by the kiosk, which checks as the resident types, and the server, which decides), the HTTP
 * bodies and answers, and the events pushed while a card payment is in progress. See docs/payments.md.
 */
import { z } from 'zod';

const IsoUtc = z.iso.datetime({ offset: false });

// ── Reference rules ──────────────────────────────────────────────────────────────────────────────

/**
 * Check-digit algorithms, all over the reference as typed after normalisation (see docs/payments.md):
 * - `mod11`: digits only; weights from (n+1) down to 2 over the first n digits, check = (11 − sum mod 11)
 *   mod 11; a remainder giving 10 is never issued, so such a reference is wrong.
 * - `mod11-alpha`: as mod11 but letters count too (A=1 … Z=26), for PCNs like "WK12345678".
 * - `luhn`: digits only, the last digit is the Luhn (mod 10, double every second) check.
 * - `mod10-31`: digits only (letters such as a fixed "INV" are skipped), weights 3,1,3,1… from the
 *   rightmost body digit, check = (10 − sum mod 10) mod 10 (the GTIN scheme).
 * - `none`: format only.
 */
export const CheckDigitAlgorithm = z.enum(['none', 'mod11', 'mod11-alpha', 'luhn', 'mod10-31']);
export type CheckDigitAlgorithm = z.infer<typeof CheckDigitAlgorithm>;

/**
 * A reference format as a mask rather than a regex, because the kiosk must tell "not finished yet"
 * from "wrong" after every key: `#` a digit, `@` a letter, anything else (upper-case letters, digits)
 * must appear literally. "INV#######" = INV then seven digits.
 */
export const ReferenceMask = z
  .string()
  .min(1)
  .max(30)
  .regex(
    /^[#@A-Z0-9]+$/,
    'a mask is made of # (digit), @ (letter) and literal capital letters or digits, e.g. "INV#######"',
  );

export const ReferenceRule = z.strictObject({
  mask: ReferenceMask,
  checkDigit: CheckDigitAlgorithm,
  /** A valid example, checked at start-up against mask and check digit (catches a wrong rule). */
  example: z.string().min(1),
});
export type ReferenceRule = z.infer<typeof ReferenceRule>;

export const ReferenceProblem = z.enum(['empty', 'wrong-character', 'too-short', 'too-long', 'check-digit']);
export type ReferenceProblem = z.infer<typeof ReferenceProblem>;

export type ReferenceCheck =
  | { ok: true; reference: string }
  /** For wrong-character: `position` is 0-based; `expected` is 'digit', 'letter' or the literal character. */
  | { ok: false; reason: ReferenceProblem; position?: number; expected?: string };

/** Upper-case, without spaces or hyphens (people copy "1234 5678" from a bill). */
export function normaliseReference(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * What the mask wants at this position: 'digit', 'letter', or the literal character itself
 * (null past its end).
 */
export function expectedAt(mask: string, position: number): string | null {
  const slot = mask[position];
  if (slot === undefined) return null;
  if (slot === '#') return 'digit';
  if (slot === '@') return 'letter';
  return slot;
}

/**
 * Checks a reference. With `partial`, an unfinished but so-far-correct reference passes (the kiosk
 * calls this after every key); without, it must be complete and its check digit right.
 */
export function checkReference(
  rule: Pick<ReferenceRule, 'mask' | 'checkDigit'>,
  input: string,
  options: { partial?: boolean } = {},
): ReferenceCheck {
  const reference = normaliseReference(input);
  if (reference.length === 0) return options.partial ? { ok: true, reference } : { ok: false, reason: 'empty' };
  for (let i = 0; i < reference.length; i++) {
    const expected = expectedAt(rule.mask, i);
    if (expected === null) return { ok: false, reason: 'too-long' };
    const char = reference[i] as string;
    const fits =
      expected === 'digit' ? /[0-9]/.test(char) : expected === 'letter' ? /[A-Z]/.test(char) : char === expected;
    if (!fits) return { ok: false, reason: 'wrong-character', position: i, expected };
  }
  if (reference.length < rule.mask.length)
    return options.partial ? { ok: true, reference } : { ok: false, reason: 'too-short' };
  if (!checkDigitHolds(rule.checkDigit, reference)) return { ok: false, reason: 'check-digit' };
  return { ok: true, reference };
}

export function checkDigitHolds(algorithm: CheckDigitAlgorithm, reference: string): boolean {
  if (algorithm === 'none') return true;
  const expected = computeCheckCharacter(algorithm, reference.slice(0, -1));
  return expected !== null && expected === reference.slice(-1);
}

/** The check character for a reference body (everything but the last character); null if none exists. */
export function computeCheckCharacter(algorithm: Exclude<CheckDigitAlgorithm, 'none'>, body: string): string | null {
  const digits = [...body].filter((c) => c >= '0' && c <= '9').map(Number);
  switch (algorithm) {
    case 'mod11':
      return mod11(digits);
    case 'mod11-alpha':
      return mod11([...body].map((c) => (c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 64 : Number(c))));
    case 'luhn': {
      let sum = 0;
      // Double every second digit counting leftwards from the digit next to the check digit.
      for (let i = 0; i < digits.length; i++) {
        const digit = digits[digits.length - 1 - i] as number;
        const value = i % 2 === 0 ? digit * 2 : digit;
        sum += value > 9 ? value - 9 : value;
      }
      return String((10 - (sum % 10)) % 10);
    }
    case 'mod10-31': {
      let sum = 0;
      for (let i = 0; i < digits.length; i++) sum += (digits[digits.length - 1 - i] as number) * (i % 2 === 0 ? 3 : 1);
      return String((10 - (sum % 10)) % 10);
    }
  }
}

function mod11(values: number[]): string | null {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) * (values.length + 1 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : String(check);
}

// ── Config ───────────────────────────────────────────────────────────────────────────────────────

export const PaymentTypeId = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'a payment type id is 1–40 lower-case letters, digits or hyphens');

export const AmountRule = z.discriminatedUnion('mode', [
  /** The resident types the amount, within min/max. */
  z.strictObject({ mode: z.literal('entered') }),
  /** The amount is set (e.g. a permit); the resident confirms it. */
  z.strictObject({ mode: z.literal('fixed'), pence: z.number().int().positive() }),
]);
export type AmountRule = z.infer<typeof AmountRule>;

export const PaymentType = z
  .strictObject({
    id: PaymentTypeId,
    /** Name in the site's main language; the kiosk shows `payment:types.<id>.name` where translated. */
    name: z.string().min(1),
    reference: ReferenceRule,
    minPence: z.number().int().positive(),
    maxPence: z.number().int().positive().max(99_999_999, 'at most £999,999.99 (the terminal amount field)'),
    amount: AmountRule.default({ mode: 'entered' }),
    /** Fund / cost-centre code the income management system books this type to (export column). */
    incomeCode: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/),
  })
  .superRefine((type, ctx) => {
    if (type.minPence > type.maxPence)
      ctx.addIssue({ code: 'custom', path: ['minPence'], message: 'minPence is more than maxPence' });
    if (type.amount.mode === 'fixed' && (type.amount.pence < type.minPence || type.amount.pence > type.maxPence))
      ctx.addIssue({
        code: 'custom',
        path: ['amount', 'pence'],
        message: 'the fixed amount is outside minPence–maxPence',
      });
    const example = checkReference(type.reference, type.reference.example);
    if (!example.ok)
      ctx.addIssue({
        code: 'custom',
        path: ['reference', 'example'],
        message: `the example does not pass its own rule (${example.reason}): check the mask and check-digit algorithm`,
      });
  });
export type PaymentType = z.infer<typeof PaymentType>;

export const PaymentsConfig = z
  .strictObject({
    types: z.array(PaymentType).min(1),
    /**
     * Where this kiosk's outbox sends journal rows. Absent: this server itself (a single hub holds both
     * the kiosk journal and the office record).
     */
    office: z
      .strictObject({
        url: z.url(),
        /** Shared secret the office expects as a Bearer token on /api/payments/ingest. */
        token: z.string().min(16).optional(),
      })
      .optional(),
    /** The office refuses ingest without this token (when set). */
    ingestToken: z.string().min(16).optional(),
    /**
     * Backstop: mark a payment "unknown" when the terminal has sent nothing at all for this long. Keep
     * it above the terminal driver's own final-answer timeout (devices.cardTerminal.finalAnswerTimeoutMs,
     * 180 s by default), which normally answers "unknown" first.
     */
    terminalSilenceSeconds: z.number().int().min(10).max(900).default(240),
    /** Lines printed at the foot of every receipt (e.g. "Keep this receipt as proof of payment"). */
    receiptFooter: z.array(z.string().max(48)).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.types.forEach((type, index) => {
      if (seen.has(type.id))
        ctx.addIssue({
          code: 'custom',
          path: ['types', index, 'id'],
          message: `payment type id "${type.id}" is used twice`,
        });
      seen.add(type.id);
    });
  });
export type PaymentsConfig = z.infer<typeof PaymentsConfig>;

// ── API ──────────────────────────────────────────────────────────────────────────────────────────

/** What the kiosk gets for each payment type it offers. */
export const PaymentTypeView = z.object({
  id: PaymentTypeId,
  name: z.string(),
  reference: z.object({ mask: ReferenceMask, checkDigit: CheckDigitAlgorithm, example: z.string() }),
  minPence: z.number().int(),
  maxPence: z.number().int(),
  amount: AmountRule,
});
export type PaymentTypeView = z.infer<typeof PaymentTypeView>;
export const PaymentTypesResponse = z.object({
  councilName: z.string(),
  types: z.array(PaymentTypeView),
  /** False while the kiosk's card terminal is offline or faulty: say so before anything is typed. */
  terminalAvailable: z.boolean(),
});
export type PaymentTypesResponse = z.infer<typeof PaymentTypesResponse>;

export const ValidateReferenceRequest = z.strictObject({ type: PaymentTypeId, reference: z.string().max(60) });
export const ValidateReferenceResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reference: z.string() }),
  z.object({ ok: z.literal(false), reason: ReferenceProblem, message: z.string() }),
]);
export type ValidateReferenceResponse = z.infer<typeof ValidateReferenceResponse>;

export const StartPaymentRequest = z.strictObject({
  /** Made by the kiosk (crypto.randomUUID()); sending the same id again returns the same payment. */
  id: z.uuid(),
  kiosk: z.string().regex(/^[a-z0-9-]{1,60}$/),
  type: PaymentTypeId,
  reference: z.string().min(1).max(60),
  amountPence: z.number().int().positive(),
});
export type StartPaymentRequest = z.infer<typeof StartPaymentRequest>;

/**
 * The journal state machine (docs/payments.md):
 * pending → authorising → approved → receipt-printed; pending → cancelled;
 * authorising → declined | cancelled | unknown; unknown → approved | declined (staff, after checking
 * the terminal). A restart turns authorising into unknown and pending into cancelled.
 */
export const PaymentState = z.enum([
  'pending',
  'authorising',
  'approved',
  'declined',
  'cancelled',
  'unknown',
  'receipt-printed',
]);
export type PaymentState = z.infer<typeof PaymentState>;

/** What a report counts a payment as. */
export const PaymentOutcome = z.enum(['in-progress', 'approved', 'declined', 'cancelled', 'unknown']);
export type PaymentOutcome = z.infer<typeof PaymentOutcome>;

export function outcomeOf(state: PaymentState): PaymentOutcome {
  switch (state) {
    case 'pending':
    case 'authorising':
      return 'in-progress';
    case 'approved':
    case 'receipt-printed':
      return 'approved';
    default:
      return state;
  }
}

export const TerminalPromptKind = z.enum([
  'insert-card',
  'present-card',
  'enter-pin',
  'remove-card',
  'please-wait',
  'processing',
  'other',
]);
export type TerminalPromptKind = z.infer<typeof TerminalPromptKind>;

export const Payment = z.object({
  id: z.uuid(),
  kiosk: z.string(),
  type: PaymentTypeId,
  reference: z.string(),
  amountPence: z.number().int(),
  state: PaymentState,
  outcome: PaymentOutcome,
  createdAt: IsoUtc,
  updatedAt: IsoUtc,
  /** The kiosk's sequential receipt number, e.g. "mandela-1-000042"; set on approval. */
  receiptNumber: z.string().nullable(),
  authCode: z.string().nullable(),
  cardScheme: z.string().nullable(),
  lastFour: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
  terminalId: z.string().nullable(),
  traceNumber: z.string().nullable(),
  /** Terminal's result code on decline (e.g. "05"), null otherwise. */
  resultCode: z.string().nullable(),
  /** A plain sentence for staff (decline reason, why unknown). Never card data. */
  message: z.string().nullable(),
  /** The last terminal prompt while authorising. */
  prompt: z.object({ kind: TerminalPromptKind, text: z.string() }).nullable(),
  /** Whether the terminal may still be cancelled (nothing presented yet). */
  cancellable: z.boolean(),
  /** Set when the receipt could not be printed (approved but no paper, for example). */
  receiptProblem: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: IsoUtc.nullable(),
});
export type Payment = z.infer<typeof Payment>;

export const PaymentPromptEvent = z.object({
  type: z.literal('payment.prompt'),
  at: IsoUtc,
  id: z.uuid(),
  kiosk: z.string(),
  prompt: z.object({ kind: TerminalPromptKind, text: z.string() }),
  cancellable: z.boolean(),
});
/**
 * Every screen on /api/events receives this (the lobby board too), so it says only that a payment
 * changed: the kiosk that started it fetches the details by its unguessable id. No reference, amount
 * or card facts on the shared stream.
 */
export const PaymentResultEvent = z.object({
  type: z.literal('payment.result'),
  at: IsoUtc,
  id: z.uuid(),
  kiosk: z.string(),
  state: PaymentState,
  outcome: PaymentOutcome,
});
export const PaymentEvent = z.discriminatedUnion('type', [PaymentPromptEvent, PaymentResultEvent]);
export type PaymentEvent = z.infer<typeof PaymentEvent>;

/** Staff settle an "outcome unknown" payment after looking at the terminal's own journal. */
export const ResolvePaymentRequest = z.strictObject({
  outcome: z.enum(['approved', 'declined']),
  note: z.string().min(3).max(500),
  authCode: z
    .string()
    .regex(/^[A-Za-z0-9]{1,10}$/)
    .optional(),
  /** As the terminal's journal shows it (e.g. "VISA"), so end of day compares per scheme. */
  cardScheme: z
    .string()
    .regex(/^[A-Za-z0-9 -]{1,30}$/)
    .optional(),
});

export const PaymentListQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  kiosk: z.string().optional(),
  type: PaymentTypeId.optional(),
  outcome: PaymentOutcome.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const ReportRow = z.object({
  key: z.string(),
  approvedCount: z.number().int(),
  approvedPence: z.number().int(),
  declined: z.number().int(),
  cancelled: z.number().int(),
  unknown: z.number().int(),
});
export type ReportRow = z.infer<typeof ReportRow>;
export const PaymentsReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  total: ReportRow,
  byType: z.array(ReportRow),
  byDay: z.array(ReportRow),
  byKiosk: z.array(ReportRow),
});
export type PaymentsReport = z.infer<typeof PaymentsReport>;

export const ReconciliationDifference = z.object({
  kind: z.enum(['count', 'total', 'scheme', 'unknown-payments']),
  scheme: z.string().nullable(),
  terminal: z.number().int(),
  journal: z.number().int(),
  detail: z.string(),
});
export const Reconciliation = z.object({
  id: z.string(),
  kiosk: z.string(),
  at: IsoUtc,
  /** Journal rows since the previous end of day (exclusive) up to this one. */
  periodStart: IsoUtc.nullable(),
  terminal: z.object({
    count: z.number().int(),
    totalPence: z.number().int(),
    byScheme: z.array(z.object({ scheme: z.string(), count: z.number().int(), totalPence: z.number().int() })),
  }),
  journal: z.object({
    count: z.number().int(),
    totalPence: z.number().int(),
    byScheme: z.array(z.object({ scheme: z.string(), count: z.number().int(), totalPence: z.number().int() })),
    unknownIds: z.array(z.string()),
  }),
  matched: z.boolean(),
  differences: z.array(ReconciliationDifference),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

/** One journal row as the office receives it through the outbox. */
export const IngestItem = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('payment'),
  payload: z.strictObject({
    version: z.number().int().positive(),
    payment: Payment,
  }),
});
export type IngestItem = z.infer<typeof IngestItem>;

export const PaymentsExport = z.object({
  filename: z.string(),
  csv: z.string(),
  count: z.number().int(),
  totalPence: z.number().int(),
});
export const ReprintResponse = z.object({ printed: z.boolean(), detail: z.string().nullable() });
