/**
 * The ZVT terminal simulator in its own process, on a socat pty pair, so it outlives the hub
 * processes the crash tests kill: it keeps counting the authorisations it received and the money it
 * "took" across hub restarts. Control over stdin/stdout, one JSON object per line:
 *   stdout {"ready": "<pty path the hub opens>"}
 *   stdin  {"next": "approve" | "decline" | "drop-final" | ...}   → script the next transaction
 *   stdin  {"status": true}  → stdout {"status": {"authorisations": n, "taken": [pence...], "log": [...]}}
 * Run: node --import tsx tests/payments/support/terminal-sim-process.ts [stepMs]
 */
import { createInterface } from 'node:readline';
import { hostSimulator } from '../../../hardware/sim/hosting.js';
import { TerminalSimulator } from '../../../hardware/sim/terminal-sim.js';

const stepMs = Number(process.argv[2] ?? '20');
const simulator = new TerminalSimulator({ stepMs });
const line = await hostSimulator(simulator, { transport: 'pty', name: 'payments-crash-terminal' });
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
say({ ready: line.hostPath });

const input = createInterface({ input: process.stdin });
input.on('line', (text) => {
  let command: { next?: string; status?: boolean };
  try {
    command = JSON.parse(text) as typeof command;
  } catch {
    return;
  }
  if (command.next) {
    simulator.nextTransaction(command.next);
    say({ scripted: command.next });
  }
  if (command.status) {
    say({
      status: {
        authorisations: simulator.log.filter((entry) => entry.startsWith('authorisation ')).length,
        taken: [...simulator.taken],
        log: simulator.log.slice(-50),
      },
    });
  }
});
input.on('close', () => void line.stop().finally(() => process.exit(0)));
process.on('SIGTERM', () => void line.stop().finally(() => process.exit(0)));
