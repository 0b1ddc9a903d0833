/**
 * The assembled server in-process (createServer with the demo site), over real HTTP: a ticket
 * printed on kiosk-1's simulated dispenser reads right, a printer fault is an answer and not an
 * error, the screens are served with their assets, and any module's event reaches the socket.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FeedbackEvent } from '../../contract/feedback.js';
import { IssuedTicket } from '../../contract/queue.js';
import { createServer, type HubServer } from '../../server/app.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { messageText } from '../support/websocket-text.js';

const dir = mkdtempSync(join(tmpdir(), 'wiring-'));
const rendererDir = join(dir, 'renderer');
let server: HubServer;
let url: string;

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  for (const screen of ['kiosk', 'staff', 'display', 'reports', 'fleet'])
    writeFileSync(join(rendererDir, `${screen}.html`), `<!doctype html><title>${screen}</title>`);
  writeFileSync(join(rendererDir, 'assets', 'kiosk-abc123.js'), 'console.log("kiosk")');
  server = await createServer({
    config: demoSiteConfig(),
    dataDir: join(dir, 'data'),
    simulateDevices: true,
    logger: pino({ level: 'silent' }),
    rendererDir,
  });
  url = await server.listen(0);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('printing a ticket at kiosk-1', () => {
  it('prints what the resident needs to read', async () => {
    const ticket = IssuedTicket.parse((await post('/api/tickets', { service: 'housing', kiosk: 'kiosk-1' })).body);
    const printer = server.ctx.devices.simulators?.('kiosk-1')?.ticketPrinter;
    expect(printer, 'demo kiosk-1 has a simulated ticket printer').toBeDefined();
    expect((await post('/api/kiosks/kiosk-1/print-ticket', { ticketId: ticket.id })).body).toEqual({ printed: true });
    const text = printer?.lastText() ?? '';
    for (const expected of ['Demo City Council', ticket.number, 'Housing', 'Ground floor', 'Please wait to be called'])
      expect(text).toContain(expected);
    // The QR leads a phone to the site's public status page for this ticket, not to the hub's API.
    expect(printer?.lastPage()?.qrCodes).toEqual([`https://www.example.gov.uk/queue/ticket/${ticket.id}`]);
  });

  it('answers printed:false with the reason when the paper has run out (still 200)', async () => {
    const ticket = IssuedTicket.parse((await post('/api/tickets', { service: 'repairs', kiosk: 'kiosk-1' })).body);
    const printer = server.ctx.devices.simulators?.('kiosk-1')?.ticketPrinter;
    printer?.setPaperEnd(true);
    try {
      const answer = await post('/api/kiosks/kiosk-1/print-ticket', { ticketId: ticket.id });
      expect(answer.status).toBe(200);
      expect(answer.body.printed).toBe(false);
      expect(String(answer.body.reason)).toMatch(/paper/);
    } finally {
      printer?.setPaperEnd(false);
    }
    const history = server.ctx.db
      .prepare("SELECT type FROM ticket_events WHERE ticket_id = ? AND type LIKE 'print%'")
      .pluck()
      .all(ticket.id);
    expect(history).toEqual(['print-failed']);
  });
});

describe('screens', () => {
  it('serves each screen’s page, below its path too, and the built assets', async () => {
    for (const screen of ['kiosk', 'staff', 'display', 'reports', 'fleet']) {
      const response = await fetch(`${url}/${screen}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain(`<title>${screen}</title>`);
    }
    expect(await (await fetch(`${url}/staff/desk/desk-1`)).text()).toContain('<title>staff</title>');
    const asset = await fetch(`${url}/assets/kiosk-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
  });

  it('says how to build the screens when they are missing', async () => {
    const bare = await createServer({
      config: demoSiteConfig(),
      dataDir: join(dir, 'bare'),
      logger: pino({ level: 'silent' }),
      rendererDir: join(dir, 'nothing'),
    });
    const bareUrl = await bare.listen(0);
    try {
      const response = await fetch(`${bareUrl}/kiosk`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:renderer');
    } finally {
      await bare.close();
    }
  });
});

describe('event socket', () => {
  it('pushes any module’s event as JSON', async () => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/events`);
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    const received = new Promise<unknown>((resolve) =>
      socket.on('message', (data) => {
        const event = JSON.parse(messageText(data)) as { type: string };
        if (event.type === 'feedback.recorded') resolve(event);
      }),
    );
    const event: FeedbackEvent = {
      type: 'feedback.recorded',
      at: '2026-11-02T09:00:00.000Z',
      rating: 'good',
      touchpoint: 'kiosk',
    };
    server.ctx.events.publish(event);
    expect(await received).toEqual({
      type: 'feedback.recorded',
      at: '2026-11-02T09:00:00.000Z',
      rating: 'good',
      touchpoint: 'kiosk',
    });
    socket.close();
  });
});

describe('database held by another process', () => {
  it('answers 503 busy after the lock wait, changes nothing, and the next ticket takes the next number', async () => {
    const first = IssuedTicket.parse((await post('/api/tickets', { service: 'benefits' })).body);
    const other = new Database(join(dir, 'data', 'reception.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const blocked = await post('/api/tickets', { service: 'benefits' });
      expect(blocked.status).toBe(503);
      expect(blocked.body).toMatchObject({ error: { code: 'busy' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const next = IssuedTicket.parse((await post('/api/tickets', { service: 'benefits' })).body);
    expect(Number(next.number.slice(1))).toBe(Number(first.number.slice(1)) + 1);
  }, 30_000);
});
