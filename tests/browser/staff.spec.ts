/**
 * Staff console against a real hub: sign-in, desk choice, the waiting list in the server's order,
 * every action on the current ticket, wait colouring, errors in words, reconnecting.
 */
import {
  test,
  expect,
  computedStyle,
  presetSession,
  sessionItem,
  signInToStaff,
  staffToken,
  startHub,
} from './fixtures';

test('signs in, picks a desk, calls the next ticket and completes it', async ({ page, hub, api }) => {
  const housing = await api.issueTicket('housing');
  const tax = await api.issueTicket('council-tax');
  const deskOpen = async (id: string) =>
    (await api.get<Array<{ id: string; open: boolean }>>('/api/desks')).find((desk) => desk.id === id)?.open;
  expect(await deskOpen('desk-1')).toBe(false);

  await signInToStaff(page, hub, 'Desk 1');
  await expect(page.getByRole('heading', { name: 'Staff console' })).toBeVisible();
  await expect(page.locator('.console-header')).toContainText('Desk 1');
  await expect(page.getByText('Live')).toBeVisible();
  // Picking a desk tells the server it is staffed, so the kiosk's estimate counts it.
  await expect.poll(() => deskOpen('desk-1')).toBe(true);
  expect(await deskOpen('desk-2')).toBe(false);

  const rows = page.getByRole('table', { name: /in the order Call next takes them/ }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + two tickets, oldest first
  await expect(rows.nth(1)).toContainText(housing.number);
  await expect(rows.nth(1)).toContainText('Housing');
  await expect(rows.nth(2)).toContainText(tax.number);
  await expect(rows.nth(2)).toContainText('Council tax');

  await page.getByRole('button', { name: 'Call next' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(housing.number);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(tax.number);
  // One ticket at a time at a desk.
  await expect(page.getByRole('button', { name: 'Call next' })).toBeDisabled();

  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByTestId('current-number')).toHaveCount(0);
  await expect(page.getByText('No ticket at your desk')).toBeVisible();
  const stored = await api.get<{ state: string }>(`/api/tickets/${housing.id}`);
  expect(stored.state).toBe('completed');
});

test('a ticket issued at the kiosk appears without a reload, on the desks that serve its service only', async ({
  page,
  context,
  hub,
  api,
}) => {
  await signInToStaff(page, hub, 'Desk 2');
  await expect(page.getByText('No one is waiting.').first()).toBeVisible();
  await expect(page.getByText('Live')).toBeVisible();
  const desk1 = await context.newPage();
  await signInToStaff(desk1, hub, 'Desk 1');
  await expect(desk1.getByText('Live')).toBeVisible();

  const repairs = await api.issueTicket('repairs'); // Desk 2 only
  const housing = await api.issueTicket('housing'); // both desks
  await expect(page.locator(`tr[data-ticket="${repairs.number}"]`)).toContainText('Repairs');
  await expect(page.locator(`tr[data-ticket="${housing.number}"]`)).toContainText('Housing');
  await expect(desk1.locator(`tr[data-ticket="${housing.number}"]`)).toContainText('Housing');
  await expect(desk1.locator('tr[data-ticket]')).toHaveCount(1);
});

test('call next with nobody waiting says so', async ({ page, hub }) => {
  await signInToStaff(page, hub, 'Desk 1');
  await page.getByRole('button', { name: 'Call next' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: "No one is waiting for this desk's services." }),
  ).toBeVisible();
});

test('recall keeps the ticket, no-show frees the desk, transfer puts it back in another service', async ({
  page,
  hub,
  api,
}) => {
  await signInToStaff(page, hub, 'Desk 1');
  await expect(page.getByText('Live')).toBeVisible();
  const first = await api.issueTicket('housing');
  const second = await api.issueTicket('housing');
  await expect(page.locator('tr[data-ticket]')).toHaveCount(2);

  await page.getByRole('button', { name: 'Call next' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(first.number);
  await page.getByRole('button', { name: 'Recall' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(first.number);
  expect(
    (await api.get<{ state: string; lastCalledAt: string; calledAt: string }>(`/api/tickets/${first.id}`)).state,
  ).toBe('called');

  await page.getByRole('button', { name: 'No-show' }).click();
  await expect(page.getByTestId('current-number')).toHaveCount(0);
  expect((await api.get<{ state: string }>(`/api/tickets/${first.id}`)).state).toBe('no-show');

  await page.getByRole('button', { name: 'Call next' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(second.number);
  await page.getByLabel('Transfer to').selectOption({ label: 'Benefits' });
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(page.getByTestId('current-number')).toHaveCount(0);
  // Back on the list, now under Benefits, keeping its number.
  await expect(page.locator(`tr[data-ticket="${second.number}"]`)).toContainText('Benefits');
  expect(await api.get<{ service: string; state: string }>(`/api/tickets/${second.id}`)).toMatchObject({
    service: 'benefits',
    state: 'waiting',
  });
});

test.describe('with a 5-second wait standard', () => {
  // The hub's time stands still and the page's clock is stopped once it shows: the wait grows only as
  // the test moves the page's clock, so each colour is seen at the second it should appear.
  test.use({ hubOptions: { waitTargetSeconds: 5, testClock: true } });

  test('each wait ticks and turns amber at 80 % of the target, then red past it, with words as well as colour', async ({
    page,
    hub,
    api,
  }) => {
    await page.clock.install();
    await signInToStaff(page, hub, 'Desk 1');
    await expect(page.getByText('Wait standard: 0:05')).toBeVisible();
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    const ticket = await api.issueTicket('housing');
    const row = page.locator(`tr[data-ticket="${ticket.number}"]`);
    await expect(row).toHaveAttribute('data-level', 'ok');
    await expect(row).toContainText('Within');
    await expect(row.locator('.waited')).toHaveText(/0:0[0-3]/);

    await page.clock.runFor(5_000); // it re-renders once a second: it shows a wait between 4 and 5 s
    await expect(row).toHaveAttribute('data-level', 'near');
    await expect(row).toContainText('Near the limit');
    await expect(row.locator('.waited')).toHaveText(/0:0[45]/);
    const amber = await computedStyle(row, 'backgroundColor');

    await page.clock.runFor(2_000);
    await expect(row).toHaveAttribute('data-level', 'over');
    await expect(row).toContainText('Over the limit');
    await expect(row.locator('.waited')).toHaveText(/0:0[6-9]|0:1\d/);
    const red = await computedStyle(row, 'backgroundColor');
    expect(amber).toBe('rgb(255, 210, 77)');
    expect(red).toBe('rgb(164, 0, 29)');
  });
});

test('a wrong password is refused in plain words', async ({ page, hub }) => {
  await page.goto(`${hub.url}/staff`);
  await page.getByLabel('Username').fill('demo');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  expect(await sessionItem(page, 'staff-session')).toBeNull();
});

test('a token the server no longer accepts (401) goes back to sign-in', async ({ page, hub }) => {
  await presetSession(page, {
    'staff-session': JSON.stringify({ token: 'expired-or-forged', username: 'demo', displayName: 'Demo' }),
    'staff-desk': 'desk-1',
  });
  await page.goto(`${hub.url}/staff`);
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await expect(page.getByLabel('Username')).toBeVisible();
});

test('a session ended on the server mid-shift: the next action goes back to sign-in', async ({ page, hub }) => {
  await signInToStaff(page, hub, 'Desk 1');
  await expect(page.getByText('Live')).toBeVisible();
  const token = await staffToken(page);
  const logout = await page.request.post(`${hub.url}/api/auth/logout`, {
    headers: { authorization: `Bearer ${token}` },
    data: {},
  });
  expect(logout.ok()).toBe(true);
  await page.getByRole('button', { name: 'Call next' }).click();
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await page.getByLabel('Username').fill('demo');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back where they were: the desk choice is kept for the tab.
  await expect(page.getByRole('button', { name: 'Call next' })).toBeEnabled();
});

test('signing out forgets the token', async ({ page, hub }) => {
  await signInToStaff(page, hub, 'Desk 1');
  const token = await staffToken(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
  await expect
    .poll(async () =>
      (await page.request.get(`${hub.url}/api/queue`, { headers: { authorization: `Bearer ${token}` } })).status(),
    )
    .toBe(401);
});

test('shows "reconnecting" while the server is away and catches up when it is back', async ({ page }) => {
  const first = await startHub();
  try {
    await signInToStaff(page, first, 'Desk 1');
    await expect(page.getByText('Live')).toBeVisible();
    const port = Number(new URL(first.url).port);
    await first.kill();
    await expect(page.getByText('Reconnecting… the list may be out of date')).toBeVisible();
    await page.getByRole('button', { name: 'Call next' }).click();
    await expect(page.getByRole('alert')).toContainText('Cannot reach the server');

    const again = await startHub({ port, dataDir: first.dataDir });
    try {
      const http = await page.request.post(`${again.url}/api/tickets`, { data: { service: 'housing' } });
      const ticket = (await http.json()) as { number: string };
      await expect(page.getByText('Live')).toBeVisible({ timeout: 20_000 });
      await expect(page.locator(`tr[data-ticket="${ticket.number}"]`)).toBeVisible();
    } finally {
      await again.stop();
    }
  } finally {
    await first.stop();
  }
});

test('a remembered desk that is no longer in the site config asks for a desk again', async ({ page, hub }) => {
  await signInToStaff(page, hub, 'Desk 1');
  await expect(page.getByRole('button', { name: 'Call next' })).toBeVisible();
  await page.evaluate(() =>
    (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(
      'staff-desk',
      'desk-9',
    ),
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Choose your desk' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
