/**
 * Reports page against a real hub, after tickets were really served: the % within the standard,
 * the figures by service and hour, the CSV, and sign-in.
 */
import { readFileSync } from 'node:fs';
import { advanceTestClock } from '../support/hub-process.js';
import { test, expect, presetSession, signInToStaff } from './fixtures';

test.describe('with a 5-second wait standard', () => {
  // The hub's time moves only when the test says: the slow ticket waits exactly 6 s, at once.
  test.use({ hubOptions: { waitTargetSeconds: 5, testClock: true } });

  test('shows the % seen within the standard after tickets were served, by service and by hour, and downloads the table', async ({
    page,
    hub,
    api,
  }) => {
    await api.signIn();
    const quick = await api.issueTicket('housing');
    const slow = await api.issueTicket('housing');
    await api.issueTicket('repairs'); // never called: past the standard by the time the report is read
    await api.post('/api/desks/desk-1/call-next'); // quick: seen at once
    await api.post(`/api/tickets/${quick.id}/complete`);
    await advanceTestClock(hub.url, 6); // past the 5 s standard
    const called = await api.post<{ id: string }>('/api/desks/desk-1/call-next');
    expect(called?.id).toBe(slow.id);
    await api.post(`/api/tickets/${slow.id}/complete`);

    await signInToStaff(page, hub, undefined, '/reports');
    await expect(page.getByRole('heading', { name: 'Wait standard reports' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Today' })).toBeChecked();
    await expect(page.getByRole('heading', { name: 'Seen within 0:05 (min:sec)' })).toBeVisible();
    // Housing: one seen within, one after (50 %). Repairs: never called and past 5 s by now, a breach.
    const report = await api.get<{
      percentWithinTarget: number;
      withinTarget: number;
      breaches: number;
      tickets: number;
    }>(
      `/api/reports/wait-standard?from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(report).toMatchObject({ tickets: 3, withinTarget: 1 });
    await expect(page.getByTestId('tickets')).toHaveText('3');
    await expect(page.getByTestId('percent-within-target')).toHaveText(
      `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(report.percentWithinTarget)} %`,
    );

    const byService = page.getByRole('table', { name: 'Wait standard by service' });
    const housing = byService.getByRole('row', { name: /^Housing/ });
    await expect(housing.getByRole('cell')).toHaveText([
      '2',
      '1',
      '1',
      '0',
      '0',
      '50 %',
      /^0:0[34]$/,
      /^0:0[6-9]$/,
      /^0:0[6-9]$/,
    ]); // median of ~0 s and ~6 s
    const hours = page.getByRole('table', { name: 'Wait standard by hour of day' });
    await expect(hours.getByRole('row')).toHaveCount(2); // header + this hour
    await expect(hours.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('3');
    await expect(page.getByRole('img', { name: /Bar chart of tickets per hour/ })).toBeVisible();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download “Wait standard by service” as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^wait-standard-by-service_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const file = readFileSync((await download.path()) ?? '', 'utf8');
    expect(file.startsWith('\uFEFF')).toBe(true); // so Excel reads it as UTF-8
    const csv = file.trim().split('\r\n');
    expect(csv[0]).toBe(
      'Service,Tickets,Within the standard,Over the standard,Left before being called,Still waiting (not counted yet),% within,Median wait (seconds),90th percentile wait (seconds),Longest wait (seconds)',
    );
    expect(csv.find((line) => line.startsWith('Housing,'))).toMatch(
      /^Housing,2,1,1,0,0,50,[34](\.\d+)?,[6-9](\.\d+)?,[6-9](\.\d+)?$/,
    );
    expect(csv.find((line) => line.startsWith('Repairs,'))).toMatch(/^Repairs,1,0,1,0,0,0,,,$/);
  });
});

test('a period with no tickets says so', async ({ page, hub }) => {
  await signInToStaff(page, hub, undefined, '/reports');
  await page.getByRole('radio', { name: 'Choose dates' }).check();
  await page.getByLabel('From').fill('2025-01-06');
  await page.getByLabel('To (inclusive)').fill('2025-01-12');
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByTestId('tickets')).toHaveText('0');
  await expect(page.getByTestId('percent-within-target')).toHaveText('–');
  await expect(page.getByText('No tickets in this period.').first()).toBeVisible();
});

test('needs sign-in, and a token the server refuses (401) brings the sign-in back', async ({ page, hub }) => {
  await page.goto(`${hub.url}/reports`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('percent-within-target')).toHaveCount(0);
  const unauthenticated = await page.request.get(`${hub.url}/api/reports/wait-standard`);
  expect(unauthenticated.status()).toBe(401);

  await presetSession(page, {
    'staff-session': JSON.stringify({ token: 'forged', username: 'demo', displayName: 'Demo' }),
  });
  await page.reload();
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
});
