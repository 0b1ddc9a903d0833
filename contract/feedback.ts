/**
 * Feedback contract: Govmetric-style taps — Good / Average / Poor, then one of four reasons.
 * Declared once: the site config, the kiosk and desk screens, the API and the reports use these shapes.
 */
import { z } from 'zod';
import { DeskId, IsoUtc, ServiceId } from './queue.js';

export const FeedbackRating = z.enum(['good', 'average', 'poor']);
export type FeedbackRating = z.infer<typeof FeedbackRating>;
export const feedbackRatings = FeedbackRating.options;

/** Where the response was given. Govmetric channels plus our own screens. */
export const Touchpoint = z.enum(['kiosk', 'desk', 'phone', 'web']);
export type Touchpoint = z.infer<typeof Touchpoint>;

export const ReasonId = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'a reason id is 1–40 lower-case letters, digits or hyphens');

export const FeedbackReason = z.strictObject({
  /** Screens show the translation `feedback:reasons.<id>`; `label` is the English fallback and report label. */
  id: ReasonId,
  label: z.string().min(1).max(80),
});
export type FeedbackReason = z.infer<typeof FeedbackReason>;

/** Govmetric offers four reasons per rating; ids must be unique within a rating. */
const FourReasons = z
  .array(FeedbackReason)
  .length(4, 'give exactly four reasons for each rating')
  .refine(
    (reasons) => new Set(reasons.map((r) => r.id)).size === reasons.length,
    'reason ids must be different within a rating',
  );

export const defaultFeedbackReasons = {
  good: [
    { id: 'quick-service', label: 'Quick service' },
    { id: 'helpful-staff', label: 'Helpful staff' },
    { id: 'easy-to-use', label: 'Easy to use' },
    { id: 'got-what-i-needed', label: 'Got what I needed' },
  ],
  average: [
    { id: 'waited-too-long', label: 'Waited too long' },
    { id: 'partly-sorted', label: 'Only partly sorted out' },
    { id: 'hard-to-use', label: 'Hard to use' },
    { id: 'unclear-information', label: 'Information not clear' },
  ],
  poor: [
    { id: 'waited-too-long', label: 'Waited too long' },
    { id: 'not-sorted', label: 'Problem not sorted out' },
    { id: 'unhelpful-staff', label: 'Staff not helpful' },
    { id: 'hard-to-use', label: 'Hard to use' },
  ],
} as const satisfies Record<FeedbackRating, FeedbackReason[]>;

export const FeedbackReasons = z.strictObject({ good: FourReasons, average: FourReasons, poor: FourReasons });
export type FeedbackReasons = z.infer<typeof FeedbackReasons>;

/** The `feedback` section of the site config. Every field has a default, so `{}` is a valid section. */
export const FeedbackConfig = z.strictObject({
  reasons: FeedbackReasons.default(defaultFeedbackReasons),
  /**
   * Taps from the same screen (kiosk or desk) less than this many seconds after the previous counted
   * tap are stored but not counted (HappyOrNot-style double-tap and queue-of-children filter).
   * 0 turns the filter off.
   */
  debounceSeconds: z.number().min(0).max(600).default(5),
  /**
   * Kiosk-only deployments: the office server every response is also forwarded to (outbox, at least
   * once; the office ignores a repeat of the same id). Absent on the office server itself.
   */
  forwardTo: z.url({ protocol: /^https?$/ }).optional(),
});
export type FeedbackConfig = z.infer<typeof FeedbackConfig>;

/** GET /api/feedback/config */
export const FeedbackScreenConfig = z.object({
  reasons: FeedbackReasons,
  debounceSeconds: z.number(),
});
export type FeedbackScreenConfig = z.infer<typeof FeedbackScreenConfig>;

/** POST /api/feedback. `id` is made by the screen (crypto.randomUUID()) so a retry is recognised. */
export const SubmitFeedbackRequest = z.strictObject({
  id: z.uuid('"id" must be a UUID made by the screen, e.g. crypto.randomUUID()'),
  rating: FeedbackRating,
  reason: ReasonId.optional(),
  touchpoint: Touchpoint,
  kiosk: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, 'a kiosk id is 1–60 lower-case letters, digits or hyphens')
    .optional(),
  desk: DeskId.optional(),
  service: ServiceId.optional(),
  ticket: z.string().min(1).max(100).optional(),
  /** When the face was tapped (screen clock, UTC). */
  at: IsoUtc,
});
export type SubmitFeedbackRequest = z.infer<typeof SubmitFeedbackRequest>;

/**
 * 201 first time (`counted` true), 200 for a repeat of the same id (`repeat` true, nothing stored),
 * 200 with `counted` false for a tap inside the debounce window of the same screen.
 */
export const SubmitFeedbackResponse = z.object({
  id: z.string(),
  counted: z.boolean(),
  repeat: z.boolean(),
});
export type SubmitFeedbackResponse = z.infer<typeof SubmitFeedbackResponse>;

/** Counts for one slice of a report. `netSatisfaction` = (good − poor) / all, null when all = 0. */
export const FeedbackTally = z.object({
  key: z.string(),
  good: z.number().int().nonnegative(),
  average: z.number().int().nonnegative(),
  poor: z.number().int().nonnegative(),
  all: z.number().int().nonnegative(),
  netSatisfaction: z.number().min(-1).max(1).nullable(),
});
export type FeedbackTally = z.infer<typeof FeedbackTally>;

export const ReasonCount = z.object({
  rating: FeedbackRating,
  reason: z.string(),
  label: z.string(),
  count: z.number().int().nonnegative(),
});
export type ReasonCount = z.infer<typeof ReasonCount>;

/** Keys of `byWaitTarget`; see docs/feedback-and-information.md. */
export const WaitTargetBucket = z.enum(['within-target', 'over-target', 'not-called', 'not-linked']);
export type WaitTargetBucket = z.infer<typeof WaitTargetBucket>;

/** GET /api/reports/feedback?from&to (staff). */
export const FeedbackReport = FeedbackTally.omit({ key: true }).extend({
  from: IsoUtc,
  to: IsoUtc,
  waitTargetSeconds: z.number().int().positive(),
  /** Taps stored but not counted (debounce); outside every other figure. */
  notCounted: z.number().int().nonnegative(),
  /** Counted responses that gave no reason. */
  withoutReason: z.number().int().nonnegative(),
  reasons: z.array(ReasonCount),
  byTouchpoint: z.array(FeedbackTally),
  /** Key is the service id, or "none" when unknown. */
  byService: z.array(FeedbackTally),
  /** Key is the date in the site's time zone, "YYYY-MM-DD". */
  byDay: z.array(FeedbackTally),
  /** Key is a WaitTargetBucket. */
  byWaitTarget: z.array(FeedbackTally),
  /** Key is the hour of day in the site's time zone, "00".."23". */
  byHour: z.array(FeedbackTally),
});
export type FeedbackReport = z.infer<typeof FeedbackReport>;

/** Pushed on /api/events when a counted response is stored (for live report screens). */
export const FeedbackEvent = z.object({
  type: z.literal('feedback.recorded'),
  at: IsoUtc,
  rating: FeedbackRating,
  touchpoint: Touchpoint,
});
export type FeedbackEvent = z.infer<typeof FeedbackEvent>;
