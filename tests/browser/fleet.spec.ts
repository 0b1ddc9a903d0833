/**
 * The fleet page (/fleet), served by a real hub. The hub's fleet answers and its event stream are
 * stood in for by the test (page.route, page.routeWebSocket), so the page is shown exactly the
 * machines the test describes: a printer fault, a kiosk not seen for 3 minutes, paper running low,
 * a display that is fine.
 */
import type { Page, WebSocketRoute } from '@playwright/test';
import type { DeviceState } from '../../contract/devices';
import type { FleetMachine, FleetView } from '../../contract/fleet';
import { test, expect, expectNoAxeViolations, signInToStaff } from './fixtures';

const generatedAt = '2026-12-02T10:00:00.000Z';
const secondsBefore = (seconds: number) => new Date(Date.parse(generatedAt) - seconds * 1000).toISOString();

function ticketPrinter(health: DeviceState['health'], reason: string | null, detail: string | null): DeviceState {
  return {
    id: 'ticket-printer',
    kind: 'ticket-printer',
    health,
    reason,
    detail,
    kiosk: null,
    updatedAt: secondsBefore(20),
  };
}

function kiosk(
  machineId: string,
  status: FleetMachine['status'],
  problems: string[],
  printer: DeviceState,
  seenSecondsAgo = 10,
): FleetMachine {
  return {
    machineId,
    role: 'kiosk',
    status,
    problems,
    lastHeartbeatAt: secondsBefore(seenSecondsAgo),
    clockOffsetMs: 40,
    heartbeat: {
      version: '0.4.0',
      uptimeSeconds: 3600,
      configVersion: 'cfg-7',
      devices: [printer],
      lastError: null,
      outboxes: [],
      hub: 'online',
    },
  };
}

const printerFault = kiosk(
  'kiosk-2',
  'fault',
  ['Ticket printer: cover is open.'],
  ticketPrinter('fault', 'cover-open', 'The ticket printer cover is open.'),
);
const notSeen = kiosk('kiosk-3', 'not-seen', ['Not seen for 3 minutes.'], ticketPrinter('ok', null, null), 180);
const paperLow = kiosk(
  'kiosk-1',
  'warning',
  ['Ticket printer: paper is running low.'],
  ticketPrinter('warning', 'paper-near-end', 'The ticket printer paper is running low.'),
);
const display: FleetMachine = {
  machineId: 'display-1',
  role: 'display',
  status: 'ok',
  problems: [],
  lastHeartbeatAt: secondsBefore(5),
  clockOffsetMs: 0,
  heartbeat: {
    version: '0.4.0',
    uptimeSeconds: 7200,
    configVersion: null,
    devices: [],
    lastError: null,
    outboxes: [],
    hub: null,
  },
};

const fleet = (machines: FleetMachine[]): FleetView => ({ generatedAt, notSeenAfterSeconds: 60, machines });

/** Answers GET /api/fleet with whatever `view` holds at the time of the request. */
async function serveFleet(page: Page, initial: FleetView) {
  const served = { view: initial, reads: 0 };
  await page.route('**/api/fleet', async (route) => {
    served.reads++;
    await route.fulfill({ json: served.view });
  });
  return served;
}

/** Stands in for /api/events: the test pushes events, and can drop the stream and refuse reconnections. */
async function standInEventStream(page: Page) {
  const stream = { socket: null as WebSocketRoute | null, accept: true, refused: 0 };
  await page.routeWebSocket(/\/api\/events$/, (socket) => {
    if (!stream.accept) {
      stream.refused++;
      void socket.close();
      return;
    }
    stream.socket = socket;
  });
  return stream;
}

const machineOrder = (page: Page) =>
  page.locator('article[data-machine]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-machine')));

test('lists faults first, then not seen, warnings and the rest, with their problems in words, and no axe violations', async ({
  page,
  hub,
}) => {
  await serveFleet(page, fleet([printerFault, notSeen, paperLow, display]));
  await standInEventStream(page);

  await page.goto(`${hub.url}/fleet`);
  await expect(page.getByLabel('Username')).toBeVisible();
  await expectNoAxeViolations(page, 'fleet sign-in');

  await signInToStaff(page, hub, undefined, '/fleet');
  await expect(page.getByRole('heading', { level: 1, name: 'Machines in this office' })).toBeVisible();
  await expect(page.getByTestId('fleet-summary')).toHaveText('3 machines need attention');
  expect(await machineOrder(page)).toEqual(['kiosk-2', 'kiosk-3', 'kiosk-1', 'display-1']);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Fault: 1 machine',
    'Not seen: 1 machine',
    'Warning: 1 machine',
    'OK: 1 machine',
  ]);

  const faultCard = page.getByRole('article', { name: 'kiosk-2' });
  await expect(faultCard.getByText('Fault', { exact: true })).toBeVisible();
  await expect(faultCard.getByRole('listitem').filter({ hasText: 'Ticket printer: cover is open.' })).toBeVisible();
  await expect(faultCard.locator('[data-device="ticket-printer"]')).toHaveText(
    /Ticket printer\s*Fault — The ticket printer cover is open\./,
  );
  await expect(faultCard.getByText('cfg-7')).toBeVisible();
  await expect(faultCard.getByText('0.4.0')).toBeVisible();

  const notSeenCard = page.getByRole('article', { name: 'kiosk-3' });
  await expect(notSeenCard.getByText('Not seen', { exact: true })).toBeVisible();
  await expect(notSeenCard.getByText('Not seen for 3 minutes.')).toBeVisible();
  await expect(notSeenCard.locator('time')).toHaveText('3 minutes ago');

  const warningCard = page.getByRole('article', { name: 'kiosk-1' });
  await expect(warningCard.getByText('Warning', { exact: true })).toBeVisible();
  await expect(warningCard.getByText('Ticket printer: paper is running low.')).toBeVisible();

  const okCard = page.getByRole('article', { name: 'display-1' });
  await expect(okCard.getByText('OK', { exact: true })).toBeVisible();
  await expect(okCard.getByText('Lobby display')).toBeVisible();
  await expect(okCard.getByText('No devices.')).toBeVisible();
  await expect(okCard.getByRole('heading', { name: 'Problems' })).toHaveCount(0);

  await expect(page.locator('[data-connection]')).toHaveText('Live');
  await expectNoAxeViolations(page, 'fleet with a fault, a machine not seen, a warning and one ok');
});

test('re-reads the fleet when it changes, and after the event stream comes back', async ({ page, hub }) => {
  const served = await serveFleet(page, fleet([printerFault, notSeen, paperLow, display]));
  const stream = await standInEventStream(page);
  await signInToStaff(page, hub, undefined, '/fleet');
  await expect(page.getByTestId('fleet-summary')).toHaveText('3 machines need attention');

  // The printer cover is shut: the hub says so on the event stream.
  const fixed = kiosk('kiosk-2', 'ok', [], ticketPrinter('ok', null, null), 2);
  served.view = fleet([notSeen, paperLow, fixed, display]);
  stream.socket?.send(JSON.stringify({ type: 'fleet.changed', at: generatedAt, machineId: 'kiosk-2', status: 'ok' }));
  await expect(page.getByTestId('fleet-summary')).toHaveText('2 machines need attention');
  await expect(page.getByRole('article', { name: 'kiosk-2' }).getByText('OK', { exact: true })).toBeVisible();
  expect(await machineOrder(page)).toEqual(['kiosk-3', 'kiosk-1', 'kiosk-2', 'display-1']);

  // The stream drops; while it is down the page says the list may be out of date.
  stream.accept = false;
  await stream.socket?.close();
  await expect(page.locator('[data-connection]')).toHaveText('Reconnecting… the list may be out of date');

  // Attempts that fail to connect read nothing.
  const readsWhileDown = served.reads;
  await expect.poll(() => stream.refused).toBeGreaterThanOrEqual(2);
  expect(served.reads).toBe(readsWhileDown);

  // Meanwhile kiosk-3 came back and paper was loaded (the events were missed): reconnecting re-reads.
  served.view = fleet([
    { ...paperLow, status: 'ok', problems: [] },
    fixed,
    { ...notSeen, status: 'ok', problems: [], lastHeartbeatAt: secondsBefore(3) },
    display,
  ]);
  stream.accept = true;
  await expect(page.locator('[data-connection]')).toHaveText('Live');
  await expect(page.getByTestId('fleet-summary')).toHaveText('All 4 machines are working');
  expect(served.reads).toBeGreaterThan(readsWhileDown);
  await expect(page.getByRole('article', { name: 'kiosk-3' }).locator('time')).toHaveText('now');
});
