/**
 * Lobby board against a real hub: calls made by staff (over the real API) appear on the board and
 * are announced — chime, then speech — one after another, never cutting each other off.
 * speechSynthesis is replaced by a recorder that queues and "speaks" like the real engine.
 */
import { test, expect, recordSpeech, speechRecord, spokenTexts } from './fixtures';

type Called = { id: string; number: string };

test('shows the calls made before it opened, newest large, without announcing them again', async ({
  page,
  hub,
  api,
}) => {
  await api.signIn();
  const first = await api.issueTicket('housing');
  const second = await api.issueTicket('repairs');
  await api.post('/api/desks/desk-1/call-next');
  await api.post('/api/desks/desk-2/call-next');

  await recordSpeech(page);
  await page.goto(`${hub.url}/display`);
  await expect(page.getByTestId('newest-call')).toHaveText(`${second.number} → go to Desk 2`);
  await expect(page.getByTestId('previous-calls').getByRole('listitem')).toHaveText([`${first.number} → go to Desk 1`]);
  await page.waitForTimeout(500);
  expect(await spokenTexts(page)).toEqual([]);
});

test('a new call chimes, then is spoken; two quick calls are both spoken, in order, neither cut off', async ({
  page,
  hub,
  api,
}) => {
  await api.signIn();
  const a = await api.issueTicket('housing');
  const b = await api.issueTicket('council-tax');

  await recordSpeech(page, 900);
  await page.goto(`${hub.url}/display`);
  await expect(page.getByText('Please wait to be called.')).toBeVisible();
  // Whoever sets up the board turns the sound on once, where the browser blocks it until a click.
  const soundButton = page.getByRole('button', { name: 'Turn on sound' });
  if (await soundButton.isVisible()) await soundButton.click();
  await expect(soundButton).toHaveCount(0);

  const [calledA, calledB] = await Promise.all([
    api.post<Called>('/api/desks/desk-1/call-next'),
    api.post<Called>('/api/desks/desk-2/call-next'),
  ]);
  expect(new Set([calledA?.number, calledB?.number])).toEqual(new Set([a.number, b.number]));

  const expected = (number: string, desk: string) => `Ticket ${number.split('').join(' ')}, please go to ${desk}`;
  await expect.poll(() => spokenTexts(page), { timeout: 15_000 }).toHaveLength(2);
  const spoken = await spokenTexts(page);
  // Board order = the order the events arrived; both desks' calls are spoken, each exactly once.
  const newestFirst = await page.locator('.call .call-number').allTextContents();
  const [newest, older] = newestFirst;
  const deskOf = (number: string | undefined) => (number === calledA?.number ? 'Desk 1' : 'Desk 2');
  expect(spoken).toEqual([expected(older ?? '', deskOf(older)), expected(newest ?? '', deskOf(newest))]);

  const record = await speechRecord(page);
  expect(record.filter((r) => r.event === 'cancel')).toEqual([]);
  // The second utterance is handed to the engine only after the first has ended, and each one
  // follows its own chime (two tones per chime).
  const sequence = record.map((r) => r.event).filter((e) => e !== 'start');
  expect(sequence).toEqual(['chime', 'chime', 'speak', 'end', 'chime', 'chime', 'speak', 'end']);
});

test('a recall is announced again and moves the ticket back to the top; a no-show leaves the board', async ({
  page,
  hub,
  api,
}) => {
  await api.signIn();
  const first = await api.issueTicket('housing');
  const second = await api.issueTicket('housing');
  await recordSpeech(page, 300);
  await page.goto(`${hub.url}/display`);
  await expect(page.getByText('Please wait to be called.')).toBeVisible();
  // Calls made before the board is live reach it through its first read, which announces nothing.
  await expect(page.locator('.board-connection')).toHaveCount(0);

  await api.post('/api/desks/desk-1/call-next');
  await expect(page.getByTestId('newest-call')).toContainText(first.number);
  await api.post('/api/desks/desk-2/call-next');
  await expect(page.getByTestId('newest-call')).toContainText(second.number);
  await expect(page.getByTestId('previous-calls')).toContainText(first.number);

  await api.post(`/api/tickets/${first.id}/recall`);
  await expect(page.getByTestId('newest-call')).toHaveText(`${first.number} → go to Desk 1`);
  await expect(page.getByTestId('previous-calls').getByRole('listitem')).toHaveText([
    `${second.number} → go to Desk 2`,
  ]);
  const firstSpoken = `Ticket ${first.number.split('').join(' ')}, please go to Desk 1`;
  await expect
    .poll(() => spokenTexts(page), { timeout: 15_000 })
    .toEqual([firstSpoken, `Ticket ${second.number.split('').join(' ')}, please go to Desk 2`, firstSpoken]);

  await api.post(`/api/tickets/${first.id}/no-show`);
  await expect(page.getByTestId('newest-call')).toContainText(second.number);
  await expect(page.locator('.board')).not.toContainText(first.number);

  // The same after the board is reloaded (a power cut in the lobby): the no-show stays off.
  await page.reload();
  await expect(page.getByTestId('newest-call')).toHaveText(`${second.number} → go to Desk 2`);
  await expect(page.locator('.board')).not.toContainText(first.number);
});

test('a transferred ticket leaves the board, also after a reload, and comes back when called again', async ({
  page,
  hub,
  api,
}) => {
  await api.signIn();
  const ticket = await api.issueTicket('housing');
  await api.post('/api/desks/desk-1/call-next');
  await page.goto(`${hub.url}/display`);
  await expect(page.getByTestId('newest-call')).toHaveText(`${ticket.number} → go to Desk 1`);
  await api.post(`/api/tickets/${ticket.id}/transfer`, { service: 'benefits' });
  await expect(page.locator('.board')).not.toContainText(ticket.number);
  await page.reload();
  await expect(page.getByText('Please wait to be called.')).toBeVisible();
  await expect(page.locator('.board')).not.toContainText(ticket.number);
  await api.post('/api/desks/desk-2/call-next');
  await expect(page.getByTestId('newest-call')).toHaveText(`${ticket.number} → go to Desk 2`);
});

test('keeps the newest call and the six before it', async ({ page, hub, api }) => {
  await api.signIn();
  await page.goto(`${hub.url}/display`);
  await expect(page.getByText('Please wait to be called.')).toBeVisible();
  const numbers: string[] = [];
  for (let i = 0; i < 8; i++) {
    const ticket = await api.issueTicket('housing');
    numbers.push(ticket.number);
    await api.post('/api/desks/desk-1/call-next');
    await api.post(`/api/tickets/${ticket.id}/complete`);
  }
  await expect(page.getByTestId('newest-call')).toContainText(numbers[7] ?? '');
  await expect(page.getByTestId('previous-calls').locator('.call-number')).toHaveText(numbers.slice(1, 7).reverse());
  // A reloaded board shows the same seven, from GET /api/calls/recent.
  await page.reload();
  await expect(page.getByTestId('newest-call')).toContainText(numbers[7] ?? '');
  await expect(page.getByTestId('previous-calls').locator('.call-number')).toHaveText(numbers.slice(1, 7).reverse());
});
