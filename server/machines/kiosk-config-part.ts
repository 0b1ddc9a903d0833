/**
 * The kiosk's part of the site config (GET /api/machines/me/config, contract/agent.ts): everything a
 * kiosk agent runs on, and nothing it must not hold. Its own kiosks[] entry only (no other kiosk's
 * devices), with `offlineSeries` as the full config gives it, and no secrets: the payments section
 * keeps only what the kiosk takes payments with (no office token, no ingest token, no office: the
 * agent sends to the hub it came from), the feedback section has no `forwardTo`.
 */
import { createHash } from 'node:crypto';
import { offlineSeriesByKiosk, type KioskConfigPart } from '../../contract/agent.js';
import { SiteConfig, type KioskConfig } from '../../contract/config.js';
import type { FeedbackConfig } from '../../contract/feedback.js';
import type { PaymentsConfig } from '../../contract/payments.js';

export type KioskConfigPartOutcome =
  | { ok: true; part: KioskConfigPart }
  | { ok: false; reason: 'not-a-kiosk' | 'no-offline-series' | 'not-a-site-config'; problem: string };

/** JSON with every object's keys in code-point order, so the same config always reads the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** First 16 hex characters of the SHA-256 of the canonical JSON. */
export const configVersion = (config: SiteConfig): string =>
  createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 16);

// Listed field by field rather than copied and pruned: a field added to these sections later stays
// on the hub until someone decides a kiosk may hold it.
const kioskPayments = (payments: PaymentsConfig): PaymentsConfig => ({
  types: payments.types,
  terminalSilenceSeconds: payments.terminalSilenceSeconds,
  receiptFooter: payments.receiptFooter,
});

const kioskFeedback = (feedback: FeedbackConfig): FeedbackConfig => ({
  reasons: feedback.reasons,
  debounceSeconds: feedback.debounceSeconds,
});

export function kioskConfigPart(config: SiteConfig, kioskId: string): KioskConfigPartOutcome {
  const own: KioskConfig | undefined = config.kiosks.find((kiosk) => kiosk.id === kioskId);
  if (!own) {
    const known = config.kiosks.map((kiosk) => kiosk.id);
    return {
      ok: false,
      reason: 'not-a-kiosk',
      problem: `"${kioskId}" is not a kiosk in the site config of ${config.site.name} (${
        known.length > 0 ? `its kiosks: ${known.join(', ')}` : 'it has no kiosks'
      }): add it under "kiosks" in the hub's site config and restart the hub.`,
    };
  }
  const offlineSeries = offlineSeriesByKiosk(config.kiosks).get(kioskId);
  if (!offlineSeries)
    return {
      ok: false,
      reason: 'no-offline-series',
      problem: `Kiosk "${kioskId}" has no offline series letter (every letter is taken): give it "offlineSeries" in the hub's site config.`,
    };
  const { kiosks: _allKiosks, payments, feedback, ...shared } = config;
  const part = {
    ...shared,
    kiosks: [{ ...own, offlineSeries }],
    ...(payments ? { payments: kioskPayments(payments) } : {}),
    ...(feedback ? { feedback: kioskFeedback(feedback) } : {}),
  };
  const parsed = SiteConfig.safeParse(part);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: 'not-a-site-config',
      problem: `The part of the site config for kiosk "${kioskId}" is not a valid site config (${
        issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'
      }).`,
    };
  }
  return { ok: true, part: { version: configVersion(parsed.data), config: parsed.data } };
}
