/**
 * The reports page shows feedback for the same period as the wait standard: net satisfaction from
 * real responses posted to a real hub, and the split by whether the customer was seen in time.
 */
import { test, expect, expectNoAxeViolations, signInToStaff } from './fixtures';

test('net satisfaction and the wait-standard split appear for the chosen period', async ({ page, hub, api }) => {
  await api.signIn();
  const ticket = await api.issueTicket('housing');
  await api.post('/api/desks/desk-1/call-next');
  await api.post(`/api/tickets/${ticket.id}/complete`);
  const answers: Array<{ rating: string; kiosk: string; ticket?: string }> = [
    { rating: 'good', kiosk: 'kiosk-a', ticket: ticket.id },
    { rating: 'good', kiosk: 'kiosk-b' },
    { rating: 'poor', kiosk: 'kiosk-c' },
    { rating: 'average', kiosk: 'kiosk-d' },
  ];
  for (const answer of answers) {
    await api.post('/api/feedback', {
      id: crypto.randomUUID(),
      touchpoint: 'kiosk',
      at: new Date().toISOString(),
      ...answer,
    });
  }

  await signInToStaff(page, hub, undefined, '/reports');
  await expect(page.getByRole('heading', { name: 'Net satisfaction' })).toBeVisible();
  // (2 good − 1 poor) ÷ 4 = +0.25
  await expect(page.getByTestId('net-satisfaction')).toHaveText('+0.25');
  await expect(page.getByRole('heading', { name: 'Satisfaction and the wait standard' })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Feedback by wait standard' })
      .getByRole('row', { name: /Called within the standard/ }),
  ).toBeVisible();

  // A period with no responses says so instead of showing a figure.
  await page.getByRole('radio', { name: 'Choose dates' }).check();
  await page.getByLabel('From').fill('2025-01-06');
  await page.getByLabel('To (inclusive)').fill('2025-01-12');
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByText('No feedback in this period.')).toBeVisible();
  await expectNoAxeViolations(page, 'reports page with feedback');
});
