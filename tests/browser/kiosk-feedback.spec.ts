/**
 * Feedback taps (Govmetric): faces with words, then a reason, then thanks — from the home tile, at
 * the end of the ticket journey (tied to the ticket), at a desk tablet (tied to the ticket just
 * completed there), and through an outage (kept on the kiosk and sent later).
 */
import type { Page } from '@playwright/test';
import { test, expect, type HubApi } from './fixtures';
import { kioskUrl, startVisit, words } from './kiosk-helpers';

interface Tally {
  key: string;
  good: number;
  average: number;
  poor: number;
  all: number;
}
interface Report {
  all: number;
  good: number;
  poor: number;
  reasons: Array<{ rating: string; reason: string; count: number }>;
  byTouchpoint: Tally[];
  byService: Tally[];
  byWaitTarget: Tally[];
}

/** How many answers the kiosk keeps in its outbox, waiting to be sent. */
function outboxLength(page: Page): Promise<number> {
  return page.evaluate(() => {
    const outbox: unknown = JSON.parse(localStorage.getItem('kiosk.feedback.outbox') ?? '[]');
    if (!Array.isArray(outbox)) throw new Error('the feedback outbox is not a list');
    return outbox.length;
  });
}

async function feedbackReport(api: HubApi): Promise<Report> {
  await api.signIn();
  return api.get<Report>('/api/reports/feedback');
}

test('English: Good, then a reason, then thanks; the server counts it for the kiosk', async ({ page, hub, api }) => {
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'en');
  await page.getByRole('button', { name: words.en.feedback }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How did we do today?' })).toBeVisible();
  // Three faces, each with its word.
  for (const word of ['Good', 'Average', 'Poor'])
    await expect(page.getByRole('button', { name: word, exact: true })).toBeVisible();
  await page.getByRole('button', { name: words.en.good, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What was the main reason?' })).toBeVisible();
  await expect(page.getByRole('list').getByRole('button')).toHaveCount(4);
  await page.getByRole('button', { name: words.en.helpfulStaff }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.en.thanks })).toBeVisible();

  await expect.poll(async () => (await feedbackReport(api)).all).toBe(1);
  const report = await feedbackReport(api);
  expect(report.good).toBe(1);
  expect(report.reasons.find((r) => r.reason === 'helpful-staff' && r.rating === 'good')?.count).toBe(1);
  expect(report.byTouchpoint.find((t) => t.key === 'kiosk')?.all).toBe(1);
});

test('Arabic: after a ticket, feedback is tied to its service; a face alone counts when the resident leaves', async ({
  page,
  hub,
  api,
}) => {
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'ar');
  await page.getByRole('button', { name: words.ar.tickets }).click();
  await page.getByRole('button', { name: words.ar.housing, exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(words.ar.takeTicket);
  await page.getByRole('button', { name: words.ar.feedback }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'كيف كانت خدمتنا اليوم؟' })).toBeVisible();
  await page.getByRole('button', { name: words.ar.poor, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ما السبب الرئيسي؟' })).toBeVisible();
  // The resident walks away from the reasons: Home. The face they touched still counts.
  await page.getByRole('button', { name: words.ar.home }).click();

  await expect.poll(async () => (await feedbackReport(api)).all).toBe(1);
  const report = await feedbackReport(api);
  expect(report.poor).toBe(1);
  expect(report.byService.find((s) => s.key === 'housing')?.poor).toBe(1);
});

test('nothing is lost while the server cannot be reached: the answer is kept and sent later', async ({
  page,
  hub,
  api,
  context,
}) => {
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'en');
  await page.getByRole('button', { name: words.en.feedback }).click();
  await context.setOffline(true);
  await page.getByRole('button', { name: words.en.good, exact: true }).click();
  await page.getByRole('button', { name: words.en.skip }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.en.thanks })).toBeVisible();
  await expect.poll(() => outboxLength(page)).toBe(1);
  expect((await feedbackReport(api)).all).toBe(0);

  // The kiosk restarts while still offline-queued, then the network comes back.
  await context.setOffline(false);
  await page.reload();
  await expect.poll(async () => (await feedbackReport(api)).all, { timeout: 20_000 }).toBe(1);
  await expect.poll(() => outboxLength(page)).toBe(0);
});

test('desk-side mode shows only the faces and ties the answer to the ticket just completed at that desk', async ({
  page,
  hub,
  api,
}) => {
  await page.goto(`${hub.url}/kiosk?mode=desk&desk=desk-1`);
  await expect(page.getByRole('heading', { level: 1, name: 'How did we do?' })).toBeVisible();
  await expect(page.getByRole('button', { name: words.en.tickets })).toHaveCount(0);
  await expect(page.getByRole('button', { name: words.en.home })).toHaveCount(0);

  const ticket = await api.issueTicket('council-tax');
  await api.signIn();
  await api.post('/api/desks/desk-1/call-next');
  await api.post(`/api/tickets/${ticket.id}/complete`);
  await expect(page.getByText(`About your visit today, ticket ${ticket.number}`)).toBeVisible();

  await page.getByRole('button', { name: words.en.good, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.en.thanks })).toBeVisible();
  // Back to the faces for the next resident, no longer tied to that ticket.
  await expect(page.getByText('About your visit today', { exact: true })).toBeVisible({ timeout: 10_000 });

  await expect.poll(async () => (await feedbackReport(api)).all).toBe(1);
  const report = await feedbackReport(api);
  expect(report.byTouchpoint.find((t) => t.key === 'desk')?.good).toBe(1);
  expect(report.byService.find((s) => s.key === 'council-tax')?.good).toBe(1);
  expect(report.byWaitTarget.find((w) => w.key === 'within-target')?.good).toBe(1);
});

test('a second tap on the desk faces within the debounce window is not counted twice', async ({ page, hub, api }) => {
  const { debounceSeconds } = await api.get<{ debounceSeconds: number }>('/api/feedback/config');
  expect(debounceSeconds).toBeGreaterThan(0);
  // The page's clock stands still once the faces show, and moves only by runFor: the second tap falls
  // inside the window by construction, however busy the machine is.
  const thanksMs = 4_000;
  expect(thanksMs).toBeLessThan(debounceSeconds * 1000);
  await page.clock.install();
  await page.goto(`${hub.url}/kiosk?mode=desk&desk=desk-2`);
  await expect(page.getByRole('heading', { level: 1, name: 'How did we do?' })).toBeVisible();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/feedback')
      sent.push(request.postData() ?? '');
  });
  await page.getByRole('button', { name: words.en.good, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.en.thanks })).toBeVisible();
  await page.clock.runFor(thanksMs);
  await expect(page.getByRole('heading', { level: 1, name: 'How did we do?' })).toBeVisible();
  await page.getByRole('button', { name: words.en.poor, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.en.thanks })).toBeVisible();

  await expect.poll(async () => (await feedbackReport(api)).all).toBe(1);
  const report = await feedbackReport(api);
  expect(report.good).toBe(1);
  expect(report.poor).toBe(0);
  expect(sent).toHaveLength(1);
});
