/**
 * Kiosk benchmark (Playwright + Debian Chromium against a real hub with simulated devices):
 *
 * 1. Tap → next screen painted: a scripted session over every kiosk screen, real taps (CDP input).
 *    Measured in the page from the tap's pointerdown to the frame after the screen's heading changed
 *    (two animation frames: the change has been painted). Median and 95th percentile.
 *    Also tap on a service → the ticket number on screen (includes the server issuing it).
 * 2. Initial JavaScript (gzip): what the browser fetches before the attract screen shows, and the
 *    entry chunk + its preloads as built.
 * 3. Heap after 10 and after 1,000 simulated sessions (ticket printed, information page, feedback,
 *    language change, reset), after a forced garbage collection.
 *
 * `npm run bench -- kiosk` (builds the renderer first). Writes bench/results/kiosk.json.
 * Options: KIOSK_BENCH_SESSIONS (default 1000), KIOSK_BENCH_SCRIPTED (default 20).
 */
import { chromium, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { newDataDir, startHub as startHubProcess } from '../tests/support/hub-process.js';
import { quantile, round, summary, writeResults } from './support/stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const sessionsTotal = Number(process.env.KIOSK_BENCH_SESSIONS ?? 1000);
const scriptedSessions = Number(process.env.KIOSK_BENCH_SCRIPTED ?? 20);

const startHub = () => startHubProcess({ dataDir: newDataDir('kiosk-bench-'), cwd: root, startupTimeoutMs: 60_000 });

/** In the page: each pointerdown starts a clock; the first heading change after it, once painted, stops it. */
async function installTapTimer(page: Page): Promise<void> {
  await page.addInitScript(`
    window.__taps = [];
    window.__tapStart = null;
    let lastHeading = '';
    addEventListener('pointerdown', (e) => { window.__tapStart = e.timeStamp; }, true);
    const observer = new MutationObserver(() => {
      const heading = document.querySelector('h1')?.textContent ?? '';
      if (heading === lastHeading) return;
      lastHeading = heading;
      const start = window.__tapStart;
      if (start === null) return;
      window.__tapStart = null;
      requestAnimationFrame(() => requestAnimationFrame(() => window.__taps.push(performance.now() - start)));
    });
    addEventListener('DOMContentLoaded', () => observer.observe(document.body, { subtree: true, childList: true, characterData: true }));
  `);
}

async function tap(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
}

/** One scripted session over every screen, in English then Arabic; returns ms from tap on a service to the number shown. */
async function scriptedSession(page: Page, arabic: boolean): Promise<number> {
  const w = arabic
    ? {
        start: 'المس الشاشة للبدء',
        tickets: 'خذ تذكرة',
        housing: 'السكن',
        feedback: 'أخبرنا برأيك في خدمتنا',
        good: 'جيدة',
        reason: 'موظفون متعاونون',
        home: 'الصفحة الرئيسية',
        info: 'معلومات',
        repairs: 'الإصلاحات',
        print: 'اطبع هذه الصفحة',
        pay: 'ادفع فاتورة',
        lang: 'تغيير اللغة',
        number: /رقم تذكرتك/,
      }
    : {
        start: 'Touch to start',
        tickets: 'Take a ticket',
        housing: 'Housing',
        feedback: 'Tell us how we did',
        good: 'Good',
        reason: 'Helpful staff',
        home: 'Home',
        info: 'Information',
        repairs: 'Repairs',
        print: 'Print this',
        pay: 'Pay a bill',
        lang: 'Change language',
        number: /Your ticket is/,
      };
  if (arabic) await tap(page, 'العربية');
  await tap(page, w.start);
  await tap(page, w.tickets);
  await page.getByRole('button', { name: w.housing, exact: true }).waitFor();
  const before = Date.now();
  await tap(page, w.housing);
  await page.getByRole('heading', { level: 1, name: w.number }).waitFor();
  const ticketMs = Date.now() - before;
  await page.locator('.notice--success').waitFor();
  await tap(page, w.feedback);
  await tap(page, w.good);
  await tap(page, w.reason);
  await tap(page, w.home);
  await tap(page, w.info);
  await page.getByRole('button', { name: w.repairs, exact: true }).waitFor();
  await tap(page, w.repairs);
  await page.getByRole('img', { name: /QR/ }).waitFor();
  await tap(page, w.home);
  await tap(page, w.pay);
  await tap(page, w.home);
  await tap(page, w.lang);
  await tap(page, 'English');
  await page.getByRole('button', { name: 'Take a ticket' }).waitFor();
  return ticketMs;
}

/**
 * In the page: `count` sessions driven by DOM clicks (no CDP round trips), each over the ticket,
 * information and feedback screens, alternating English and Arabic, ending back at attract.
 */
async function simulatedSessions(page: Page, count: number): Promise<void> {
  // A string, not a function: tsx's name-keeping helper (__name) does not exist inside the page.
  await page.evaluate(`(${sessionDriver})(${count})`);
}

const sessionDriver = `async function (n) {
  const sleep = () => new Promise((r) => setTimeout(r, 0));
  async function button(label) {
    for (let i = 0; i < 4000; i++) {
      const found = [...document.querySelectorAll('button')].find((b) => {
        const title = b.getAttribute('aria-labelledby');
        const text = title ? document.getElementById(title)?.textContent : b.textContent;
        return text?.trim() === label;
      });
      if (found && !found.disabled) return found;
      await sleep();
    }
    throw new Error('no button "' + label + '" on "' + document.querySelector('h1')?.textContent + '"');
  }
  async function until(test, what) {
    for (let i = 0; i < 20000; i++) {
      if (test()) return;
      await new Promise((r) => setTimeout(r, 1));
    }
    throw new Error('timed out waiting for ' + what);
  }
  async function click(label) { (await button(label)).click(); }
  for (let s = 0; s < n; s++) {
    const ar = s % 2 === 1;
    if (ar) await click('العربية');
    await click(ar ? 'المس الشاشة للبدء' : 'Touch to start');
    await click(ar ? 'خذ تذكرة' : 'Take a ticket');
    await click(ar ? 'السكن' : 'Housing');
    await until(() => document.querySelector('.notice--success, .notice--error') !== null, 'the ticket');
    await click(ar ? 'الصفحة الرئيسية' : 'Home');
    await click(ar ? 'معلومات' : 'Information');
    await click(ar ? 'الإصلاحات' : 'Repairs');
    await until(() => document.querySelector('svg.qr') !== null, 'the page');
    await click(ar ? 'الصفحة الرئيسية' : 'Home');
    await click(ar ? 'أخبرنا برأيك في خدمتنا' : 'Tell us how we did');
    await click(ar ? 'جيدة' : 'Good');
    await click(ar ? 'موظفون متعاونون' : 'Helpful staff');
    // The thanks screen returns to attract by itself (?return=0.05), forgetting the visit.
    await until(() => document.documentElement.lang === 'en' && document.querySelector('.button--start') !== null, 'the attract screen');
  }
}`;

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / 1024 / 1024;
}

function builtEntrySizes(): { entryGzipBytes: number; files: string[] } {
  const html = readFileSync(join(root, 'dist/renderer/kiosk.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const entryGzipBytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(root, 'dist/renderer', file))).length,
    0,
  );
  return { entryGzipBytes, files };
}

async function main(): Promise<void> {
  const build = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: root, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build:renderer failed');
  const hub = await startHub();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // 2. Initial JavaScript: everything fetched until the attract screen is on screen.
    const loadPage = await browser.newPage();
    const jsResponses: Array<Promise<Buffer>> = [];
    loadPage.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) jsResponses.push(response.body());
    });
    await loadPage.goto(`${hub.url}/kiosk?kiosk=kiosk-1`);
    await loadPage.getByRole('button', { name: 'Touch to start' }).waitFor();
    await loadPage.waitForLoadState('networkidle');
    const jsBodies = await Promise.all(jsResponses);
    const initialJsGzipBytes = jsBodies.reduce((sum, body) => sum + gzipSync(body).length, 0);
    const initialJsRawBytes = jsBodies.reduce((sum, body) => sum + body.length, 0);
    await loadPage.close();
    const built = builtEntrySizes();

    // 1. Tap → next screen painted over scripted sessions.
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await installTapTimer(page);
    await page.goto(`${hub.url}/kiosk?kiosk=kiosk-1&idle=3600&return=600`);
    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    const ticketTimes: number[] = [];
    const taps: number[] = [];
    for (let i = 0; i < scriptedSessions; i++) {
      ticketTimes.push(await scriptedSession(page, i % 2 === 1));
      await page.waitForTimeout(100); // the last tap's two frames
      taps.push(...(await page.evaluate<number[]>('window.__taps')));
      await page.reload();
      await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    }
    await page.close();

    // 3. Heap after 10 and after all sessions, in one long-lived page as on a real kiosk.
    const long = await browser.newPage();
    await long.goto(`${hub.url}/kiosk?kiosk=kiosk-1&idle=3600&return=0.05`);
    await long.getByRole('button', { name: 'Touch to start' }).waitFor();
    const started = Date.now();
    // Checkpoints show whether growth keeps going (a leak) or levels off (caches warming up).
    const checkpoints = [10, 100, 250, 500, sessionsTotal].filter(
      (n, i, all) => n <= sessionsTotal && all.indexOf(n) === i,
    );
    const heapCurve: Array<{ sessions: number; mb: number }> = [];
    let done = 0;
    for (const checkpoint of checkpoints) {
      await simulatedSessions(long, checkpoint - done);
      done = checkpoint;
      heapCurve.push({ sessions: checkpoint, mb: round(await heapMb(long), 2) });
    }
    const heapAfter10 = heapCurve[0]?.mb ?? Number.NaN;
    const heapAfterAll = heapCurve.at(-1)?.mb ?? Number.NaN;
    const sessionsSeconds = (Date.now() - started) / 1000;
    await long.close();

    const results = {
      tapToPaintMs: { samples: taps.length, ...summary(taps, 1) },
      tapOnServiceToTicketNumberMs: {
        samples: ticketTimes.length,
        median: round(quantile(ticketTimes, 0.5), 1),
        p95: round(quantile(ticketTimes, 0.95), 1),
      },
      initialJs: {
        gzipKiB: round(initialJsGzipBytes / 1024, 1),
        rawKiB: round(initialJsRawBytes / 1024, 1),
        files: jsBodies.length,
        builtEntryAndPreloadsGzipKiB: round(built.entryGzipBytes / 1024, 1),
      },
      heap: {
        sessions: sessionsTotal,
        after10Mb: round(heapAfter10, 2),
        afterAllMb: round(heapAfterAll, 2),
        growthMb: round(heapAfterAll - heapAfter10, 2),
        curve: heapCurve,
        seconds: round(sessionsSeconds, 1),
      },
      chromium: chromiumPath,
      at: new Date().toISOString(),
    };
    console.log(
      `tap → next screen painted: median ${results.tapToPaintMs.median} ms, p95 ${results.tapToPaintMs.p95} ms (${taps.length} taps over ${scriptedSessions} scripted sessions)`,
    );
    console.log(
      `tap on a service → ticket number on screen: median ${results.tapOnServiceToTicketNumberMs.median} ms, p95 ${results.tapOnServiceToTicketNumberMs.p95} ms`,
    );
    console.log(
      `initial JavaScript: ${results.initialJs.gzipKiB} KiB gzip (${results.initialJs.rawKiB} KiB raw, ${results.initialJs.files} files); built entry + preloads ${results.initialJs.builtEntryAndPreloadsGzipKiB} KiB gzip`,
    );
    console.log(
      `heap: ${results.heap.after10Mb} MB after 10 sessions, ${results.heap.afterAllMb} MB after ${sessionsTotal} (growth ${results.heap.growthMb} MB; ${results.heap.seconds} s)`,
    );
    console.log(`heap curve: ${heapCurve.map((c) => `${c.sessions}: ${c.mb} MB`).join(', ')}`);
    writeResults('kiosk', results);
  } finally {
    await browser.close();
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
