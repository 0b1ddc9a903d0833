import { WaitStandardReport } from '../../contract/queue';
import { request } from '../shared/api-client';

/** The site's wait standard in seconds, as the server applies it (so `--wait-target` shows here too). */
export async function fetchWaitTarget(): Promise<number | null> {
  // An empty one-second period: only its targetSeconds is wanted (the server refuses from = to).
  const to = new Date();
  const from = new Date(to.getTime() - 1000);
  const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  const report = await request('GET', `/api/reports/wait-standard?${query}`, WaitStandardReport);
  return report?.targetSeconds ?? null;
}
