import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FeedbackReport,
  FeedbackScreenConfig,
  SubmitFeedbackResponse,
  type SubmitFeedbackRequest,
} from '../../contract/feedback.js';
import { ApiError, IssuedTicket } from '../../contract/queue.js';
import { startTestServer, type TestServer } from './test-server.js';

let t: TestServer;
afterEach(async () => {
  await t?.close();
});

function tap(overrides: Partial<SubmitFeedbackRequest> = {}): SubmitFeedbackRequest {
  return {
    id: randomUUID(),
    rating: 'good',
    touchpoint: 'kiosk',
    kiosk: 'kiosk-1',
    at: t.clock.now().toISOString(),
    ...overrides,
  };
}

async function report(query = ''): Promise<FeedbackReport> {
  const response = await t.get(`/api/reports/feedback${query}`, true);
  expect(response.status).toBe(200);
  return FeedbackReport.parse(response.body);
}

describe('feedback API', () => {
  beforeEach(async () => {
    t = await startTestServer();
  });

  it('gives the screens four reasons per rating and the debounce window', async () => {
    const response = await t.get('/api/feedback/config');
    const config = FeedbackScreenConfig.parse(response.body);
    expect(config.debounceSeconds).toBe(5);
    for (const rating of ['good', 'average', 'poor'] as const) expect(config.reasons[rating]).toHaveLength(4);
    expect(config.reasons.poor.map((r) => r.id)).toContain('waited-too-long');
  });

  it('stores a response once however often the screen sends it', async () => {
    const body = tap({ rating: 'poor', reason: 'waited-too-long' });
    const first = await t.post('/api/feedback', body);
    expect(first.status).toBe(201);
    expect(SubmitFeedbackResponse.parse(first.body)).toEqual({ id: body.id, counted: true, repeat: false });
    for (let i = 0; i < 3; i++) {
      const again = await t.post('/api/feedback', body);
      expect(again.status).toBe(200);
      expect(SubmitFeedbackResponse.parse(again.body)).toEqual({ id: body.id, counted: true, repeat: true });
    }
    const r = await report();
    expect(r).toMatchObject({ all: 1, poor: 1, notCounted: 0 });
  });

  it('refuses the same id with different answers, and keeps the first', async () => {
    const body = tap({ rating: 'good' });
    await t.post('/api/feedback', body);
    const clash = await t.post('/api/feedback', { ...body, rating: 'poor' });
    expect(clash.status).toBe(409);
    expect(ApiError.parse(clash.body).error.code).toBe('id-reused');
    expect(await report()).toMatchObject({ all: 1, good: 1, poor: 0 });
  });

  it('names the field at fault and stores nothing on bad input', async () => {
    const cases: [unknown, string][] = [
      [{ ...tap(), rating: 'great' }, 'rating'],
      [{ ...tap(), id: 'not-a-uuid' }, 'id'],
      [{ ...tap(), touchpoint: 'fax' }, 'touchpoint'],
      [{ ...tap(), at: 'yesterday' }, 'at'],
      [{ ...tap(), rating: 'good', reason: 'waited-too-long' }, 'reason'],
      [{ ...tap(), service: 'Housing Office' }, 'service'],
      [{ ...tap(), service: 'parking' }, 'service'],
    ];
    for (const [body, field] of cases) {
      const response = await t.post('/api/feedback', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = ApiError.parse(response.body).error;
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    }
    const unknownKey = await t.post('/api/feedback', { ...tap(), name: 'Jane Resident' });
    expect(unknownKey.status).toBe(400);
    expect(ApiError.parse(unknownKey.body).error.message).toContain('name');

    const malformed = await t.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { 'content-type': 'application/json' },
      payload: '{"rating": "good",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(ApiError.parse(malformed.json()).error.code).toBe('malformed-json');

    expect(await report()).toMatchObject({ all: 0, notCounted: 0 });
  });

  it('does not count a second tap from the same screen within the debounce window', async () => {
    const start = t.clock.now().getTime();
    const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();
    const answers: [string, boolean][] = [];
    for (const [seconds, kiosk] of [
      [0, 'kiosk-1'],
      [2, 'kiosk-1'], // same screen, 2 s after a counted tap: not counted
      [4.9, 'kiosk-1'], // still within 5 s of the counted one
      [1, 'kiosk-2'], // another screen: counted
      [5, 'kiosk-1'], // exactly 5 s after the counted tap: counted
      [7, 'kiosk-1'], // 2 s after that: not counted
    ] as const) {
      const response = await t.post('/api/feedback', tap({ kiosk, at: at(seconds) }));
      answers.push([`${kiosk}@${seconds}`, SubmitFeedbackResponse.parse(response.body).counted]);
      expect(response.status).toBe(SubmitFeedbackResponse.parse(response.body).counted ? 201 : 200);
    }
    expect(answers).toEqual([
      ['kiosk-1@0', true],
      ['kiosk-1@2', false],
      ['kiosk-1@4.9', false],
      ['kiosk-2@1', true],
      ['kiosk-1@5', true],
      ['kiosk-1@7', false],
    ]);
    // A desk tablet is its own screen.
    const desk = await t.post(
      '/api/feedback',
      tap({ touchpoint: 'desk', kiosk: undefined, desk: 'desk-1', at: at(2) }),
    );
    expect(SubmitFeedbackResponse.parse(desk.body).counted).toBe(true);
    expect(await report()).toMatchObject({ all: 4, notCounted: 3 });
  });

  it('tags the response with the ticket’s service when the screen only knows the ticket', async () => {
    const issued = await t.post('/api/tickets', { service: 'repairs' });
    const ticket = IssuedTicket.parse(issued.body);
    await t.post('/api/feedback', tap({ touchpoint: 'desk', kiosk: undefined, desk: 'desk-2', ticket: ticket.id }));
    await t.post('/api/feedback', tap({ kiosk: 'kiosk-1', service: 'council-tax' }));
    const r = await report();
    expect(r.byService.map((s) => [s.key, s.all])).toEqual([
      ['council-tax', 1],
      ['repairs', 1],
    ]);
  });

  it('reports satisfaction against whether the respondent was called within the wait target', async () => {
    const staff = { authorization: `Bearer ${t.token}` };
    const quick = IssuedTicket.parse((await t.post('/api/tickets', { service: 'housing' })).body);
    t.clock.advance(4 * 60_000);
    const firstCall = await t.post('/api/desks/desk-1/call-next', undefined, staff);
    expect(firstCall.status).toBe(200);
    await t.post(`/api/tickets/${quick.id}/complete`, undefined, staff);

    const slow = IssuedTicket.parse((await t.post('/api/tickets', { service: 'housing' })).body);
    t.clock.advance(25 * 60_000);
    expect((await t.post('/api/desks/desk-1/call-next', undefined, staff)).status).toBe(200);
    await t.post(`/api/tickets/${slow.id}/complete`, undefined, staff);

    await t.post(
      '/api/feedback',
      tap({ touchpoint: 'desk', kiosk: undefined, desk: 'desk-1', ticket: quick.id, rating: 'good' }),
    );
    t.clock.advance(10_000);
    await t.post(
      '/api/feedback',
      tap({
        touchpoint: 'desk',
        kiosk: undefined,
        desk: 'desk-1',
        ticket: slow.id,
        rating: 'poor',
        reason: 'waited-too-long',
      }),
    );
    await t.post('/api/feedback', tap({ rating: 'average' }));

    const r = await report();
    const byKey = Object.fromEntries(
      r.byWaitTarget.map((b) => [b.key, { good: b.good, average: b.average, poor: b.poor, net: b.netSatisfaction }]),
    );
    expect(byKey['within-target']).toEqual({ good: 1, average: 0, poor: 0, net: 1 });
    expect(byKey['over-target']).toEqual({ good: 0, average: 0, poor: 1, net: -1 });
    expect(byKey['not-linked']).toEqual({ good: 0, average: 1, poor: 0, net: 0 });
    expect(r.byService.find((s) => s.key === 'housing')?.all).toBe(2);
  });

  it('is for staff only, offers CSV, and names a bad date', async () => {
    expect((await t.get('/api/reports/feedback')).status).toBe(401);
    await t.post('/api/feedback', tap({ rating: 'good' }));
    await t.post('/api/feedback', tap({ rating: 'poor', kiosk: 'kiosk-2' }));

    const csv = await t.get('/api/reports/feedback?format=csv&from=2026-07-14&to=2026-07-14', true);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.text.split('\r\n')).toContain('total,all,1,0,1,2,0.000');

    const bad = await t.get('/api/reports/feedback?from=14/07/2026', true);
    expect(bad.status).toBe(400);
    expect(ApiError.parse(bad.body).error.field).toBe('from');
    const backwards = await t.get('/api/reports/feedback?from=2026-07-15&to=2026-07-14', true);
    expect(ApiError.parse(backwards.body).error.field).toBe('to');

    // Another day's range holds none of today's responses.
    expect(await report('?from=2026-07-13&to=2026-07-13')).toMatchObject({ all: 0, netSatisfaction: null });
  });

  it('names the CSV download by the days of the report on the site clocks, also in summer time', async () => {
    const filename = async (query: string) => {
      const csv = await t.get(`/api/reports/feedback?format=csv${query}`, true);
      expect(csv.status).toBe(200);
      return String(csv.headers['content-disposition']);
    };
    // 14 July in London runs from 23:00 UTC on the 13th to 23:00 UTC on the 14th.
    expect(await filename('&from=2026-07-14&to=2026-07-14')).toBe('attachment; filename="feedback-2026-07-14.csv"');
    expect(await filename('&from=2026-07-14&to=2026-07-20')).toBe(
      'attachment; filename="feedback-2026-07-14-to-2026-07-20.csv"',
    );
    expect(await filename('&from=2026-07-13T23:00:00Z&to=2026-07-14T23:00:00Z')).toBe(
      'attachment; filename="feedback-2026-07-14.csv"',
    );
    // Today, half an hour after London's midnight (23:30 UTC), is already the 15th.
    await t.close();
    t = await startTestServer({ start: '2026-07-14T23:30:00.000Z' });
    expect(await filename('')).toBe('attachment; filename="feedback-2026-07-15.csv"');
  });
});

describe('feedback settings', () => {
  it('counts every tap when the debounce is turned off in the site config', async () => {
    t = await startTestServer({ config: (c) => ({ ...c, feedback: { ...c.feedback!, debounceSeconds: 0 } }) });
    for (let i = 0; i < 3; i++) {
      const response = await t.post('/api/feedback', tap());
      expect(response.status).toBe(201);
    }
    expect(await report()).toMatchObject({ all: 3, notCounted: 0 });
  });
});
