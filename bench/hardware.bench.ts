/**
 * Hardware benchmark, on a real socat pty pair with the printer and terminal simulators:
 *  1. time from printTicket() to the first byte on the port (the DLE EOT status request), to the
 *     first byte of the job itself, and to the printer's confirmation (GS r reply);
 *  2. the library's own cost (layout encoding, status round trip, confirmation handling — all of
 *     it, since a pty moves bytes at memory speed and ignores the baud rate) against the wire time
 *     of the same bytes at 9600 and 115200 baud: bytes × 10 bits (8N1) / baud;
 *  3. a ZVT authorisation end to end with a terminal that answers at once (framing, CRC, ACKs).
 * Prints the figures and writes bench/results/hardware.json.
 */
import { performance } from 'node:perf_hooks';
import { ticketBytes } from '../hardware/escpos/layout.js';
import { hostSimulator } from '../hardware/sim/hosting.js';
import { PrinterSimulator } from '../hardware/sim/printer-sim.js';
import { TerminalSimulator } from '../hardware/sim/terminal-sim.js';
import { SupervisedPrinter } from '../hardware/supervision/printer-supervisor.js';
import { SupervisedTerminal } from '../hardware/supervision/terminal-supervisor.js';
import { socatAvailable } from '../hardware/serial/socat.js';
import { sampleTicket as ticket } from '../tests/hardware/support/printer.js';
import { quantile, round, summary, writeResults } from './support/stats.js';

const runs = Number(process.env.BENCH_HARDWARE_RUNS ?? 100);
const transport = socatAvailable() ? 'pty' : 'memory';

const wireMs = (bytes: number, baud: number): number => (bytes * 10 * 1000) / baud;

// 1 and 2: printer
const sim = new PrinterSimulator();
const line = await hostSimulator(sim, { transport });
const printer = new SupervisedPrinter({
  id: 'ticket-printer',
  kind: 'ticket-printer',
  kiosk: 'bench',
  connector: line.connector,
  pollIntervalMs: 60_000,
});
await printer.start();

let firstByteAt = 0;
let jobByteAt = 0;
const onBytes = (chunk: Buffer): void => {
  const now = performance.now();
  if (firstByteAt === 0) firstByteAt = now;
  if (jobByteAt === 0) {
    // The job starts with ESC @ (1B 40); everything before it is the status request.
    for (let i = 0; i < chunk.length - 1; i++) if (chunk[i] === 0x1b && chunk[i + 1] === 0x40) jobByteAt = now;
  }
};
// Listen on the simulator's side of the line: the moment bytes come out of the port.
sim.onReceive(onBytes);

const toFirstByte: number[] = [];
const toJobByte: number[] = [];
const toConfirmed: number[] = [];
const encodeTimes: number[] = [];
let jobBytes = 0;
for (let i = 0; i < runs + 5; i++) {
  const e0 = performance.now();
  jobBytes = ticketBytes(ticket, { columns: 42, presenter: 'none' }).length + 3; // + GS r 1
  encodeTimes.push(performance.now() - e0);
  firstByteAt = 0;
  jobByteAt = 0;
  const t0 = performance.now();
  const outcome = await printer.printTicket({ ...ticket, number: `H${String(i).padStart(3, '0')}` });
  const t1 = performance.now();
  if (!outcome.printed) throw new Error(`not printed: ${outcome.detail}`);
  if (i < 5) continue; // warm-up
  toFirstByte.push(firstByteAt - t0);
  toJobByte.push(jobByteAt - t0);
  toConfirmed.push(t1 - t0);
}
await printer.stop();
await line.stop();

const overhead = quantile(toConfirmed, 0.5);
const printerFigures = {
  transport: line.transport,
  runs,
  jobBytes,
  statusRequestBytes: 12,
  msFromPrintToFirstByte: summary(toFirstByte),
  msFromPrintToFirstJobByte: summary(toJobByte),
  msFromPrintToConfirmed: summary(toConfirmed),
  msLayoutEncode: summary(encodeTimes.slice(5)),
  wireMs: {
    baud9600: round(wireMs(jobBytes + 12 + 4 + 1, 9600), 2),
    baud115200: round(wireMs(jobBytes + 12 + 4 + 1, 115200), 2),
  },
  overheadVsWire: {
    baud9600: round(overhead / wireMs(jobBytes + 17, 9600), 2),
    baud115200: round(overhead / wireMs(jobBytes + 17, 115200), 2),
  },
};

// 3: ZVT authorisation
const terminalSim = new TerminalSimulator({ stepMs: 0 });
const terminalLine = await hostSimulator(terminalSim, { transport });
const terminal = new SupervisedTerminal({
  kiosk: 'bench',
  connector: terminalLine.connector,
  password: '000000',
  currencyCode: 826,
  heartbeatMs: 0,
});
await terminal.start();
const authTimes: number[] = [];
const zvtRuns = Math.max(10, Math.round(runs / 4));
for (let i = 0; i < zvtRuns + 2; i++) {
  const t0 = performance.now();
  const result = await terminal.authorise({ amountPence: 1000 + i, reference: `bench-${i}` }, () => undefined);
  if (result.outcome !== 'approved') throw new Error(`authorisation ${result.outcome}`);
  if (i >= 2) authTimes.push(performance.now() - t0);
}
await terminal.stop();
await terminalLine.stop();

const figures = { printer: printerFigures, zvt: { runs: zvtRuns, msAuthoriseWithInstantTerminal: summary(authTimes) } };
console.log(`transport: ${transport} (a pty ignores baud: measured times are the library's own cost)`);
console.log(`ticket job: ${jobBytes} bytes (+12 bytes status request, 4 status replies, 1 confirmation)`);
console.log(
  `print() → first byte on the port (status request): median ${printerFigures.msFromPrintToFirstByte.median} ms, p95 ${printerFigures.msFromPrintToFirstByte.p95} ms`,
);
console.log(
  `print() → first byte of the ticket itself:       median ${printerFigures.msFromPrintToFirstJobByte.median} ms, p95 ${printerFigures.msFromPrintToFirstJobByte.p95} ms`,
);
console.log(
  `print() → confirmed by the printer (GS r reply):  median ${printerFigures.msFromPrintToConfirmed.median} ms, p95 ${printerFigures.msFromPrintToConfirmed.p95} ms`,
);
console.log(`layout encoding alone: median ${printerFigures.msLayoutEncode.median} ms`);
console.log(
  `wire time of the same bytes: ${printerFigures.wireMs.baud9600} ms at 9600 baud, ${printerFigures.wireMs.baud115200} ms at 115200 baud`,
);
console.log(
  `library overhead / wire time: ${printerFigures.overheadVsWire.baud9600} at 9600, ${printerFigures.overheadVsWire.baud115200} at 115200`,
);
console.log(
  `ZVT authorisation, terminal answering at once: median ${figures.zvt.msAuthoriseWithInstantTerminal.median} ms, p95 ${figures.zvt.msAuthoriseWithInstantTerminal.p95} ms`,
);

writeResults('hardware', { at: new Date().toISOString(), ...figures });
process.exit(0);
