/**
 * The ZVT card terminal through its supervisor, on a real socat pty pair, against the terminal
 * simulator: approvals, declines, cancels, link-level repetition, end-of-day totals.
 * (Lost answers, silence and unplugging: terminal-faults.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import pino from 'pino';
import type { TerminalSupervisorOptions } from '../../hardware/supervision/terminal-supervisor.js';
import type { TerminalPrompt } from '../../hardware/types.js';
import { cleanUpAfterEach } from './support/lifecycle.js';
import { sampleRequest as request, startTerminalRig } from './support/terminal.js';

const cleanups = cleanUpAfterEach();
const setUp = (
  options: Partial<TerminalSupervisorOptions> = {},
  transport: 'pty' | 'memory' = 'pty',
  simOptions: { printMode?: 'lines' | 'text-block' } = {},
) => startTerminalRig(cleanups, options, transport, simOptions);

describe('ZVT card terminal', () => {
  test('registers on connect and approves a payment: amount, auth code, scheme, last four only, receipt lines', async () => {
    const { sim, terminal } = await setUp();
    expect(sim.registered).toBe(true);
    expect(terminal.state().health).toBe('ok');
    const prompts: TerminalPrompt[] = [];
    const result = await terminal.authorise(request, (prompt) => prompts.push(prompt));
    expect(result).toMatchObject({
      outcome: 'approved',
      amountPence: 12_050,
      authCode: 'A1B2C3',
      cardScheme: 'VISA',
      lastFour: '0119',
      terminalId: '52500038',
      traceNumber: '000001',
    });
    expect(prompts).toContain('insert-card');
    expect(prompts).toContain('processing');
    if (result.outcome !== 'approved') throw new Error('not approved');
    expect(result.receiptLines).toContain('AMOUNT £120.50');
    expect(result.receiptLines.join('\n')).not.toMatch(/476173/); // first six never kept
    expect(sim.taken).toEqual([12_050]);
  });

  test("a decline comes back with the terminal's reason and its receipt", async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('decline');
    const result = await terminal.authorise(request, () => undefined);
    expect(result).toMatchObject({ outcome: 'declined', resultCode: '05', message: 'Declined by the card issuer' });
    expect(sim.taken).toEqual([]);
  });

  test('the resident never presents a card: the terminal times out and the payment is cancelled', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('timeout');
    const result = await terminal.authorise(request, () => undefined);
    expect(result).toEqual({ outcome: 'cancelled', message: 'Cancelled (time-out or abort key)' });
  });

  test('the kiosk aborts while the terminal waits for the card (06 B0)', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('timeout');
    const result = terminal.authorise(request, (prompt) => {
      if (prompt === 'insert-card') void terminal.abort();
    });
    expect(await result).toMatchObject({ outcome: 'cancelled' });
    expect(sim.log).toContain('in 6 b0'); // the abort request reached the terminal
    expect(sim.taken).toEqual([]);
  });

  test('the terminal NAKs our command once: we repeat it and the payment goes through once', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('nak-first');
    const result = await terminal.authorise(request, () => undefined);
    expect(result.outcome).toBe('approved');
    expect(sim.log).toContain('NAK (scripted)');
    expect(sim.taken).toEqual([12_050]);
  });

  test('a frame from the terminal with a bad CRC is NAKed and taken when repeated', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('bad-crc');
    expect((await terminal.authorise(request, () => undefined)).outcome).toBe('approved');
  });

  test('end of day totals match the approved payments, by scheme', async () => {
    const { sim, terminal } = await setUp();
    await terminal.authorise(request, () => undefined);
    sim.nextTransaction('decline');
    await terminal.authorise({ ...request, amountPence: 999 }, () => undefined);
    await terminal.authorise({ ...request, amountPence: 500 }, () => undefined);
    expect(await terminal.endOfDay()).toEqual({
      totalPence: 12_550,
      count: 2,
      byScheme: [{ scheme: 'Visa', count: 2, totalPence: 12_550 }],
    });
  });

  test('a receipt sent as a 06 D3 text block arrives as the same lines', async () => {
    const { terminal } = await setUp({}, 'pty', { printMode: 'text-block' });
    const result = await terminal.authorise(request, () => undefined);
    expect(result.outcome === 'approved' && result.receiptLines).toEqual([
      'CARDHOLDER COPY',
      'VISA ************0119',
      'AMOUNT £120.50',
      'AUTH CODE A1B2C3',
      'TRACE 1  TID 52500038',
    ]);
  });

  test('the frame log (debug level) names card fields but never shows a card number', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => logged.push(line) });
    const { terminal } = await setUp({ logger });
    expect((await terminal.authorise(request, () => undefined)).outcome).toBe('approved');
    const log = logged.join('\n');
    expect(log).toContain('04 0F');
    expect(log).toContain('22=[redacted]');
    expect(log).not.toMatch(/476173|0119|eeeeee/i);
  });
});
