/**
 * ZVT card terminal faults through the supervisor on a real socat pty pair: a lost final answer,
 * a terminal that goes quiet or vanishes mid-frame, one that never answers, and an unplug.
 */
import { describe, expect, test } from 'vitest';
import type { TerminalSupervisorOptions } from '../../hardware/supervision/terminal-supervisor.js';
import { cleanUpAfterEach, until } from './support/lifecycle.js';
import { sampleRequest as request, startTerminalRig } from './support/terminal.js';

const cleanups = cleanUpAfterEach();
const setUp = (options: Partial<TerminalSupervisorOptions> = {}, transport: 'pty' | 'memory' = 'pty') =>
  startTerminalRig(cleanups, options, transport);

describe('ZVT card terminal faults', () => {
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
    expect(await terminal.authorise({ ...request, reference: 'pay-2' }, () => undefined)).toEqual({
      outcome: 'cancelled',
      message: 'Cancelled (time-out or abort key)',
    });
    expect(sim.taken).toEqual([]);
  });

  test('the terminal disappears in the middle of a frame → unknown, and the next payment works', async () => {
    const { sim, terminal } = await setUp();
    sim.nextTransaction('vanish');
    expect((await terminal.authorise(request, () => undefined)).outcome).toBe('unknown');
    expect((await terminal.authorise({ ...request, reference: 'pay-2' }, () => undefined)).outcome).toBe('approved');
  });

  test('a terminal that does not answer the payment request: cancelled, nothing taken', async () => {
    const { sim, terminal } = await setUp({ ackTimeoutMs: 300 });
    sim.nextTransaction('silent');
    const result = await terminal.authorise(request, () => undefined);
    expect(result.outcome).toBe('cancelled');
    expect(sim.taken).toEqual([]);
  });

  test('unplugged: payments are refused at once with a plain reason; after replug it registers again', async () => {
    const { sim, line, terminal } = await setUp();
    await line.unplug();
    await until(() => terminal.state().health === 'offline', 'offline');
    expect(terminal.state().reason).toBe('unplugged');
    expect(await terminal.authorise(request, () => undefined)).toEqual({
      outcome: 'cancelled',
      message: 'Card payments are not available at the moment.',
    });
    sim.registered = false;
    await line.replug();
    await until(() => terminal.state().health === 'ok', 'ok after replug');
    expect(sim.registered).toBe(true);
    expect((await terminal.authorise(request, () => undefined)).outcome).toBe('approved');
  });
});
