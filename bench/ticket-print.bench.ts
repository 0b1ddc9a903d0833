/**
 * Kiosk tap → ticket printer: the time from a resident's tap on a service (measured in the page at
 * pointerdown) to the first byte reaching the ticket printer's serial port, and to the first byte of
 * the print job itself (ESC @). Real parts throughout: a hub process with a site config whose
 * kiosk-1 ticket printer is one end of a socat pty pair, the ESC/POS printer simulator on the other
 * end (in this process, so arrival times are taken where the bytes land), the kiosk page in Chromium.
 *
 * Both clocks are the machine's wall clock at sub-millisecond resolution
 * (performance.timeOrigin + performance.now() in the page and here).
 *
 * `npm run bench -- ticket-print`; BENCH_TAPS sets the number of tickets (default 30).
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hostSimulator } from '../hardware/sim/hosting.js';
import { PrinterSimulator } from '../hardware/sim/printer-sim.js';
import { chromiumPath } from '../playwright.config.js';
import { startHub } from '../tests/support/hub-process.js';
import { startVisit, words } from '../tests/browser/kiosk-helpers.js';
import { summary, writeResults } from './support/stats.js';

const taps = Number(process.env.BENCH_TAPS ?? 30);
const wallClockNow = () => performance.timeOrigin + performance.now();

const printer = new PrinterSimulator();
const line = await hostSimulator(printer, { transport: 'pty', name: 'bench-ticket-printer' });
const arrivals: Array<{ at: number; startsJob: boolean }> = [];
printer.onReceive((chunk) => {
  const at = wallClockNow();
  const startsJob = chunk.includes(Buffer.from([0x1b, 0x40]));
  arrivals.push({ at, startsJob });
});

const folder = mkdtempSync(join(tmpdir(), 'bench-ticket-print-'));
const site = JSON.parse(readFileSync('server/demo/site.json', 'utf8')) as { kiosks: Array<{ devices?: unknown }> };
const kiosk = site.kiosks[0];
if (!kiosk) throw new Error('the demo site has no kiosk');
kiosk.devices = { ticketPrinter: { path: line.hostPath } };
const configFile = join(folder, 'site.json');
writeFileSync(configFile, JSON.stringify(site));

const hub = await startHub({ configFile, dataDir: join(folder, 'data') });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const toAnyByte: number[] = [];
const toJobStart: number[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  for (let i = 0; i < taps; i++) {
    await page.goto(`${hub.url}/kiosk?kiosk=kiosk-1`);
    await startVisit(page, 'en');
    await page.getByRole('button', { name: words.en.tickets }).click();
    const service = page.getByRole('button', { name: words.en.housing, exact: true });
    await service.waitFor();
    // A string, not a function: tsx would wrap a named function with a helper the page lacks.
    await page.evaluate(
      `document.addEventListener('pointerdown', () => { window.tapAt = performance.timeOrigin + performance.now(); }, { capture: true, once: true })`,
    );
    const seenBefore = arrivals.length;
    await service.click();
    const deadline = Date.now() + 15_000;
    while (!arrivals.slice(seenBefore).some((a) => a.startsJob)) {
      if (Date.now() > deadline) throw new Error(`tap ${i + 1}: no print job reached the printer within 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const tapAt = await page.evaluate<number>('window.tapAt');
    const after = arrivals.slice(seenBefore).filter((a) => a.at >= tapAt);
    const firstByte = after[0];
    const jobStart = after.find((a) => a.startsJob);
    if (!firstByte || !jobStart) throw new Error(`tap ${i + 1}: bytes arrived before the tap was recorded`);
    toAnyByte.push(firstByte.at - tapAt);
    toJobStart.push(jobStart.at - tapAt);
  }
} finally {
  await browser.close();
  await hub.stop();
  await line.stop();
  rmSync(folder, { recursive: true, force: true });
}

const summaryMs = (values: number[]) => {
  const { median, p95, max } = summary(values, 1);
  return { medianMs: median, p95Ms: p95, maxMs: max };
};
const result = {
  taps,
  tapToFirstByteOnPort: summaryMs(toAnyByte),
  tapToPrintJobStart: summaryMs(toJobStart),
  note: 'first byte = the status check the driver sends before every job; job start = ESC @ of the ticket itself',
};
console.log(`Kiosk tap → ticket printer port, ${taps} tickets (socat pty, ESC/POS simulator):`);
console.log(
  `  first byte on the port : median ${result.tapToFirstByteOnPort.medianMs} ms, p95 ${result.tapToFirstByteOnPort.p95Ms} ms, max ${result.tapToFirstByteOnPort.maxMs} ms`,
);
console.log(
  `  print job starts (ESC @): median ${result.tapToPrintJobStart.medianMs} ms, p95 ${result.tapToPrintJobStart.p95Ms} ms, max ${result.tapToPrintJobStart.maxMs} ms`,
);
writeResults('ticket-print', result);
