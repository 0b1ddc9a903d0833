/**
 * Device simulators on a serial line: `npm run sim -- printer|terminal [--port PATH]`.
 * Without --port, starts its own socat pty pair and prints the path to give the driver (or the
 * `hw` CLI, or a kiosk config). Type commands on stdin to change the device (help lists them).
 */
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { openSerialLink, type Link } from '../serial/link.js';
import { socatAvailable, startPtyPair, type PtyPair } from '../serial/socat.js';
import { PrinterSimulator } from '../sim/printer-sim.js';
import { pageText } from '../sim/escpos-interpreter.js';
import { TerminalSimulator, type TerminalBehaviour } from '../sim/terminal-sim.js';

const lineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

async function line(port: string | undefined, name: string): Promise<{ link: Link; pair: PtyPair | null }> {
  if (port) return { link: await openSerialLink(port, lineSettings), pair: null };
  if (!socatAvailable()) {
    console.error(
      'socat is not installed: install it (apt-get install socat) or pass --port with one end of a serial pair.',
    );
    process.exit(2);
  }
  const pair = await startPtyPair({ name });
  console.log(`Simulated ${name} ready. Point the driver at: ${pair.hostPath}`);
  return { link: await openSerialLink(pair.devicePath, lineSettings), pair };
}

function commands(handlers: Record<string, () => void>, help: string, onExit: () => Promise<void>): void {
  console.log(help);
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (input) => {
    const handler = handlers[input.trim()];
    if (handler) handler();
    else if (input.trim() !== '') console.log(`Unknown command "${input.trim()}". ${help}`);
  });
  const stop = (): void => {
    rl.close();
    void onExit().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const program = new Command().name('npm run sim --').description('Run a device simulator on a serial line.');

program
  .command('printer')
  .description('an Epson-compatible ESC/POS printer (ticket dispenser or receipt printer)')
  .option('--port <path>', 'serial port to serve on (default: a new socat pty pair)')
  .action(async (options: { port?: string }) => {
    const sim = new PrinterSimulator();
    const { link, pair } = await line(options.port, 'printer');
    sim.attach(link.stream);
    let shown = 0;
    const timer = setInterval(() => {
      for (const page of sim.pages().slice(shown)) {
        console.log(
          `----- printed (${page.cut ?? 'no'} cut${page.qrCodes.length ? `, QR: ${page.qrCodes.join(', ')}` : ''}) -----\n${pageText(page)}\n-----`,
        );
      }
      shown = sim.pages().length;
    }, 200);
    const set = (what: string, change: () => void) => () => {
      change();
      console.log(`printer: ${what}`, sim.status());
    };
    commands(
      {
        'paper-end': set('paper end', () => sim.setPaperEnd(true)),
        'paper-ok': set('new roll loaded', () => sim.setPaperEnd(false)),
        'near-end': set('paper near end', () => sim.setPaperNearEnd(true)),
        'cover-open': set('cover open', () => sim.setCoverOpen(true)),
        'cover-closed': set('cover closed', () => sim.setCoverOpen(false)),
        jam: set('cutter jammed', () => sim.setCutterError(true)),
        off: set('switched off (no answers)', () => sim.setSilent(true)),
        on: set('switched on', () => sim.setSilent(false)),
      },
      'Commands: paper-end, paper-ok, near-end, cover-open, cover-closed, jam, off, on (Ctrl-C to stop).',
      async () => {
        clearInterval(timer);
        sim.detach();
        await link.close();
        await pair?.stop();
      },
    );
  });

program
  .command('terminal')
  .description('a ZVT card payment terminal')
  .option('--port <path>', 'serial port to serve on (default: a new socat pty pair)')
  .action(async (options: { port?: string }) => {
    const sim = new TerminalSimulator({ stepMs: 300, cardWaitMs: 10_000 });
    const { link, pair } = await line(options.port, 'terminal');
    sim.attach(link.stream);
    const behaviours: TerminalBehaviour[] = [
      'approve',
      'decline',
      'timeout',
      'abort',
      'bad-crc',
      'nak-first',
      'drop-final',
      'vanish',
      'no-answer',
      'silent',
    ];
    const handlers: Record<string, () => void> = {
      totals: () => console.log('terminal totals since end of day:', sim.totalsSinceEndOfDay()),
      log: () => console.log(sim.log.join('\n')),
    };
    for (const b of behaviours)
      handlers[b] = () => {
        sim.nextTransaction(b);
        console.log(`terminal: next transaction will ${b}`);
      };
    commands(
      handlers,
      `Commands: ${behaviours.join(', ')} (next transaction), totals, log (Ctrl-C to stop).`,
      async () => {
        sim.detach();
        await link.close();
        await pair?.stop();
      },
    );
  });

await program.parseAsync();
