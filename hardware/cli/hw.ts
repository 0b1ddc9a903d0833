/**
 * Facilities checks on real devices: `npm run hw -- <command>`.
 *   ports                                   serial ports with their USB ids
 *   status --port PATH [--baud N]           what the printer reports
 *   test-print --port PATH [--baud N]       a test page with '£', a QR code and a cut, confirmed
 *   test-pay --port PATH --amount 1.00      a real authorisation on a ZVT card terminal
 * Exit status: 0 ok (or paper low), 1 declined / cancelled, 2 fault, 3 no answer or outcome unknown.
 */
import { Command, InvalidArgumentError } from 'commander';
import { SerialPort } from 'serialport';
import { EscPosDriver } from '../escpos/driver.js';
import { receiptBytes } from '../escpos/layout.js';
import { verdictFor } from '../escpos/status.js';
import { openSerialLink, type Link } from '../serial/link.js';
import { ZvtLinkLayer } from '../zvt/link-layer.js';
import { ZvtSession } from '../zvt/session.js';

const EXIT = { ok: 0, refused: 1, fault: 2, noAnswer: 3 } as const;

const integer =
  (what: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(`${what} must be a positive whole number, not "${value}".`);
    return n;
  };

const pounds = (value: string): number => {
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(value))
    throw new InvalidArgumentError(`--amount must be pounds and pence like 1.00, not "${value}".`);
  const [whole = '0', fraction = ''] = value.split('.');
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (pence <= 0) throw new InvalidArgumentError('--amount must be more than 0.00.');
  return pence;
};

async function open(path: string, baud: number, stopBits: 1 | 2 = 1): Promise<Link> {
  try {
    return await openSerialLink(path, { baudRate: baud, dataBits: 8, parity: 'none', stopBits });
  } catch (error) {
    console.error(`Cannot open ${path}: ${(error as Error).message}`);
    process.exit(EXIT.noAnswer);
  }
}

const program = new Command()
  .name('npm run hw --')
  .description('Check the kiosk printers and card terminal.')
  .showHelpAfterError();

program
  .command('ports')
  .description('list serial ports with their USB ids (use them in the site config to survive a path change)')
  .action(async () => {
    const ports = await SerialPort.list();
    if (ports.length === 0) {
      console.log('No serial ports found.');
      return;
    }
    for (const p of ports) {
      const usb = p.vendorId ? `USB ${p.vendorId}:${p.productId ?? '????'}` : 'no USB ids';
      console.log(`${p.path}\t${usb}\tserial ${p.serialNumber ?? '-'}\t${p.manufacturer ?? ''}`);
    }
  });

program
  .command('status')
  .description('ask an ESC/POS printer for its status (DLE EOT 1–4)')
  .requiredOption('--port <path>', 'serial port, e.g. /dev/ttyUSB0 or COM3')
  .option('--baud <n>', 'baud rate', integer('--baud'), 9600)
  .action(async (options: { port: string; baud: number }) => {
    const link = await open(options.port, options.baud);
    const driver = new EscPosDriver(link, { statusBack: false, deviceName: 'printer', realtimeTimeoutMs: 2_000 });
    let code: number;
    try {
      const status = await driver.pollStatus();
      const verdict = verdictFor(status, 'printer');
      const flags = Object.entries(status)
        .filter(([, on]) => on)
        .map(([name]) => name);
      console.log(
        `${options.port}: ${verdict.health.toUpperCase()}${verdict.detail ? ` — ${verdict.detail}` : ' — ready'}`,
      );
      console.log(`  reported: ${flags.length > 0 ? flags.join(', ') : 'nothing wrong'}`);
      code = verdict.health === 'fault' ? EXIT.fault : EXIT.ok;
    } catch (error) {
      console.log(
        `${options.port}: OFFLINE — ${(error as Error).message} Is it switched on, and is the baud rate right?`,
      );
      code = EXIT.noAnswer;
    }
    driver.dispose();
    await link.close();
    process.exitCode = code;
  });

program
  .command('test-print')
  .description("print a test page with '£', a QR code and a cut; succeeds only when the printer confirms it")
  .requiredOption('--port <path>', 'serial port')
  .option('--baud <n>', 'baud rate', integer('--baud'), 9600)
  .option('--columns <n>', 'characters per line (42 on 80 mm paper, 32 on 58 mm)', integer('--columns'), 42)
  .action(async (options: { port: string; baud: number; columns: number }) => {
    const link = await open(options.port, options.baud);
    const driver = new EscPosDriver(link, { statusBack: false, deviceName: 'printer', realtimeTimeoutMs: 2_000 });
    const page = receiptBytes(
      {
        lines: [
          { text: 'Printer test', align: 'center', bold: true, size: 'large' },
          { text: `Port ${options.port} at ${options.baud} baud` },
          { text: 'Pound sign: £1.23 (code page PC858)' },
          { text: 'Bold line', bold: true },
          { text: 'Right aligned', align: 'right' },
          { text: new Date().toISOString() },
        ],
        qr: 'https://example.org/printer-test',
      },
      { columns: options.columns, presenter: 'none' },
    );
    const started = Date.now();
    const outcome = await driver.print(page, 30_000);
    driver.dispose();
    await link.close();
    if (outcome.printed) {
      console.log(`Printed and confirmed by the printer in ${Date.now() - started} ms (${page.length} bytes).`);
      process.exitCode = EXIT.ok;
    } else {
      console.log(`NOT printed: ${outcome.detail} (${outcome.reason})`);
      process.exitCode = outcome.reason === 'no-response' ? EXIT.noAnswer : EXIT.fault;
    }
  });

program
  .command('test-pay')
  .description('a real card authorisation on a ZVT terminal (registers first)')
  .requiredOption('--port <path>', 'serial port')
  .requiredOption('--amount <pounds>', 'amount, e.g. 1.00', pounds)
  .option('--baud <n>', 'baud rate', integer('--baud'), 9600)
  .option('--password <digits>', 'terminal password (6 digits)', '000000')
  .option('--currency <code>', 'ISO 4217 numeric currency code', integer('--currency'), 826)
  .action(async (options: { port: string; amount: number; baud: number; password: string; currency: number }) => {
    if (!/^\d{6}$/.test(options.password)) program.error('--password must be six digits.');
    const link = await open(options.port, options.baud, 2);
    const session = new ZvtSession(new ZvtLinkLayer(link), {
      password: options.password,
      currencyCode: options.currency,
    });
    try {
      await session.register();
      console.log('Terminal registered.');
    } catch (error) {
      console.log(`Terminal did not register: ${(error as Error).message}`);
      await link.close();
      process.exitCode = EXIT.noAnswer;
      return;
    }
    console.log(`Authorising £${(options.amount / 100).toFixed(2)} — follow the terminal's instructions.`);
    const result = await session.authorise(
      { amountPence: options.amount, reference: `hw-test-${Date.now()}` },
      (prompt, text) => console.log(`  terminal: ${text} (${prompt})`),
    );
    await link.close();
    switch (result.outcome) {
      case 'approved':
        console.log(
          `APPROVED £${(result.amountPence / 100).toFixed(2)} — ${result.cardScheme} ending ${result.lastFour}, auth code ${result.authCode}, trace ${result.traceNumber}, terminal ${result.terminalId}`,
        );
        for (const line of result.receiptLines) console.log(`  | ${line}`);
        process.exitCode = EXIT.ok;
        return;
      case 'declined':
        console.log(`DECLINED — ${result.message} (result code ${result.resultCode})`);
        process.exitCode = EXIT.refused;
        return;
      case 'cancelled':
        console.log(`CANCELLED — ${result.message}`);
        process.exitCode = EXIT.refused;
        return;
      case 'unknown':
        console.log(`UNKNOWN — ${result.message}`);
        process.exitCode = EXIT.noAnswer;
    }
  });

await program.parseAsync();
