/**
 * The printed ticket's layout: a ticket the kiosk issued while the hub was away has no position or
 * estimate, and says so in words; a ticket with both prints exactly the bytes it always has.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ticketBytes } from '../../hardware/escpos/layout.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { ticketPrintout } from '../../server/queue/printing.js';
import { cleanUpAfterEach } from './support/lifecycle.js';
import { sampleTicket, startPrinterRig } from './support/printer.js';

const cleanups = cleanUpAfterEach();

const offlineTicket = {
  id: '5f0c2a57-3a8e-4a4e-9d3b-2f7d1c0e9b61',
  number: 'H-A07',
  service: 'housing',
  issuedAt: '2026-07-01T08:05:00.000Z',
  position: null,
  estimatedWaitMinutes: null,
};

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('printed ticket', () => {
  test('a ticket issued offline prints its number and "Estimated wait unavailable", and no position', async () => {
    const { sim, printer } = await startPrinterRig(cleanups, {}, 'memory');
    const printout = ticketPrintout(demoSiteConfig(), offlineTicket, null);
    expect(await printer.printTicket(printout)).toEqual({ printed: true });

    const lines = sim
      .lastPage()!
      .lines.map((l) => l.text.trim())
      .filter((t) => t !== '');
    expect(lines).toEqual([
      'Demo City Council',
      'Arbury Area Housing Office',
      'H-A07',
      'Housing',
      'Ground floor, desks 1?2', // the demo's en dash: PC858 has none
      'Issued 1 Jul 2026, 09:05',
      'Estimated wait unavailable',
      'Please wait to be called',
    ]);
    const wire = Buffer.from(sim.received);
    expect(wire.includes(Buffer.from('H-A07'))).toBe(true);
    expect(wire.includes(Buffer.from('Estimated wait unavailable'))).toBe(true);
    expect(wire.includes(Buffer.from('in the queue'))).toBe(false);
    expect(wire.includes(Buffer.from('about'))).toBe(false);
  });

  test('a position without an estimate prints the position and says the wait is unavailable', () => {
    const text = Buffer.from(
      ticketBytes({ ...sampleTicket, estimatedWaitMinutes: null }, { columns: 42, presenter: 'none' }),
    ).toString('latin1');
    expect(text).toContain('Number 3 in the queue');
    expect(text).toContain('Estimated wait unavailable');
    expect(text).not.toContain('about');
  });

  test('a ticket with a position and an estimate prints the same bytes as before offline tickets existed', () => {
    // Digests of the bytes printed before the wait could be unknown: the layout did not move a byte.
    expect(digest(ticketBytes(sampleTicket, { columns: 42, presenter: 'none' }))).toBe(
      '4e3f759718a8b59261dd06e22669b1e3ac52417caf68c0aa2d05851ef0e523ad',
    );
    expect(digest(ticketBytes(sampleTicket, { columns: 48, presenter: 'custom' }))).toBe(
      'c12c57b7c2e4918286db7229a56834f4a495e6fc82eb6443d177fea22e06a9b5',
    );
    const translated = { issued: 'Wydano', position: 'Numer 3', estimatedWait: 'Ok 12 min' };
    expect(digest(ticketBytes({ ...sampleTicket, labels: translated }, { columns: 42, presenter: 'none' }))).toBe(
      'af7ee3afc461a65d671c718bb201628098d1f81369ef1039a54fb7961b32ab3e',
    );
  });
});
