/**
 * The facilities PIN pad on the kiosk screen, in browser mode with a stand-in for the Electron
 * shell's `window.kiosk` (electron/preload.ts): five quick taps on the hidden bottom-left corner open
 * it, digits show as dots only, the digits go to the shell (which alone knows the PIN), Cancel
 * closes it. Without the shell there is no gesture at all.
 */
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations } from './fixtures';
import { installSpeech, kioskUrl, utterances, words } from './kiosk-helpers';

interface ShellCalls {
  pins: string[];
  actions: string[];
}

/** A stand-in shell whose PIN is 2468; it records what the page sent. */
async function installShell(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls = { pins: [] as string[], actions: [] as string[] };
    let attemptsLeft = 5;
    Object.assign(globalThis, {
      __shellCalls: calls,
      kiosk: {
        getIdentity: () =>
          Promise.resolve({
            shell: 'electron',
            appVersion: '0.1.0',
            role: 'kiosk',
            kioskId: 'kiosk-1',
            serverOrigin: location.origin,
          }),
        getShellStatus: () =>
          Promise.resolve({
            startedAt: new Date().toISOString(),
            rendererRestarts: 2,
            lastRestart: null,
            update: { state: 'disabled' },
          }),
        openAdminExit: () => Promise.resolve({ outcome: 'disabled' }),
        unlockAdmin: (pin: string) => {
          calls.pins.push(pin);
          if (pin === '2468') return Promise.resolve({ outcome: 'unlocked', forSeconds: 120 });
          attemptsLeft -= 1;
          return Promise.resolve({ outcome: 'wrong-pin', attemptsLeft });
        },
        adminAction: (action: string) => {
          calls.actions.push(action);
          return Promise.resolve({ outcome: 'done' });
        },
        onShellStatus: () => () => undefined,
      },
    });
  });
}

const shellCalls = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __shellCalls: ShellCalls }).__shellCalls);

async function tapCorner(page: Page, times = 5): Promise<void> {
  const corner = page.getByTestId('facilities-corner');
  for (let tap = 0; tap < times; tap += 1) await corner.click();
}

async function pressKeys(page: Page, digits: string): Promise<void> {
  const keypad = page.getByRole('group', { name: 'Keypad for the PIN' });
  for (const digit of digits) await keypad.getByRole('button', { name: digit, exact: true }).click();
}

async function expectLargeTouchTargets(page: Page, where: string): Promise<void> {
  const small = await page
    .getByRole('dialog')
    .locator('button')
    .evaluateAll((buttons) =>
      buttons
        .map((button) => ({ text: button.textContent ?? '', box: button.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 64 || box.height < 64)
        .map(({ text, box }) => `"${text}" ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
  expect(small, `touch targets under 64 px on ${where}`).toEqual([]);
}

test('five taps on the corner open the PIN pad; digits show as dots; Cancel closes it unchecked', async ({
  page,
  hub,
}) => {
  await installShell(page);
  await page.goto(kioskUrl(hub));
  await page.getByRole('button', { name: 'Touch to start' }).waitFor();
  const pad = page.getByRole('dialog', { name: 'Facilities: enter the PIN' });

  await tapCorner(page, 4);
  await expect(pad).toHaveCount(0);
  await tapCorner(page, 1);
  await expect(pad).toBeVisible();

  await pressKeys(page, '246');
  const entry = page.getByTestId('pin-entry');
  await expect(entry).toContainText('●●●');
  await expect(entry).toContainText('Digits entered: 3');
  await expect(pad).not.toContainText('246');
  await expectNoAxeViolations(page, 'the PIN pad');
  await expectLargeTouchTargets(page, 'the PIN pad');

  await pad.getByRole('button', { name: 'Cancel' }).click();
  await expect(pad).toHaveCount(0);
  expect((await shellCalls(page)).pins).toEqual([]);
  // The kiosk behind is usable again.
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await expect(page.getByRole('heading', { name: 'What would you like to do?' })).toBeVisible();
});

test('the shell checks the PIN: a wrong one says how many tries are left, the right one opens the panel', async ({
  page,
  hub,
}) => {
  await installShell(page);
  await page.goto(kioskUrl(hub));
  await page.getByRole('button', { name: 'Touch to start' }).waitFor();
  await tapCorner(page);
  const pad = page.getByRole('dialog', { name: 'Facilities: enter the PIN' });

  await pressKeys(page, '1111');
  await pad.getByRole('button', { name: 'Enter' }).click();
  await expect(pad.getByRole('status')).toHaveText('Wrong PIN. Tries left before the pad locks: 4');
  await expect(page.getByTestId('pin-entry')).toContainText('Digits entered: 0');

  await pressKeys(page, '2468');
  await pad.getByRole('button', { name: 'Enter' }).click();
  const panel = page.getByRole('dialog', { name: 'Facilities', exact: true });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Screen restarts since the shell started: 2');
  await expect(panel.getByRole('heading', { name: 'Devices' })).toBeVisible();
  // This kiosk's devices, from its server (the demo hub simulates kiosk-1's printer).
  await expect(panel.getByRole('listitem').filter({ hasText: 'Ticket printer:' })).toBeVisible();
  await expectNoAxeViolations(page, 'the facilities panel');
  await expectLargeTouchTargets(page, 'the facilities panel');
  expect((await shellCalls(page)).pins).toEqual(['1111', '2468']);

  await panel.getByRole('button', { name: 'Reload the screen' }).click();
  await expect(panel.getByRole('status')).toHaveText('Reloading the screen…');
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
  expect((await shellCalls(page)).actions).toEqual(['reload', 'close']);
});

test('in Arabic the pad reads right to left, in Arabic, and passes axe', async ({ page, hub }) => {
  await installShell(page);
  await page.goto(kioskUrl(hub));
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await tapCorner(page);
  const pad = page.getByRole('dialog', { name: 'الصيانة: أدخل الرمز السري' });
  await expect(pad).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(pad.getByRole('button', { name: 'إلغاء' })).toBeVisible();
  await expectNoAxeViolations(page, 'the PIN pad in Arabic');
});

test('without the shell there is no facilities corner and the taps do nothing', async ({ page, hub }) => {
  await page.goto(kioskUrl(hub));
  await page.getByRole('button', { name: 'Touch to start' }).waitFor();
  await expect(page.getByTestId('facilities-corner')).toHaveCount(0);
  const footer = page.locator('.kiosk-help');
  const box = await footer.boundingBox();
  if (!box) throw new Error('the kiosk has no footer');
  for (let tap = 0; tap < 5; tap += 1) await page.mouse.click(box.x + 20, box.y + box.height - 20);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('left alone for two minutes, the pad closes and the kiosk is the residents’ again', async ({ page, hub }) => {
  await installShell(page);
  await page.clock.install();
  await page.goto(kioskUrl(hub));
  await page.getByRole('button', { name: 'Touch to start' }).waitFor();
  await tapCorner(page);
  const pad = page.getByRole('dialog', { name: 'Facilities: enter the PIN' });
  await expect(pad).toBeVisible();
  await page.clock.runFor(100_000);
  await pressKeys(page, '2');
  // A touch starts the two minutes again.
  await page.clock.runFor(100_000);
  await expect(pad).toBeVisible();
  await page.clock.runFor(21_000);
  await expect(pad).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Touch to start' })).toBeVisible();
});

test('with Read aloud on, the PIN keys are not spoken', async ({ page, hub }) => {
  await installShell(page);
  await installSpeech(page, ['en-GB']);
  await page.goto(kioskUrl(hub));
  await page.getByRole('button', { name: words.en.readAloud }).click();
  // The kiosk does read a focused control aloud...
  await page.getByRole('button', { name: words.en.largeText }).focus();
  await expect.poll(async () => (await utterances(page)).at(-1)?.text).toBe('Large text, Off');
  await tapCorner(page);
  await pressKeys(page, '2468');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).focus();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  // ...but nothing inside the pad, least of all its digits.
  const spoken = (await utterances(page)).map((u) => u.text);
  expect(spoken.at(-1)).toBe('Large text, Off');
  expect(spoken.filter((text) => /^\d$/.test(text))).toEqual([]);
});
