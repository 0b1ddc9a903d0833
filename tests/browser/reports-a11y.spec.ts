/** Reports: axe (WCAG 2.2 AA tags) on sign-in, a report with figures, chart and tables, and a custom period. */
import { test, expect, expectNoAxeViolations, signInToStaff } from './fixtures';

test('sign-in, a report with data and the custom period form have no axe violations', async ({ page, hub, api }) => {
  await api.signIn();
  for (const service of ['housing', 'repairs', 'housing']) await api.issueTicket(service);
  const called = await api.post<{ id: string }>('/api/desks/desk-1/call-next');
  await api.post(`/api/tickets/${called?.id ?? ''}/complete`);

  await page.goto(`${hub.url}/reports`);
  await expect(page.getByLabel('Username')).toBeVisible();
  await expectNoAxeViolations(page, 'reports sign-in');

  await signInToStaff(page, hub, undefined, '/reports');
  await expect(page.getByTestId('tickets')).toHaveText('3');
  await expect(page.getByRole('table', { name: 'Wait standard by hour of day' })).toBeVisible();
  await expectNoAxeViolations(page, 'report for today');

  await page.getByRole('radio', { name: 'Choose dates' }).check();
  await expect(page.getByLabel('From')).toBeVisible();
  await expectNoAxeViolations(page, 'custom period');
});
