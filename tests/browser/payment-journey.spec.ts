/**
 * The payment journey in Chromium against a real hub, the ZVT terminal simulator and the receipt
 * printer simulator (tests/payments/support/browser-hub.ts): reference checked as typed, amount
 * limits, approve with receipt, decline then try again, cancel at every step, terminal timeout, an
 * answer lost between terminal and kiosk, and the inactivity reset forgetting what was typed.
 */
import type { Page } from '@playwright/test';
import { test, expect, type PaymentsHub } from '../payments/support/browser-hub';

interface JournalPayment {
  id: string;
  state: string;
  outcome: string;
  amountPence: number;
  reference: string;
  receiptNumber: string | null;
}

async function openPayments(page: Page, payments: PaymentsHub, query = '') {
  await page.goto(`${payments.url}/kiosk?kiosk=kiosk-1${query ? `&${query}` : ''}`);
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await page.getByRole('button', { name: 'Pay a bill' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What do you want to pay?' })).toBeVisible();
}

/** Presses keys on the on-screen keypad. */
async function press(page: Page, keys: string) {
  for (const key of keys) {
    const name = key === '<' ? 'Delete the last character' : key === '.' ? 'Decimal point' : key;
    await page
      .getByRole('group', { name: /Keypad/ })
      .getByRole('button', { name, exact: true })
      .click();
  }
}

async function toSummary(page: Page, type: string, reference: string, amount: string) {
  await page.getByRole('button', { name: type }).click();
  await press(page, reference);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /How much do you want to pay/ })).toBeVisible();
  await press(page, amount);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your payment' })).toBeVisible();
}

const journal = (payments: PaymentsHub) => payments.staffGet<JournalPayment[]>('/api/payments/journal?kiosk=kiosk-1');

test('checks the reference as it is typed and explains what is wrong in plain words', async ({ page, payments }) => {
  await openPayments(page, payments);
  await page.getByRole('button', { name: 'Council tax' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the reference for Council tax' })).toBeVisible();
  await expect(page.getByText('It is 8 numbers.')).toBeVisible();
  // A letter where a number belongs is refused at once (physical keyboard: the on-screen one has no letters here).
  await page.keyboard.press('A');
  await expect(page.getByRole('alert')).toHaveText('Character 1 must be a number.');
  await expect(page.getByTestId('reference-value')).toHaveText('');
  await press(page, '12345678');
  await expect(page.getByRole('alert')).toHaveText(/This reference is not right/);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Enter the reference/ })).toBeVisible();
  await press(page, '<9');
  await expect(page.getByRole('alert')).toHaveText('');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'How much do you want to pay for Council tax?' }),
  ).toBeVisible();

  // Letters first for a parking notice, and the A–Z keys are there.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Parking fine (penalty charge notice)' }).click();
  await press(page, '1');
  await expect(page.getByRole('alert')).toHaveText('Character 1 must be a letter.');
  await press(page, 'CU0012345');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('This reference has 10 characters. You have entered 9.');
});

test('fills in INV for an invoice and keeps the amount within the limits', async ({ page, payments }) => {
  await openPayments(page, payments);
  await page.getByRole('button', { name: 'Council invoice' }).click();
  await expect(page.getByText('It is the letters INV then 7 numbers.')).toBeVisible();
  await expect(page.getByTestId('reference-value')).toHaveText('INV');
  await press(page, '<<123456');
  await expect(page.getByTestId('reference-value')).toHaveText('INV123456');
  await press(page, '6');
  await expect(page.getByRole('alert')).toHaveText(/This reference is not right/);
  await press(page, '<5');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'How much do you want to pay for Council invoice?' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Council tax' }).click();
  await press(page, '12345679');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('You can pay from £1.00 to £5,000.00 here.')).toBeVisible();
  await press(page, '6000');
  await expect(page.getByRole('alert')).toHaveText('The most you can pay here is £5,000.00.');
  await expect(page.getByTestId('amount-value')).toHaveText('£600');
  await press(page, '<<<0.5');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('The least you can pay here is £1.00.');
  await press(page, '<<<12.5');
  await expect(page.getByText('You will pay £12.50.')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('definition').filter({ hasText: '£12.50' })).toBeVisible();
});

test('cancel on every step before the card ends the journey with nothing stored', async ({ page, payments }) => {
  const cancelAndCheck = async () => {
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();
  };
  await openPayments(page, payments);
  await cancelAndCheck();
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await page.getByRole('button', { name: 'Pay a bill' }).click();
  await page.getByRole('button', { name: 'Council tax' }).click();
  await press(page, '1234');
  await cancelAndCheck();
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await page.getByRole('button', { name: 'Pay a bill' }).click();
  await page.getByRole('button', { name: 'Council tax' }).click();
  await expect(page.getByTestId('reference-value')).toHaveText('');
  await press(page, '12345679');
  await page.getByRole('button', { name: 'Continue' }).click();
  await cancelAndCheck();
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await page.getByRole('button', { name: 'Pay a bill' }).click();
  await toSummary(page, 'Council tax', '12345679', '10');
  await cancelAndCheck();
  expect(await journal(payments)).toEqual([]);
  expect((await payments.sim.status()).authorisations).toBe(0);
});

test('approved: terminal prompts on screen, receipt printed with every fact, one authorisation', async ({
  page,
  payments,
}) => {
  payments.sim.next('approve');
  // Record every prompt the screen shows (they change faster than a test can poll).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { __prompts: string[] }).__prompts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="terminal-prompt"]')?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await openPayments(page, payments);
  await toSummary(page, 'Housing rent', '1234567897', '125.5');
  await page.getByRole('button', { name: 'Pay £125.50 by card' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment made' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Thank you. You have paid £125.50.')).toBeVisible();
  await expect(page.getByText('kiosk-1-000001')).toBeVisible();
  await expect(page.getByText('Please take your receipt.')).toBeVisible({ timeout: 20_000 });
  const prompts = await page.evaluate(() => (globalThis as unknown as { __prompts: string[] }).__prompts);
  expect(prompts).toEqual(
    expect.arrayContaining([
      'Insert your card into the card reader, or tap it on the reader.',
      'Checking with your bank. Please wait…',
    ]),
  );
  const status = await payments.sim.status();
  expect(status.authorisations).toBe(1);
  expect(status.taken).toEqual([12550]);
  const receipt = status.receipts.at(-1) ?? '';
  for (const fact of ['Test City Council', 'Housing rent', '1234567897', '125.50', 'kiosk-1', 'kiosk-1-000001'])
    expect(receipt).toContain(fact);
  expect(receipt).toMatch(/\*\*\*\* \d{4}/);
  expect(await journal(payments)).toEqual([
    expect.objectContaining({ state: 'receipt-printed', amountPence: 12550, reference: '1234567897' }),
  ]);
});

test('declined: nothing taken, try again, then approved', async ({ page, payments }) => {
  payments.sim.next('decline');
  payments.sim.next('approve');
  await openPayments(page, payments);
  await toSummary(page, 'Council tax', '12345679', '20');
  await page.getByRole('button', { name: 'Pay £20.00 by card' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment declined' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/No money has been taken/)).toBeVisible();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your payment' })).toBeVisible();
  await page.getByRole('button', { name: 'Pay £20.00 by card' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment made' })).toBeVisible({ timeout: 20_000 });
  const states = (await journal(payments)).map((p) => p.outcome).sort();
  expect(states).toEqual(['approved', 'declined']);
  expect((await payments.sim.status()).taken).toEqual([2000]);
});

test('cancel while the terminal waits for the card: cancelled, nothing taken', async ({ page, payments }) => {
  payments.sim.next('timeout'); // waits for a card that never comes (8 s) unless cancelled first
  await openPayments(page, payments);
  await toSummary(page, 'Council tax', '12345679', '30');
  await page.getByRole('button', { name: 'Pay £30.00 by card' }).click();
  await expect(page.getByTestId('terminal-prompt')).toHaveText(/card/i, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment cancelled' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('The payment was cancelled. No money has been taken.')).toBeVisible();
  expect((await payments.sim.status()).taken).toEqual([]);
  expect(await journal(payments)).toEqual([expect.objectContaining({ state: 'cancelled' })]);
});

test('terminal timeout (no card presented): plain result, nothing taken, offer to try again', async ({
  page,
  payments,
}) => {
  payments.sim.next('timeout');
  await openPayments(page, payments);
  await toSummary(page, 'Council tax', '12345679', '40');
  await page.getByRole('button', { name: 'Pay £40.00 by card' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment cancelled' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  expect((await payments.sim.status()).taken).toEqual([]);
});

test('lost answer (terminal took the money, the answer never came): "we could not confirm", not retried', async ({
  page,
  payments,
}) => {
  payments.sim.next('drop-final');
  await openPayments(page, payments, 'idle=2&countdown=2');
  await toSummary(page, 'Council tax', '12345679', '50');
  await page.getByRole('button', { name: 'Pay £50.00 by card' }).click();
  // The inactivity reset is held while the terminal works: the journey is not wiped mid-payment.
  await expect(page.getByRole('heading', { level: 1, name: 'We could not confirm your payment' })).toBeVisible({
    timeout: 45_000,
  });
  await expect(page.getByText(/Please do not pay again now/)).toBeVisible();
  const status = await payments.sim.status();
  expect(status.taken).toEqual([5000]);
  expect(status.authorisations).toBe(1);
  expect(await journal(payments)).toEqual([expect.objectContaining({ state: 'unknown' })]);
});

test('the inactivity reset forgets the reference that was typed', async ({ page, payments }) => {
  await openPayments(page, payments, 'idle=1&countdown=1');
  await page.getByRole('button', { name: 'Council tax' }).click();
  await press(page, '1234');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await page.getByRole('button', { name: 'Pay a bill' }).click();
  await page.getByRole('button', { name: 'Council tax' }).click();
  await expect(page.getByTestId('reference-value')).toHaveText('');
});

test('terminal unplugged: the journey says so before anything is typed', async ({ page, payments }) => {
  await payments.sim.kill('SIGTERM'); // the terminal's line goes away, as when its cable is pulled
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${payments.url}/api/devices`)).json()) as { kind: string; health: string }[]).find(
          (d) => d.kind === 'card-terminal',
        )?.health,
      {
        timeout: 20_000,
      },
    )
    .not.toBe('ok');
  await page.goto(`${payments.url}/kiosk?kiosk=kiosk-1`);
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await page.getByRole('button', { name: 'Pay a bill' }).click();
  await expect(
    page.getByText('Paying by card is not working at the moment. Nothing has been taken. Please ask at reception.'),
  ).toBeVisible();
  await expect(page.locator('.keypad')).toHaveCount(0);
  expect(await journal(payments)).toEqual([]);
});
