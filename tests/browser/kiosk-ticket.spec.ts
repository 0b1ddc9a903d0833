/**
 * The ticket journey at the kiosk, as a resident walks it (by role and accessible name), in English
 * and in Arabic: attract → choose a service → "Your ticket is H001, about N minutes" → the ticket
 * prints → back to the start. The English test stops the page's clock, so the return to the start
 * happens when the test moves time, not after a real wait.
 */
import { test, expect } from './fixtures';
import { installSpeech, kioskUrl, openKioskWithStoppedClock, startVisit, utterances, words } from './kiosk-helpers';

test('English: a ticket with assistance is issued, printed and shown, then the kiosk goes back to the start', async ({
  page,
  hub,
  api,
}) => {
  await api.issueTicket('housing');
  await api.issueTicket('housing');
  await page.clock.install();
  await openKioskWithStoppedClock(page, kioskUrl(hub, 'return=2'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: words.en.welcome })).toBeVisible();
  await expect(page.getByText(words.en.help)).toBeVisible();

  await startVisit(page, 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
  // The tiles are what the site config says this kiosk offers, no more.
  const { offers } = await api.get<{ offers: string[] }>('/api/kiosks/kiosk-1');
  const tileNames: Record<string, string> = {
    tickets: words.en.tickets,
    payments: words.en.payments,
    information: words.en.information,
    feedback: words.en.feedback,
  };
  for (const [offer, name] of Object.entries(tileNames))
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(offers.includes(offer) ? 1 : 0);
  await page.getByRole('button', { name: words.en.tickets }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What do you need help with?' })).toBeVisible();
  await page.getByRole('checkbox', { name: words.en.assistance }).check();
  await page.getByRole('button', { name: words.en.housing, exact: true }).click();

  const heading = page.getByRole('heading', { level: 1, name: words.en.ticketHeading });
  await expect(heading).toBeVisible();
  const number = words.en.ticketHeading.exec((await heading.textContent()) ?? '')?.[1];
  expect(number).toBe('H003');
  await expect(page.getByText('For: Housing')).toBeVisible();
  await expect(page.getByText('We know you need assistance.')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(words.en.takeTicket);

  // The server has the ticket as the kiosk said: priority, from kiosk-1, and ahead of the two ordinary ones.
  await api.signIn();
  const queue =
    await api.get<Array<{ number: string; priority: boolean; kiosk: string | null; estimatedWaitMinutes: number }>>(
      '/api/queue',
    );
  const mine = queue.find((t) => t.number === number);
  expect(mine).toMatchObject({ priority: true, kiosk: 'kiosk-1' });
  expect(queue[0]?.number).toBe(number);
  // "About N minutes" on screen is the server's estimate, in words with the right plural.
  const minutes = mine?.estimatedWaitMinutes ?? 0;
  const waitText =
    minutes === 0 ? 'You should be called very soon' : minutes === 1 ? 'About 1 minute' : `About ${minutes} minutes`;
  await expect(page.getByText(waitText, { exact: true })).toBeVisible();

  // Printed and on screen: nothing to keep, so the screen clears itself after a few seconds.
  await expect(page.getByText(/This screen will go back to the start in \d seconds?/)).toBeVisible();
  await page.clock.runFor(1_000);
  await expect(page.getByText('This screen will go back to the start in 1 second.')).toBeVisible();
  await expect(heading).toBeVisible();
  await page.clock.runFor(1_000);
  await expect(page.getByRole('heading', { level: 1, name: words.en.welcome })).toBeVisible();
  await expect(page.getByText(number ?? 'none')).toHaveCount(0);
});

test('Arabic: the whole journey is in Arabic, right to left, with Arabic plural forms', async ({ page, hub, api }) => {
  await api.issueTicket('housing');
  await api.issueTicket('housing');
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'ar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText(words.ar.help)).toBeVisible();

  await page.getByRole('button', { name: words.ar.tickets }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'بماذا تحتاج إلى مساعدة؟' })).toBeVisible();
  await page.getByRole('button', { name: words.ar.housing, exact: true }).click();

  const heading = page.getByRole('heading', { level: 1, name: words.ar.ticketHeading });
  await expect(heading).toBeVisible();
  expect(words.ar.ticketHeading.exec((await heading.textContent()) ?? '')?.[1]).toBe('H003');
  await expect(page.getByText('الخدمة: السكن')).toBeVisible();
  // Two people ahead: Arabic's dual form, not the plural.
  await expect(page.getByText('أمامك شخصان', { exact: true })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(words.ar.takeTicket);

  // The Home button sits at the right-hand (start) edge in a right-to-left layout.
  const home = await page.getByRole('button', { name: words.ar.home }).boundingBox();
  const viewport = page.viewportSize();
  expect(home && viewport && home.x > viewport.width / 2).toBe(true);

  await page.getByRole('button', { name: words.ar.finish }).click();
  // A new visit starts in the default language.
  await expect(page.getByRole('heading', { level: 1, name: words.en.welcome })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

test('a ticket issued while the hub is away reads as a normal ticket, with "Estimated wait unavailable", on screen and aloud', async ({
  page,
  hub,
}) => {
  // The kiosk agent answers POST /api/tickets with an offline ticket when the hub is unreachable
  // (contract/agent.ts KioskTicket); here the page's requests stand in for the agent.
  await page.route('**/api/tickets', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await route.fulfill({
      status: 201,
      json: {
        id: '5f0c2a57-3a8e-4a4e-9d3b-2f7d1c0e9b61',
        number: 'H-A07',
        service: 'housing',
        priority: false,
        state: 'waiting',
        issuedAt: new Date().toISOString(),
        calledAt: null,
        lastCalledAt: null,
        completedAt: null,
        desk: null,
        kiosk: 'kiosk-1',
        position: null,
        estimatedWaitMinutes: null,
        offline: true,
      },
    });
  });
  await page.route('**/api/kiosks/kiosk-1/print-ticket', (route) => route.fulfill({ json: { printed: true } }));
  await installSpeech(page, ['en-GB']);
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'en');
  await page.getByRole('button', { name: words.en.readAloud }).click();
  await page.getByRole('button', { name: words.en.tickets }).click();
  await page.getByRole('button', { name: words.en.housing, exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Your ticket is H-A07' })).toBeVisible();
  await expect(page.locator('.ticket-facts li')).toHaveText(['For: Housing', 'Estimated wait unavailable']);
  await expect(page.getByRole('status')).toHaveText(words.en.takeTicket);
  await expect(page.locator('.notice--error')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(/ahead of you|You are next|minute|very soon|offline/i);

  // Read aloud says what the screen says.
  const spoken = 'Your ticket is H-A07. For: Housing. Estimated wait unavailable. ' + words.en.takeTicket;
  await expect.poll(async () => (await utterances(page)).map((u) => u.text)).toContain(spoken);
});
