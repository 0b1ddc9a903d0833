/**
 * What the kiosk's ticket screen says (and Read aloud reads) about the wait: the hub's position and
 * estimate in words, or, for a ticket the kiosk issued while the hub was away, "Estimated wait
 * unavailable" in the resident's language — never a made-up number.
 */
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import languagesFile from '../../locales/languages.json';
import ar from '../../locales/ar/kiosk.json';
import bn from '../../locales/bn/kiosk.json';
import en from '../../locales/en/kiosk.json';
import lt from '../../locales/lt/kiosk.json';
import pl from '../../locales/pl/kiosk.json';
import pt from '../../locales/pt/kiosk.json';
import ro from '../../locales/ro/kiosk.json';
import zhHans from '../../locales/zh-Hans/kiosk.json';
import { issueTicket } from '../../renderer/kiosk/api';
import { ticketFacts, type KioskTranslate } from '../../renderer/kiosk/screens/ticketFacts';

const kioskFiles: Record<string, object> = { ar, bn, en, lt, pl, pt, ro, 'zh-Hans': zhHans };

async function translatorFor(language: string): Promise<KioskTranslate> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'en',
    ns: ['kiosk'],
    defaultNS: 'kiosk',
    resources: Object.fromEntries(Object.entries(kioskFiles).map(([code, kiosk]) => [code, { kiosk }])),
    interpolation: { escapeValue: false },
  });
  return (key, options) => instance.t(key, options);
}

const offline = { position: null, estimatedWaitMinutes: null };

describe('ticket facts', () => {
  it('a ticket from the hub: the estimate and the people ahead, in words with the right plural', async () => {
    const t = await translatorFor('en');
    expect(ticketFacts({ position: 3, estimatedWaitMinutes: 12 }, t)).toEqual({
      wait: 'About 12 minutes',
      queue: '2 people are ahead of you',
    });
    expect(ticketFacts({ position: 2, estimatedWaitMinutes: 1 }, t)).toEqual({
      wait: 'About 1 minute',
      queue: '1 person is ahead of you',
    });
    // First in the queue is "next", never "0 people ahead".
    expect(ticketFacts({ position: 1, estimatedWaitMinutes: 0 }, t)).toEqual({
      wait: 'You should be called very soon',
      queue: 'You are next',
    });
  });

  it('a ticket issued offline: "Estimated wait unavailable" and no line about people ahead', async () => {
    const t = await translatorFor('en');
    expect(ticketFacts(offline, t)).toEqual({ wait: 'Estimated wait unavailable', queue: null });
  });

  it('an estimate without a position is not promised; a position without an estimate is still shown', async () => {
    const t = await translatorFor('en');
    expect(ticketFacts({ position: null, estimatedWaitMinutes: 5 }, t)).toEqual({
      wait: 'Estimated wait unavailable',
      queue: null,
    });
    expect(ticketFacts({ position: 4, estimatedWaitMinutes: null }, t)).toEqual({
      wait: 'Estimated wait unavailable',
      queue: '3 people are ahead of you',
    });
  });

  it('every kiosk language says it in its own words, with no number in it', async () => {
    const english = ticketFacts(offline, await translatorFor('en')).wait;
    for (const { code } of languagesFile.languages) {
      const { wait, queue } = ticketFacts(offline, await translatorFor(code));
      expect(queue, code).toBeNull();
      expect(wait, code).not.toMatch(/\d/);
      if (code !== 'en') expect(wait, code).not.toBe(english);
    }
    // Arabic is all Arabic script: nothing left-to-right to reorder in a right-to-left line.
    expect(ticketFacts(offline, await translatorFor('ar')).wait).toMatch(/^[\u0600-\u06ff ]+$/);
  });
});

describe('issueTicket', () => {
  afterEach(() => vi.unstubAllGlobals());

  const answered = (body: unknown) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } }),
        ),
      ),
    );
  const ticket = {
    id: '5f0c2a57-3a8e-4a4e-9d3b-2f7d1c0e9b61',
    service: 'housing',
    priority: false,
    state: 'waiting',
    issuedAt: '2026-07-01T08:05:00.000Z',
    calledAt: null,
    lastCalledAt: null,
    completedAt: null,
    desk: null,
    kiosk: 'kiosk-1',
  };

  it("reads the hub's answer as an ordinary ticket with its position and estimate", async () => {
    answered({ ...ticket, number: 'H014', position: 3, estimatedWaitMinutes: 12 });
    await expect(issueTicket({ service: 'housing', priority: false, kiosk: 'kiosk-1' })).resolves.toMatchObject({
      number: 'H014',
      position: 3,
      estimatedWaitMinutes: 12,
      offline: false,
    });
  });

  it("reads the kiosk agent's offline ticket, which has no position or estimate", async () => {
    answered({ ...ticket, number: 'H-A07', position: null, estimatedWaitMinutes: null, offline: true });
    await expect(issueTicket({ service: 'housing', priority: false, kiosk: 'kiosk-1' })).resolves.toMatchObject({
      number: 'H-A07',
      position: null,
      estimatedWaitMinutes: null,
      offline: true,
    });
  });
});
