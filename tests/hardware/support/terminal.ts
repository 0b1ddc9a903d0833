/**
 * A supervised ZVT card terminal on a simulated line (a real socat pty pair unless told otherwise),
 * with short timings for tests, and the payment request the terminal tests send.
 */
import { hostSimulator, type SimulatedLine } from '../../../hardware/sim/hosting.js';
import { TerminalSimulator } from '../../../hardware/sim/terminal-sim.js';
import {
  SupervisedTerminal,
  type TerminalSupervisorOptions,
} from '../../../hardware/supervision/terminal-supervisor.js';
import type { Cleanups } from './lifecycle.js';

export const sampleRequest = { amountPence: 12_050, reference: 'pay-1' };

/** Starts simulator, line and supervisor; their stops go on `cleanups`. */
export async function startTerminalRig(
  cleanups: Cleanups,
  options: Partial<TerminalSupervisorOptions> = {},
  transport: 'pty' | 'memory' = 'pty',
  simOptions: { printMode?: 'lines' | 'text-block' } = {},
) {
  const sim = new TerminalSimulator({ stepMs: 5, cardWaitMs: 200, ...simOptions });
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
