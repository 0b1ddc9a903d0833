/**
 * Playwright fixture: a real hub process (`server/cli/main.ts hub --demo`) per test, on a random
 * port, with its own data folder. The browser talks to it exactly as a real screen would.
 *
 *   import { test, expect } from './fixtures';
 *   test.use({ hubOptions: { waitTargetSeconds: 5 } });
 *   test('…', async ({ page, hub }) => { await page.goto(`${hub.url}/staff`); … });
 *
 * The screens are served from dist/renderer: `npm run test:browser` (and `npm test`) build it first;
 * when running one spec by hand, run `npm run build:renderer` after changing renderer code.
 */
import AxeBuilder from '@axe-core/playwright';
import {
  test as base,
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { startHub, type HubOptions, type HubProcess } from '../support/hub-process.js';

/** The hub process itself is started by the plain-Node helper the Vitest tests and benchmarks use. */
export { startHub, type HubOptions } from '../support/hub-process.js';
export type Hub = HubProcess;

/** Plain HTTP calls against the hub, for arranging a test (issuing tickets, signing in). */
export class HubApi {
  private token: string | null = null;
  constructor(private readonly http: APIRequestContext) {}

  async signIn(username = 'demo', password = 'demo'): Promise<string> {
    const response = await this.http.post('/api/auth/login', { data: { username, password } });
    expect(response.status(), await response.text()).toBe(200);
    this.token = ((await response.json()) as { token: string }).token;
    return this.token;
  }

  private headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.http.get(path, { headers: this.headers() });
    expect(response.ok(), `GET ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  /** POST that must succeed; returns the parsed body, or null for 204. */
  async post<T>(path: string, data?: unknown): Promise<T | null> {
    const response = await this.http.post(path, { headers: this.headers(), data: data ?? {} });
    expect(response.ok(), `POST ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return response.status() === 204 ? null : ((await response.json()) as T);
  }

  async services(): Promise<Array<{ id: string; name: string; prefix: string }>> {
    return this.get('/api/services');
  }

  async desks(): Promise<Array<{ id: string; name: string }>> {
    return this.get('/api/desks');
  }

  async issueTicket(service: string, priority = false): Promise<{ id: string; number: string; service: string }> {
    const ticket = await this.post<{ id: string; number: string; service: string }>('/api/tickets', {
      service,
      priority,
    });
    if (!ticket) throw new Error('POST /api/tickets answered 204');
    return ticket;
  }
}

// Page-side helpers. The tests are type-checked without the DOM library (tsconfig.json is for Node),
// so the few browser globals they need are reached through these typed casts.
type PageWindow = {
  getComputedStyle(element: unknown): Record<string, string>;
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
};

/** A computed style of the locator's element, e.g. computedStyle(row, 'backgroundColor'). */
export async function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element, name) => (globalThis as unknown as PageWindow).getComputedStyle(element)[name] ?? '',
    property,
  );
}

export async function sessionItem(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => (globalThis as unknown as PageWindow).sessionStorage.getItem(k), key);
}

/** Puts items in sessionStorage before any of the page's scripts run (on every navigation). */
export async function presetSession(page: Page, items: Record<string, string>): Promise<void> {
  await page.addInitScript((entries) => {
    for (const [k, v] of Object.entries(entries)) (globalThis as unknown as PageWindow).sessionStorage.setItem(k, v);
  }, items);
}

/** The staff sign-in token the page holds. */
export async function staffToken(page: Page): Promise<string | undefined> {
  const stored = await sessionItem(page, 'staff-session');
  return stored ? (JSON.parse(stored) as { token?: string }).token : undefined;
}

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core with the WCAG 2.2 AA tags: zero violations, each one listed by rule and element if not. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe on ${where}`).toEqual([]);
  // A check that ran over nothing proves nothing: the page must have had content to examine.
  expect(results.passes.length, `axe found nothing to check on ${where}`).toBeGreaterThan(5);
}

/** Opens /staff, signs in (the demo account unless told) and, when given, picks a desk by its name. */
export async function signInToStaff(
  page: Page,
  hub: Hub,
  desk?: string,
  path = '/staff',
  account = { username: 'demo', password: 'demo' },
): Promise<void> {
  await page.goto(`${hub.url}${path}`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (desk) await page.getByRole('button', { name: new RegExp(`^${desk}\\b`) }).click();
}

export interface SpeechRecord {
  event: 'speak' | 'start' | 'end' | 'cancel' | 'chime';
  text: string;
  at: number;
}

/**
 * Replaces speechSynthesis in the page (before its scripts run) with a recorder that behaves like
 * the real engine: speak() queues, one utterance at a time, each "speaking" for `speakMs`, `end`
 * fired when done, cancel() empties the queue. Also records every Web Audio oscillator started
 * (the board's chime). Read the record with `speechRecord(page)`.
 */
export async function recordSpeech(page: Page, speakMs = 700): Promise<void> {
  await page.addInitScript((ms: number) => {
    type Utterance = {
      text: string;
      lang: string;
      rate: number;
      onstart: (() => void) | null;
      onend: (() => void) | null;
      onerror: (() => void) | null;
    };
    // This runs in the page; the test code is type-checked without the DOM library, hence these shapes.
    type Oscillator = { frequency: { value: number } };
    const page = globalThis as unknown as {
      __speech: Array<{ event: string; text: string; at: number }>;
      OscillatorNode?: { prototype: { start: (this: Oscillator, ...args: unknown[]) => void } };
    };
    const record: Array<{ event: string; text: string; at: number }> = [];
    page.__speech = record;
    const log = (event: string, text: string) => record.push({ event, text, at: performance.now() });
    const queue: Utterance[] = [];
    let current: Utterance | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pump = () => {
      if (current || queue.length === 0) return;
      const utterance = queue.shift() as Utterance;
      current = utterance;
      log('start', utterance.text);
      utterance.onstart?.();
      timer = setTimeout(() => {
        current = null;
        log('end', utterance.text);
        utterance.onend?.();
        pump();
      }, ms);
    };
    class RecordedUtterance implements Utterance {
      lang = '';
      rate = 1;
      pitch = 1;
      volume = 1;
      onstart: (() => void) | null = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(public text: string) {}
    }
    const synth = {
      speak(utterance: Utterance) {
        log('speak', utterance.text);
        queue.push(utterance);
        pump();
      },
      cancel() {
        log('cancel', current?.text ?? '');
        queue.length = 0;
        clearTimeout(timer);
        current = null;
      },
      pause() {},
      resume() {},
      getVoices: () => [],
      addEventListener() {},
      removeEventListener() {},
      get speaking() {
        return current !== null;
      },
      get pending() {
        return queue.length > 0;
      },
      get paused() {
        return false;
      },
      onvoiceschanged: null,
    };
    Object.defineProperty(globalThis, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: RecordedUtterance, configurable: true });
    const oscillator = page.OscillatorNode?.prototype;
    if (oscillator) {
      const start = oscillator.start;
      oscillator.start = function (this: Oscillator, ...args: unknown[]) {
        log('chime', String(this.frequency.value));
        start.apply(this, args);
      };
    }
  }, speakMs);
}

export async function speechRecord(page: Page): Promise<SpeechRecord[]> {
  return page.evaluate(() => (globalThis as unknown as { __speech: SpeechRecord[] }).__speech);
}

/** The texts spoken to the end, in order. */
export async function spokenTexts(page: Page): Promise<string[]> {
  return (await speechRecord(page)).filter((r) => r.event === 'end').map((r) => r.text);
}

export const test = base.extend<{ hubOptions: HubOptions; hub: Hub; api: HubApi }>({
  hubOptions: [{}, { option: true }],
  hub: async ({ hubOptions }, use, testInfo) => {
    const hub = await startHub(hubOptions);
    await use(hub);
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('hub output', { body: hub.output(), contentType: 'text/plain' });
    await hub.stop();
  },
  api: async ({ hub }, use) => {
    const http = await playwrightRequest.newContext({ baseURL: hub.url });
    await use(new HubApi(http));
    await http.dispose();
  },
});

export { expect };
