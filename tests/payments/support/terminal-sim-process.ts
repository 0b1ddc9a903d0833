/**
 * The ZVT terminal simulator (and an ESC/POS receipt printer simulator) in their own process, on
 * socat pty pairs, so it outlives the hub
 * processes the crash tests kill: it keeps counting the authorisations it received and the money it
 * "took" across hub restarts. Control over stdin/stdout, one JSON object per line:
 *   stdout {"ready": "<terminal pty path>", "printer": "<receipt printer pty path>"}
 *   stdin  {"next": "approve" | "decline" | "drop-final" | ...}   → script the next transaction
 *   stdin  {"status": true}  → stdout {"status": {"authorisations": n, "taken": [pence...], "log": [...], "receipts": [text...]}}
 *   stdin  {"paperOut": true|false}  → the receipt printer runs out of paper (or is refilled)
 * Run: node --import tsx tests/payments/support/terminal-sim-process.ts [stepMs] [cardWaitMs]
 */
import { createInterface } from 'node:readline';
import { hostSimulator } from '../../../hardware/sim/hosting.js';
import { PrinterSimulator } from '../../../hardware/sim/printer-sim.js';
import { TerminalSimulator } from '../../../hardware/sim/terminal-sim.js';

const stepMs = Number(process.argv[2] ?? '20');
const cardWaitMs = Number(process.argv[3] ?? '300');
const simulator = new TerminalSimulator({ stepMs, cardWaitMs });
const line = await hostSimulator(simulator, { transport: 'pty', name: 'payments-crash-terminal' });
const printer = new PrinterSimulator();
const printerLine = await hostSimulator(printer, { transport: 'pty', name: 'payments-receipt-printer' });
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
say({ ready: line.hostPath, printer: printerLine.hostPath });

const input = createInterface({ input: process.stdin });
input.on('line', (text) => {
  let command: { next?: string; status?: boolean; paperOut?: boolean };
  try {
    command = JSON.parse(text) as typeof command;
  } catch {
    return;
  }
  if (command.next) {
    simulator.nextTransaction(command.next);
    say({ scripted: command.next });
  }
  if (command.paperOut !== undefined) {
    printer.setPaperEnd(command.paperOut);
    say({ paperOut: command.paperOut });
  }
  if (command.status) {
    say({
      status: {
        authorisations: simulator.log.filter((entry) => entry.startsWith('authorisation ')).length,
        taken: [...simulator.taken],
        log: simulator.log.slice(-50),
        receipts: printer.pages().map((page) => page.lines.map((l) => l.text).join('\n')),
      },
    });
  }
});
const stop = () => void Promise.allSettled([line.stop(), printerLine.stop()]).finally(() => process.exit(0));
input.on('close', stop);
process.on('SIGTERM', stop);
