/**
 * The three journeys end to end, in one browser against one real hub: a resident takes a ticket at
 * the kiosk, a member of staff calls it from the console, the lobby board shows it and announces it
 * (chime, then speech, queued); then every staff action as the console and the board show it.
 */
import type { Page } from '@playwright/test';
import { test, expect, recordSpeech, signInToStaff, speechRecord, spokenTexts, type Hub } from './fixtures';

const announcement = (number: string, desk: string) => `Ticket ${number.split('').join(' ')}, please go to ${desk}`;

/** At the kiosk, as a resident: start, "Take a ticket", a service; returns the number on screen. */
async function takeTicketAtKiosk(kiosk: Page, hub: Hub, service: string): Promise<string> {
  await kiosk.goto(`${hub.url}/kiosk?kiosk=kiosk-1`);
  await kiosk.getByRole('button', { name: 'Touch to start' }).click();
  await kiosk.getByRole('button', { name: 'Take a ticket' }).click();
  await kiosk.getByRole('button', { name: service, exact: true }).click();
  const heading = kiosk.getByRole('heading', { level: 1, name: /^Your ticket is/ });
  await expect(heading).toBeVisible();
  const number = /([A-Z]\d{3})/.exec((await heading.textContent()) ?? '')?.[1];
  if (!number) throw new Error('no ticket number on the kiosk screen');
  return number;
}

async function openBoard(board: Page, hub: Hub): Promise<void> {
  await recordSpeech(board, 600);
  await board.goto(`${hub.url}/display`);
  await expect(board.getByText('Please wait to be called.')).toBeVisible();
  // Whoever sets up the board turns the sound on once, where the browser blocks it until a click.
  const soundButton = board.getByRole('button', { name: 'Turn on sound' });
  if (await soundButton.isVisible()) await soundButton.click();
  await expect(soundButton).toHaveCount(0);
}

test('kiosk ticket → staff call → the board shows it, chimes and announces it', async ({ context, hub }) => {
  const [board, staff, kiosk] = [await context.newPage(), await context.newPage(), await context.newPage()];
  await openBoard(board, hub);
  await signInToStaff(staff, hub, 'Desk 2');
  await expect(staff.getByText('Live')).toBeVisible();

  const number = await takeTicketAtKiosk(kiosk, hub, 'Housing');
  // On the console at once, over the event stream.
  const row = staff.locator(`tr[data-ticket="${number}"]`);
  await expect(row).toContainText('Housing');

  await staff.getByRole('button', { name: 'Call next' }).click();
  await expect(staff.getByTestId('current-number')).toHaveText(number);
  await expect(row).toHaveCount(0);

  await expect(board.getByTestId('newest-call')).toHaveText(`${number} → go to Desk 2`);
  await expect.poll(() => spokenTexts(board)).toEqual([announcement(number, 'Desk 2')]);
  const events = (await speechRecord(board)).map((r) => r.event);
  expect(events).toEqual(['chime', 'chime', 'speak', 'start', 'end']);
});

test('two desks call at the same moment: the board announces both, in order, neither cut off', async ({
  context,
  hub,
}) => {
  const [board, desk1, desk2, kiosk] = [
    await context.newPage(),
    await context.newPage(),
    await context.newPage(),
    await context.newPage(),
  ];
  await openBoard(board, hub);
  await signInToStaff(desk1, hub, 'Desk 1');
  await signInToStaff(desk2, hub, 'Desk 2');
  const first = await takeTicketAtKiosk(kiosk, hub, 'Housing');
  const second = await takeTicketAtKiosk(kiosk, hub, 'Council Tax');
  await expect(desk1.locator('tr[data-ticket]')).toHaveCount(2);
  await expect(desk2.locator('tr[data-ticket]')).toHaveCount(2);

  await Promise.all([
    desk1.getByRole('button', { name: 'Call next' }).click(),
    desk2.getByRole('button', { name: 'Call next' }).click(),
  ]);
  const atDesk1 = (await desk1.getByTestId('current-number').textContent()) ?? '';
  const atDesk2 = (await desk2.getByTestId('current-number').textContent()) ?? '';
  expect(new Set([atDesk1, atDesk2])).toEqual(new Set([first, second]));

  await expect(board.locator('.call .call-number')).toHaveCount(2);
  const [newest, older] = await board.locator('.call .call-number').allTextContents();
  expect(new Set([newest, older])).toEqual(new Set([first, second]));
  const deskOf = (n: string | undefined) => (n === atDesk1 ? 'Desk 1' : 'Desk 2');
  await expect
    .poll(() => spokenTexts(board), { timeout: 15_000 })
    .toEqual([announcement(older ?? '', deskOf(older)), announcement(newest ?? '', deskOf(newest))]);
  const record = await speechRecord(board);
  expect(record.some((r) => r.event === 'cancel')).toBe(false);
  const firstEnd = record.findIndex((r) => r.event === 'end');
  const secondSpeak = record.findLastIndex((r) => r.event === 'speak');
  expect(secondSpeak).toBeGreaterThan(firstEnd);
});

test('recall, no-show, transfer and complete, as the console and the board show them', async ({
  context,
  hub,
  api,
}) => {
  const [board, staff] = [await context.newPage(), await context.newPage()];
  await openBoard(board, hub);
  await signInToStaff(staff, hub, 'Desk 1');
  await expect(staff.getByText('Live')).toBeVisible();
  const a = await api.issueTicket('housing');
  const b = await api.issueTicket('housing');
  const c = await api.issueTicket('housing');
  const list = staff.locator('tr[data-ticket]');
  await expect(list).toHaveCount(3);
  const callNext = () => staff.getByRole('button', { name: 'Call next' }).click();
  const current = staff.getByTestId('current-number');
  const newest = board.getByTestId('newest-call');

  await callNext();
  await expect(current).toHaveText(a.number);
  await expect(newest).toHaveText(`${a.number} → go to Desk 1`);
  await expect(list).toHaveCount(2);

  // Recall: announced again, still at the desk.
  await expect.poll(() => spokenTexts(board)).toEqual([announcement(a.number, 'Desk 1')]);
  await staff.getByRole('button', { name: 'Recall' }).click();
  await expect
    .poll(() => spokenTexts(board))
    .toEqual([announcement(a.number, 'Desk 1'), announcement(a.number, 'Desk 1')]);
  await expect(current).toHaveText(a.number);
  await expect(newest).toHaveText(`${a.number} → go to Desk 1`);

  // No-show: off the desk and off the board; not back on the list.
  await staff.getByRole('button', { name: 'No-show' }).click();
  await expect(current).toHaveCount(0);
  await expect(board.locator('.board')).not.toContainText(a.number);
  await expect(list).toHaveCount(2);
  await expect(staff.locator(`tr[data-ticket="${a.number}"]`)).toHaveCount(0);

  // Transfer: back on the list under the other service, off the board.
  await callNext();
  await expect(current).toHaveText(b.number);
  await expect(newest).toContainText(b.number);
  await staff.getByLabel('Transfer to').selectOption({ label: 'Benefits' });
  await staff.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(current).toHaveCount(0);
  await expect(staff.locator(`tr[data-ticket="${b.number}"]`)).toContainText('Benefits');
  await expect(board.locator('.board')).not.toContainText(b.number);

  // Complete: the desk is free, the list is shorter, and nothing more is announced for it.
  await callNext();
  const served = (await current.textContent()) ?? '';
  expect([b.number, c.number]).toContain(served);
  await expect(newest).toContainText(served);
  await staff.getByRole('button', { name: 'Complete' }).click();
  await expect(current).toHaveCount(0);
  await expect(staff.getByText('No ticket at your desk')).toBeVisible();
  await expect(list).toHaveCount(1);
  // Four calls were announced (a, a again, b, the last one); completing adds none.
  await expect.poll(() => spokenTexts(board), { timeout: 15_000 }).toHaveLength(4);
  await board.waitForTimeout(2_500);
  expect(await spokenTexts(board)).toEqual([
    announcement(a.number, 'Desk 1'),
    announcement(a.number, 'Desk 1'),
    announcement(b.number, 'Desk 1'),
    announcement(served, 'Desk 1'),
  ]);
});
