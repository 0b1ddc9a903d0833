/** Payments contract (issue 4). Placeholder until the payments capability lands. */
import { z } from 'zod';

export const PaymentsConfig = z.strictObject({}).passthrough();
export type PaymentsConfig = z.infer<typeof PaymentsConfig>;
