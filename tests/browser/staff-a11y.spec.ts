/** Staff console: axe (WCAG 2.2 AA tags) on every state, and the whole shift done from the keyboard. */
import type { Locator, Page } from '@playwright/test';
import { advanceTestClock } from '../support/hub-process.js';
import { test, expect, computedStyle, expectNoAxeViolations, signInToStaff, type Hub } from './fixtures';

/** Presses Tab until the control has focus (at most 25 times), as a keyboard user would. */
async function tabTo(page: Page, control: Locator): Promise<void> {
  const focused = () =>
    control.evaluate(
      (el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
    );
  for (let i = 0; i < 25 && !(await focused()); i++) await page.keyboard.press('Tab');
  await expect(control).toBeFocused();
}

// The hub's time and the page's stand still; the test moves both together to pass the standard. The
// page's timers keep running (axe needs them): only what Date.now answers is held.
test.use({ hubOptions: { waitTargetSeconds: 10, testClock: true } });

async function letTimePass(page: Page, hub: Hub, seconds: number): Promise<void> {
  const pageNow = await page.evaluate(() => Date.now());
  await advanceTestClock(hub.url, seconds);
  await page.clock.setFixedTime(pageNow + seconds * 1000);
}

test('sign-in, desk choice and the console (waits within, near and over the standard) have no axe violations', async ({
  page,
  hub,
  api,
}) => {
  await page.clock.setFixedTime(Date.now());
  await page.goto(`${hub.url}/staff`);
  await expect(page.getByLabel('Username')).toBeVisible();
  await expectNoAxeViolations(page, 'staff sign-in');
  await page.getByLabel('Username').fill('demo');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page, 'staff sign-in with an error');

  await signInToStaff(page, hub);
  await expect(page.getByRole('heading', { name: 'Choose your desk' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Desk 1/ })).toBeVisible();
  await expectNoAxeViolations(page, 'desk choice');

  await page.getByRole('button', { name: /^Desk 1/ }).click();
  const first = await api.issueTicket('housing', true);
  const firstRow = page.locator(`tr[data-ticket="${first.number}"]`);
  await expect(firstRow).toHaveAttribute('data-level', 'ok');
  await letTimePass(page, hub, 9);
  await expect(firstRow).toHaveAttribute('data-level', 'near');
  const second = await api.issueTicket('council-tax');
  await expect(page.locator(`tr[data-ticket="${second.number}"]`)).toHaveAttribute('data-level', 'ok');
  await expectNoAxeViolations(page, 'console with a wait near the standard');
  await letTimePass(page, hub, 2);
  await expect(firstRow).toHaveAttribute('data-level', 'over');
  await page.getByRole('button', { name: 'Call next' }).click();
  await expect(page.getByTestId('current-number')).toBeVisible();
  await page.getByRole('button', { name: 'Call next' }).focus();
  await expectNoAxeViolations(page, 'console with a ticket at the desk and a wait over the standard');
});

test('the whole shift works from the keyboard', async ({ page, hub, api }) => {
  const ticket = await api.issueTicket('housing');
  await page.goto(`${hub.url}/staff`);
  await expect(page.getByLabel('Username')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type('demo');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  const desk = page.getByRole('button', { name: /^Desk 2/ });
  await expect(desk).toBeVisible();
  await tabTo(page, desk);
  await page.keyboard.press('Enter');

  const callNext = page.getByRole('button', { name: 'Call next' });
  await expect(page.locator(`tr[data-ticket="${ticket.number}"]`)).toBeVisible();
  await tabTo(page, callNext);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-number')).toHaveText(ticket.number);
  const complete = page.getByRole('button', { name: 'Complete' });
  await tabTo(page, complete);
  // The focused control is visibly marked.
  expect(await computedStyle(complete, 'outlineStyle')).toBe('solid');
  await page.keyboard.press('Space');
  await expect(page.getByText('No ticket at your desk')).toBeVisible();
});
