import { WaitStandardReport } from '../../contract/queue';
import { request } from '../shared/api-client';

/** The site's wait standard in seconds, as the server applies it (so `--wait-target` shows here too). */
export async function fetchWaitTarget(): Promise<number | null> {
  const now = new Date().toISOString();
  const report = await request('GET', `/api/reports/wait-standard?from=${encodeURIComponent(now)}&to=${encodeURIComponent(now)}`, WaitStandardReport);
  return report?.targetSeconds ?? null;
}
