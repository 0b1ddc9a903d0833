/** `npm run hw` against the simulators on real ptys: what facilities staff see, and the exit status. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { PrinterSimulator } from '../../hardware/sim/printer-sim.js';
import { TerminalSimulator } from '../../hardware/sim/terminal-sim.js';
import { hostSimulator, type SimulatedLine } from '../../hardware/sim/hosting.js';

const printer = new PrinterSimulator();
const terminal = new TerminalSimulator({ stepMs: 5 });
let printerLine: SimulatedLine;
let terminalLine: SimulatedLine;

beforeAll(async () => {
  printerLine = await hostSimulator(printer, { transport: 'pty' });
  terminalLine = await hostSimulator(terminal, { transport: 'pty' });
});
afterAll(async () => {
  await printerLine.stop();
  await terminalLine.stop();
});

function hw(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'hardware/cli/hw.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run hw', () => {
  test('status: ready, then out of paper with a non-zero exit', async () => {
    const ok = await hw('status', '--port', printerLine.hostPath);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('OK — ready');
    printer.setPaperEnd(true);
    const empty = await hw('status', '--port', printerLine.hostPath);
    printer.setPaperEnd(false);
    expect(empty.code).toBe(2);
    expect(empty.out).toContain('FAULT — The printer is out of paper.');
  });

  test('test-print: a page with £, a QR code and a cut, confirmed by the printer', async () => {
    const result = await hw('test-print', '--port', printerLine.hostPath);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Printed and confirmed by the printer/);
    const page = printer.lastPage()!;
    expect(page.lines.map((l) => l.text.trim())).toContain('Pound sign: £1.23 (code page PC858)');
    expect(page.qrCodes).toEqual(['https://example.org/printer-test']);
    expect(page.cut).toBe('partial');
  });

  test('test-pay: approved exits 0 with the result; declined exits 1; a bad amount is named', async () => {
    const approved = await hw('test-pay', '--port', terminalLine.hostPath, '--amount', '1.00');
    expect(approved.out).toContain('APPROVED £1.00 — VISA ending 0119');
    expect(approved.code).toBe(0);
    terminal.nextTransaction('decline');
    const declined = await hw('test-pay', '--port', terminalLine.hostPath, '--amount', '1.00');
    expect(declined.out).toContain('DECLINED — Declined by the card issuer');
    expect(declined.code).toBe(1);
    const bad = await hw('test-pay', '--port', terminalLine.hostPath, '--amount', '1,00');
    expect(bad.out).toContain('--amount must be pounds and pence like 1.00, not "1,00"');
    expect(bad.code).not.toBe(0);
    expect(terminal.taken).toEqual([100]);
  });
});
