/** Feedback contract (issue 5). Placeholder until the feedback capability lands. */
import { z } from 'zod';

export const FeedbackConfig = z.strictObject({}).passthrough();
export type FeedbackConfig = z.infer<typeof FeedbackConfig>;
