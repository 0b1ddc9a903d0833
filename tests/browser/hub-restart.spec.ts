/**
 * The lobby board and a staff console through a hub restart (a power cut in the back office): both
 * say they are reconnecting, come back live on their own when the hub is back on the same port and
 * data, read what they missed, and the board announces each call once — a call it already announced
 * is not announced again after the reconnect.
 */
import { test, expect, recordSpeech, signInToStaff, speechRecord, spokenTexts, startHub, type Hub } from './fixtures';

const announcement = (number: string, desk: string) => `Ticket ${number.split('').join(' ')}, please go to ${desk}`;

test('after a hub restart the board and the console reconnect, catch up, and a call is announced once', async ({
  page: board,
  context,
}) => {
  // The hub's time stands still; the restarted hub starts five minutes later, as after a real outage.
  const first = await startHub({ testClock: '2026-07-01T09:00:00.000Z' });
  let again: Hub | null = null;
  try {
    const port = Number(new URL(first.url).port);
    const issue = async (hubUrl: string) => {
      const response = await board.request.post(`${hubUrl}/api/tickets`, { data: { service: 'housing' } });
      expect(response.status(), await response.text()).toBe(201);
      return (await response.json()) as { number: string };
    };
    const before = await issue(first.url);

    await recordSpeech(board, 300);
    await board.goto(`${first.url}/display`);
    await expect(board.getByText('Please wait to be called.')).toBeVisible();
    await expect(board.locator('.board-connection')).toHaveCount(0); // live: calls from now on are announced

    const desk = await context.newPage();
    await signInToStaff(desk, first, 'Desk 1');
    await expect(desk.getByText('Live')).toBeVisible();
    await expect(desk.locator(`tr[data-ticket="${before.number}"]`)).toBeVisible();
    await desk.getByRole('button', { name: 'Call next' }).click();
    await expect(desk.getByTestId('current-number')).toHaveText(before.number);
    await expect(board.getByTestId('newest-call')).toHaveText(`${before.number} → go to Desk 1`);
    await expect.poll(() => spokenTexts(board)).toEqual([announcement(before.number, 'Desk 1')]);

    await first.kill('SIGKILL');
    await expect(board.locator('.board-connection')).toHaveText('Reconnecting…');
    await expect(desk.getByText('Reconnecting… the list may be out of date')).toBeVisible();
    // A member of staff tries anyway, and is told why it did not work.
    await desk.getByRole('button', { name: 'Complete' }).click();
    await expect(desk.getByRole('alert')).toContainText('Cannot reach the server');

    again = await startHub({ port, dataDir: first.dataDir, testClock: '2026-07-01T09:05:00.000Z' });
    expect(again.url).toBe(first.url);
    // Issued while the screens are (most likely) still waiting to reconnect: the console reads it on reconnecting.
    const after = await issue(again.url);

    // Backoff between attempts grows to a few seconds while the hub was away: wait for the condition.
    await expect(board.locator('.board-connection')).toHaveCount(0, { timeout: 20_000 });
    await expect(desk.getByText('Live')).toBeVisible({ timeout: 20_000 });
    await expect(desk.locator(`tr[data-ticket="${after.number}"]`)).toBeVisible();
    // The console still knows its desk's current ticket (from the hub), and no longer says the hub is unreachable.
    await expect(desk.getByTestId('current-number')).toHaveText(before.number);
    await expect(desk.getByRole('alert')).toHaveCount(0);
    // The board still shows the call it had, and has not announced it again.
    await expect(board.getByTestId('newest-call')).toHaveText(`${before.number} → go to Desk 1`);

    await desk.getByRole('button', { name: 'Complete' }).click();
    await expect(desk.getByTestId('current-number')).toHaveCount(0);
    await desk.getByRole('button', { name: 'Call next' }).click();
    await expect(desk.getByTestId('current-number')).toHaveText(after.number);

    await expect(board.getByTestId('newest-call')).toHaveText(`${after.number} → go to Desk 1`);
    await expect(board.getByTestId('previous-calls').getByRole('listitem')).toHaveText([
      `${before.number} → go to Desk 1`,
    ]);
    await expect.poll(() => spokenTexts(board), { timeout: 15_000 }).toContain(announcement(after.number, 'Desk 1'));
    // Each call spoken once, in order: the reconnect's catch-up read announced nothing.
    expect(await spokenTexts(board)).toEqual([
      announcement(before.number, 'Desk 1'),
      announcement(after.number, 'Desk 1'),
    ]);
    expect((await speechRecord(board)).filter((r) => r.event === 'speak')).toHaveLength(2);
  } finally {
    await again?.stop({ keepData: true });
    await first.stop();
  }
});
