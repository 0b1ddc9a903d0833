/**
 * Lobby board: axe (WCAG 2.2 AA tags), empty and with calls, its type size for reading across a room,
 * and no movement for someone who asked their system for reduced motion.
 */
import type { Page } from '@playwright/test';
import { test, expect, computedStyle, expectNoAxeViolations } from './fixtures';

/** Waits until no animation is running on the page (each call's arrival runs once, then ends). */
async function animationsFinished(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await Promise.allSettled(document.getAnimations().map((animation) => animation.finished));
        return document.getAnimations().length;
      }),
    )
    .toBe(0);
}

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
  await animationsFinished(page); // the newest call's arrival
  await expectNoAxeViolations(page, 'board with calls');

  // Read across a room: on a 1080p screen the newest call is over 100 px tall, previous calls over 50 px.
  const newest = parseFloat(await computedStyle(page.getByTestId('newest-call'), 'fontSize'));
  const previous = parseFloat(await computedStyle(page.locator('.previous-calls .call').first(), 'fontSize'));
  expect(newest).toBeGreaterThan(100);
  expect(previous).toBeGreaterThan(50);
});

test('with reduced motion asked for, the newest call appears without its arrival animation', async ({
  page,
  hub,
  api,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${hub.url}/display`);
  await expect(page.getByText('Please wait to be called.')).toBeVisible();
  await api.signIn();
  await api.issueTicket('housing');
  await api.post('/api/desks/desk-1/call-next');

  const newest = page.getByTestId('newest-call');
  await expect(newest).toBeVisible();
  expect(await computedStyle(newest, 'animationName')).toBe('none');
  // Without the preference the same call would arrive animated.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await computedStyle(newest, 'animationName')).toBe('arrive');
});
