/**
 * The ESC/POS printer through its supervisor, on a real socat pty pair, against the printer
 * simulator: what the resident reads on tickets and receipts. (Faults: printer-faults.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import type { PrinterSupervisorOptions } from '../../hardware/supervision/printer-supervisor.js';
import { cleanUpAfterEach } from './support/lifecycle.js';
import { sampleTicket as ticket, startPrinterRig } from './support/printer.js';

const cleanups = cleanUpAfterEach();
const setUp = (options: Partial<PrinterSupervisorOptions> = {}, transport: 'pty' | 'memory' = 'pty') =>
  startPrinterRig(cleanups, options, transport);

describe('ticket printing', () => {
  test('prints what the resident needs to read, with £, the QR code and a cut, confirmed by the printer', async () => {
    const { sim, printer } = await setUp();
    expect(printer.state().health).toBe('ok');
    expect(await printer.printTicket(ticket)).toEqual({ printed: true });
    const page = sim.lastPage()!;
    const lines = page.lines.map((l) => l.text.trim()).filter((t) => t !== '');
    expect(lines).toEqual([
      'Cambridge City Council',
      'Mandela House',
      'H014',
      'Housing advice',
      'Ground floor, room 2',
      'Issued 1 Jul 2026, 09:05', // 08:05 UTC is 09:05 in London in summer
      'Number 3 in the queue',
      'Estimated wait: about 12 min',
      'Please wait to be called',
      'Parking permit fee £5.00',
    ]);
    const number = page.lines.find((l) => l.text.trim() === 'H014')!;
    expect(number.width).toBeGreaterThanOrEqual(3);
    expect(number.height).toBeGreaterThanOrEqual(3);
    expect(page.qrCodes).toEqual(['https://council.example/t/H014?lang=en']);
    expect(page.cut).toBe('full');
    expect(sim.unknownCommands()).toEqual([]);
    // '£' went over the wire as 0x9C after ESC t 19 (PC858), not as UTF-8.
    const wire = Buffer.from(sim.received);
    expect(wire.includes(Buffer.from([0x1b, 0x74, 19]))).toBe(true);
    expect(wire.includes(Buffer.from([0x9c, 0x35, 0x2e, 0x30, 0x30]))).toBe(true);
    expect(wire.includes(Buffer.from('£', 'utf8'))).toBe(false);
  });

  test('a receipt prints its lines with styles and a partial cut; the presenter presents it when fitted', async () => {
    const { sim, printer } = await setUp({ kind: 'receipt-printer', id: 'receipt-printer', presenter: 'custom' });
    const outcome = await printer.printReceipt({
      lines: [
        { text: 'Council tax payment', align: 'center', bold: true, size: 'large' },
        { text: 'Amount £120.50' },
        { text: 'Auth code 123456', align: 'right' },
      ],
    });
    expect(outcome).toEqual({ printed: true });
    const page = sim.lastPage()!;
    const title = page.lines.find((l) => l.text.trim() === 'Council tax payment')!;
    expect(title).toMatchObject({ bold: true, width: 2, height: 2 });
    expect(title.text.startsWith(' ')).toBe(true); // centred (the encoder pads the line)
    expect(page.lines.map((l) => l.text.trim())).toContain('Amount £120.50');
    expect(page.cut).toBe('partial');
    expect(page.presented).toBe(true);
  });

  test('one job at a time: three tickets at once come out as three separate, confirmed tickets in order', async () => {
    const { sim, printer } = await setUp();
    const outcomes = await Promise.all(
      ['A001', 'A002', 'A003'].map((number) => printer.printTicket({ ...ticket, number, qr: undefined })),
    );
    expect(outcomes).toEqual([{ printed: true }, { printed: true }, { printed: true }]);
    expect(sim.pages().map((p) => p.lines.find((l) => /^A00\d$/.test(l.text.trim()))?.text.trim())).toEqual([
      'A001',
      'A002',
      'A003',
    ]);
  });
});
