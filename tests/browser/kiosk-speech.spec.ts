/**
 * Read aloud (EN 301 549 §5.1.3): each screen's heading and summary, then the focused control, in
 * the chosen language where a voice exists — queued, never cut off.
 */
import { test, expect } from './fixtures';
import { installSpeech, kioskUrl, startVisit, utterances, words } from './kiosk-helpers';

test('English: reads each screen and the focused control, in order, without cutting off', async ({ page, hub }) => {
  await installSpeech(page, ['en-GB', 'ar-SA']);
  await page.goto(kioskUrl(hub));
  await page.getByRole('button', { name: words.en.readAloud }).click();
  await expect(page.getByRole('button', { name: words.en.readAloud })).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => (await utterances(page)).map((u) => u.text))
    .toContainEqual(expect.stringContaining('Welcome. On this screen you can:'));

  await page.getByRole('button', { name: words.en.start }).click();
  await expect.poll(async () => (await utterances(page)).map((u) => u.text)).toContain('What would you like to do?');
  await page.keyboard.press('Tab');
  // Focus moves from the heading to the first tile; its name (not its hint) is spoken.
  await expect(page.getByRole('button', { name: words.en.tickets })).toBeFocused();
  await expect.poll(async () => (await utterances(page)).at(-1)?.text).toBe(words.en.tickets);
  // A toggle is read with its state.
  await page.getByRole('button', { name: words.en.largeText }).focus();
  await expect.poll(async () => (await utterances(page)).at(-1)?.text).toBe('Large text, Off');

  // Everything queued was spoken to the end: nothing was cancelled mid-visit.
  await expect
    .poll(async () => (await utterances(page, 'end')).length, { timeout: 10_000 })
    .toBe((await utterances(page)).length);
  expect(await utterances(page, 'cancel')).toHaveLength(0);
  for (const u of await utterances(page)) expect(u.lang).toBe('en-GB');
});

test('Arabic: speaks in an Arabic voice; a language without a voice says so instead of mumbling', async ({
  page,
  hub,
}) => {
  await installSpeech(page, ['en-GB', 'ar-SA']);
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'ar');
  await page.getByRole('button', { name: words.ar.readAloud }).click();
  await expect.poll(async () => (await utterances(page)).map((u) => u.text)).toContain('ماذا تريد أن تفعل؟');
  expect((await utterances(page)).every((u) => u.lang === 'ar-SA')).toBe(true);

  await page.getByRole('button', { name: 'تغيير اللغة' }).click();
  await page.getByRole('button', { name: 'বাংলা' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'এই কিয়স্কে এই ভাষায় জোরে পড়ে শোনানোর সুবিধা নেই।' }),
  ).toBeVisible();
  expect((await utterances(page)).some((u) => u.lang.startsWith('bn'))).toBe(false);
});
