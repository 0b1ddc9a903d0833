/**
 * The staff payments screen (/payments.html) against a real hub and the ZVT simulator: the report
 * by outcome, settling a payment whose answer was lost (after checking the terminal), reprinting a
 * receipt by number, downloading the day's export, and the end of day matching terminal and journal.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { test, expect, type PaymentsHub } from '../payments/support/browser-hub';
import { waitFor } from '../payments/support/processes';

async function payAtKiosk(
  payments: PaymentsHub,
  amountPence: number,
  until: (p: { outcome: string; state: string }) => boolean,
) {
  const id = randomUUID();
  const response = await fetch(`${payments.url}/api/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, kiosk: 'kiosk-1', type: 'council-tax', reference: '12345679', amountPence }),
  });
  expect(response.status).toBe(201);
  await waitFor(
    'the payment to finish',
    async () => {
      const p = (await (await fetch(`${payments.url}/api/payments/${id}`)).json()) as {
        outcome: string;
        state: string;
      };
      return until(p) ? p : undefined;
    },
    40_000,
  );
  return id;
}

test('report, settle an unknown payment, reprint, export and end of day', async ({ page, payments }) => {
  test.setTimeout(120_000);
  payments.sim.next('approve');
  payments.sim.next('drop-final');
  await payAtKiosk(payments, 1234, (p) => p.state === 'receipt-printed');
  await payAtKiosk(payments, 5000, (p) => p.outcome === 'unknown');

  await page.goto(`${payments.url}/payments.html`);
  await page.getByLabel('Username').fill('cashier');
  await page.getByLabel('Password').fill('cashier-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Card payments' })).toBeVisible();
  await expect(page.getByTestId('approved-total')).toHaveText('£12.34');
  await expect(page.getByTestId('unknown-count')).toHaveText('1', { timeout: 15_000 });

  // The terminal's own records show the lost one was taken: record it.
  const unknown = page.getByRole('region', { name: 'Payments to settle (outcome unknown)' });
  await expect(unknown.getByText('£50.00')).toBeVisible();
  await unknown.getByLabel('Approved (money taken)').check();
  await unknown.getByLabel('What you checked (required)').fill('Terminal journal: approved, trace 2');
  await unknown.getByLabel('Authorisation code from the terminal').fill('A1B2C3');
  await unknown.getByLabel(/Card scheme/).fill('VISA');
  await unknown.getByRole('button', { name: 'Record' }).click();
  await expect(unknown.getByText('None: every payment has a known outcome.')).toBeVisible();
  await expect(page.getByTestId('approved-total')).toHaveText('£62.34', { timeout: 15_000 });
  await expect(page.getByTestId('approved-count')).toHaveText('2');

  // Reprint the first receipt.
  const before = (await payments.sim.status()).receipts.length;
  const reprint = page.getByRole('region', { name: 'Reprint a receipt' });
  await reprint.getByLabel('Receipt number').fill('kiosk-1-000001');
  await reprint.getByRole('button', { name: 'Reprint' }).click();
  await expect(reprint.getByRole('status')).toHaveText(/Reprinted/);
  const receipts = (await payments.sim.status()).receipts;
  expect(receipts.length).toBe(before + 1);
  expect(receipts.at(-1)).toMatch(/DUPLICATE RECEIPT[\s\S]*kiosk-1-000001[\s\S]*12\.34/);

  // The day's export.
  const exportSection = page.getByRole('region', { name: 'Daily export for the income management system' });
  const downloading = page.waitForEvent('download');
  await exportSection.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  const csv = readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv.filter((line) => line.startsWith('D,'))).toHaveLength(2);
  expect(csv.at(-1)).toMatch(/^Z,.*,2,62\.34$/);

  // End of day: the terminal took £62.34 in 2 payments, and so says the journal now.
  const eod = page.getByRole('region', { name: 'End of day (terminal against journal)' });
  await eod.getByLabel('Kiosk').fill('kiosk-1');
  await eod.getByRole('button', { name: 'Run end of day' }).click();
  await expect(page.getByTestId('reconciliation')).toContainText('The terminal and the journal agree.');
  await expect(page.getByTestId('reconciliation')).toContainText(
    'Terminal: 2 payments, £62.34. Journal: 2 payments, £62.34.',
  );
});

test('end of day lists the difference while a lost payment is still unsettled', async ({ page, payments }) => {
  test.setTimeout(120_000);
  payments.sim.next('drop-final');
  await payAtKiosk(payments, 700, (p) => p.outcome === 'unknown');
  await page.goto(`${payments.url}/payments.html`);
  await page.getByLabel('Username').fill('cashier');
  await page.getByLabel('Password').fill('cashier-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const eod = page.getByRole('region', { name: 'End of day (terminal against journal)' });
  await eod.getByLabel('Kiosk').fill('kiosk-1');
  await eod.getByRole('button', { name: 'Run end of day' }).click();
  const result = page.getByTestId('reconciliation');
  await expect(result).toContainText('differences found');
  await expect(result).toContainText("The terminal's total is £7.00, the journal's £0.00");
  await expect(result).toContainText('1 payment(s) with outcome unknown');
});

test('the staff payments screen passes axe, with a payment to settle and an end-of-day result', async ({
  page,
  payments,
}) => {
  test.setTimeout(120_000);
  payments.sim.next('approve');
  payments.sim.next('drop-final');
  await payAtKiosk(payments, 1500, (p) => p.state === 'receipt-printed');
  await payAtKiosk(payments, 900, (p) => p.outcome === 'unknown');
  await page.goto(`${payments.url}/payments.html`);
  const signIn = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(signIn.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.getByLabel('Username').fill('cashier');
  await page.getByLabel('Password').fill('cashier-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('unknown-count')).toHaveText('1', { timeout: 15_000 });
  const eod = page.getByRole('region', { name: 'End of day (terminal against journal)' });
  await eod.getByLabel('Kiosk').fill('kiosk-1');
  await eod.getByRole('button', { name: 'Run end of day' }).click();
  await expect(page.getByTestId('reconciliation')).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});
