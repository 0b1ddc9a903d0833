/**
 * A kiosk in an office whose hub has gone (a power cut in the back office): the kiosk screen runs on
 * its own kiosk agent, which keeps giving tickets from the kiosk's offline series. The resident sees
 * an ordinary ticket, its number and "Estimated wait unavailable" — no error, no made-up wait.
 * Hub and agent are real processes; the agent enrolled and joined with the fleet CLI.
 */
import { rmSync } from 'node:fs';
import { AgentStatus } from '../../contract/agent.js';
import { newDataDir, startHub, startKioskAgentProcess, type HubProcess } from '../support/hub-process.js';
import { enrolKiosk, joinHub } from '../support/office-cli.js';
import { expect, test } from './fixtures';
import { startVisit, words } from './kiosk-helpers';

const quiet = { LOG_LEVEL: 'warn' };

test('with the hub away, a ticket taken on the kiosk screen has an offline number and no estimated wait', async ({
  page,
}) => {
  const processes: HubProcess[] = [];
  const kioskDir = newDataDir('kiosk-agent-');
  try {
    // The demo site's hub; its kiosk runs an agent, which drives the kiosk's own (simulated) devices.
    const hub = await startHub({ env: quiet });
    processes.push(hub);
    const code = await enrolKiosk(hub.dataDir, 'demo', 'kiosk-1');
    const joined = await joinHub(hub.url, 'kiosk-1', code, kioskDir);
    expect(joined.code, joined.stderr).toBe(0);
    const agent = await startKioskAgentProcess({ kioskId: 'kiosk-1', dataDir: kioskDir, simulate: true, env: quiet });
    processes.push(agent);
    const hubState = async () =>
      AgentStatus.parse(await (await page.request.get(`${agent.url}/api/agent/status`)).json()).hub;
    await expect.poll(hubState, { timeout: 15_000 }).toBe('online');

    await hub.kill('SIGKILL');
    await expect.poll(hubState, { timeout: 15_000 }).toBe('offline');

    await page.goto(`${agent.url}/kiosk?kiosk=kiosk-1`);
    await startVisit(page, 'en');
    await page.getByRole('button', { name: words.en.tickets }).click();
    await page.getByRole('button', { name: words.en.housing, exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Your ticket is H-A01' })).toBeVisible();
    await expect(page.getByText('For: Housing')).toBeVisible();
    await expect(page.getByText('Estimated wait unavailable')).toBeVisible();
    // Nobody can say how many are ahead while the hub is away: the screen does not guess.
    await expect(page.getByText(/ahead of you|You are next|called very soon/)).toHaveCount(0);
    // It printed on the kiosk's own printer, and nothing went wrong.
    await expect(page.getByRole('status')).toHaveText(words.en.takeTicket);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    for (const started of processes.reverse()) await started.stop();
    rmSync(kioskDir, { recursive: true, force: true });
  }
});
