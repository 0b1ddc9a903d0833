/**
 * The ZVT card terminal through its supervisor, on a real socat pty pair, against the terminal
 * simulator: approvals, declines, every fault the issue names, end-of-day totals.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { TerminalSimulator } from '../../hardware/sim/terminal-sim.js';
import { hostSimulator, type SimulatedLine } from '../../hardware/sim/hosting.js';
import { SupervisedTerminal, type TerminalSupervisorOptions } from '../../hardware/supervision/terminal-supervisor.js';
import type { TerminalPrompt } from '../../hardware/types.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: Partial<TerminalSupervisorOptions> = {}, transport: 'pty' | 'memory' = 'pty') {
  const sim = new TerminalSimulator({ stepMs: 5, cardWaitMs: 200 });
  const line: SimulatedLine = await hostSimulator(sim, { transport });
  cleanups.push(() => line.stop());
  const terminal = new SupervisedTerminal({
    kiosk: 'kiosk-1',
    connector: line.connector,
    password: '000000',
    currencyCode: 826,
    ackTimeoutMs: 1_000,
    // Generous for a loaded machine; the 'unknown' cases wait finalAnswerMs once.
    timeouts: { commandAckMs: 2_000, finalAnswerMs: 1_500 },
    heartbeatMs: 0,
    backoff: { initialMs: 50, maxMs: 200 },
    ...options,
  });
  await terminal.start();
  cleanups.push(() => terminal.stop());
  return { sim, line, terminal };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const request = { amountPence: 12_050, reference: 'pay-1' };

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

  test('a decline comes back with the terminal\'s reason and its receipt', async () => {
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

  test('lost final answer: the terminal took the money but never said so → unknown, never retried', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('drop-final');
    const result = await terminal.authorise(request, () => undefined);
    expect(result.outcome).toBe('unknown');
    expect(sim.taken).toEqual([12_050]);
    expect(sim.log.filter((l) => l.startsWith('authorisation'))).toHaveLength(1);
    expect(terminal.state()).toMatchObject({ health: 'warning', reason: 'unconfirmed-payment' });
  });

  test('the terminal accepts the request and then says nothing (ECR timeout) → unknown; the resident cancelling on the PIN pad → cancelled', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('no-answer');
    const silent = await terminal.authorise(request, () => undefined);
    expect(silent.outcome).toBe('unknown');
    expect(silent.outcome === 'unknown' && silent.message).toMatch(/may or may not have been taken/);
    sim.nextTransaction('abort');
    expect(await terminal.authorise({ ...request, reference: 'pay-2' }, () => undefined)).toEqual({ outcome: 'cancelled', message: 'Cancelled (time-out or abort key)' });
    expect(sim.taken).toEqual([]);
  });

  test('the terminal disappears in the middle of a frame → unknown, and the next payment works', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('vanish');
    expect((await terminal.authorise(request, () => undefined)).outcome).toBe('unknown');
    expect((await terminal.authorise({ ...request, reference: 'pay-2' }, () => undefined)).outcome).toBe('approved');
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

  test('a terminal that does not answer the payment request: cancelled, nothing taken', async () => {
    const { sim, terminal } = await setUp({ ackTimeoutMs: 300 });
    sim.nextTransaction('silent');
    const result = await terminal.authorise(request, () => undefined);
    expect(result.outcome).toBe('cancelled');
    expect(sim.taken).toEqual([]);
  });

  test('end of day totals match the approved payments, by scheme', async () => {
    const { sim, terminal } = await setUp();
    await terminal.authorise(request, () => undefined);
    sim.nextTransaction('decline');
    await terminal.authorise({ ...request, amountPence: 999 }, () => undefined);
    await terminal.authorise({ ...request, amountPence: 500 }, () => undefined);
    expect(await terminal.endOfDay()).toEqual({ totalPence: 12_550, count: 2, byScheme: [{ scheme: 'Visa', count: 2, totalPence: 12_550 }] });
  });

  test('unplugged: payments are refused at once with a plain reason; after replug it registers again', async () => {
    const { sim, line, terminal } = await setUp();
    await line.unplug();
    await until(() => terminal.state().health === 'offline', 'offline');
    expect(terminal.state().reason).toBe('unplugged');
    expect(await terminal.authorise(request, () => undefined)).toEqual({ outcome: 'cancelled', message: 'Card payments are not available at the moment.' });
    sim.registered = false;
    await line.replug();
    await until(() => terminal.state().health === 'ok', 'ok after replug');
    expect(sim.registered).toBe(true);
    expect((await terminal.authorise(request, () => undefined)).outcome).toBe('approved');
  });
});
