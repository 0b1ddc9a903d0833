/** Lobby board: axe (WCAG 2.2 AA tags), empty and with calls, and its type size for reading across a room. */
import { test, expect, computedStyle, expectNoAxeViolations } from './fixtures';

test('the board has no axe violations, empty and with calls, and its newest call is huge', async ({
  page,
  hub,
  api,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${hub.url}/display`);
  await expect(page.getByText('Please wait to be called.')).toBeVisible();
  await expectNoAxeViolations(page, 'empty board');

  await api.signIn();
  for (let i = 0; i < 4; i++) {
    await api.issueTicket(i % 2 ? 'repairs' : 'housing');
    await api.post(`/api/desks/desk-${(i % 2) + 1}/call-next`);
  }
  await expect(page.getByTestId('previous-calls').getByRole('listitem')).toHaveCount(3);
  await page.waitForTimeout(1_500); // let the arrival animation finish
  await expectNoAxeViolations(page, 'board with calls');

  // Read across a room: on a 1080p screen the newest call is over 100 px tall, previous calls over 50 px.
  const newest = parseFloat(await computedStyle(page.getByTestId('newest-call'), 'fontSize'));
  const previous = parseFloat(await computedStyle(page.locator('.previous-calls .call').first(), 'fontSize'));
  expect(newest).toBeGreaterThan(100);
  expect(previous).toBeGreaterThan(50);
});
