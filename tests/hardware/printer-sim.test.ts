/** The printer simulator at byte level: what a real Epson-compatible printer would answer. */
import { describe, expect, test } from 'vitest';
import { memoryCable } from '../../hardware/serial/link.js';
import { PrinterSimulator } from '../../hardware/sim/printer-sim.js';

function wired() {
  const sim = new PrinterSimulator();
  const cable = memoryCable();
  sim.attach(cable.deviceSide.stream);
  const replies: number[] = [];
  cable.hostSide.stream.on('data', (chunk: Buffer) => replies.push(...chunk));
  /** Sends, then waits until `expect` reply bytes have arrived (or 50 ms when none are expected). */
  const send = async (...bytes: number[]) => {
    await cable.hostSide.write(Uint8Array.from(bytes));
    await settle();
  };
  const settle = async (expected = 0) => {
    const started = Date.now();
    do await new Promise((resolve) => setTimeout(resolve, 10));
    while (replies.length < expected && Date.now() - started < 2_000);
    if (expected === 0) await new Promise((resolve) => setTimeout(resolve, 40));
  };
  return { sim, replies, send, settle };
}

describe('printer simulator', () => {
  test('answers DLE EOT 1–4 at once, with the documented bits', async () => {
    const { sim, replies, send, settle } = wired();
    await send(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4);
    await settle(4);
    expect(replies.splice(0)).toEqual([0x12, 0x12, 0x12, 0x12]);
    sim.setPaperEnd(true);
    await send(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4);
    await settle(3);
    expect(replies.splice(0)).toEqual([0x1a, 0x32, 0x72]);
  });

  test('GS r is answered in sequence after the text before it, never while out of paper, then late once paper is loaded', async () => {
    const { sim, replies, send, settle } = wired();
    sim.setPaperEnd(true);
    await send(...Buffer.from('Ticket A001\n'), 0x1d, 0x72, 0x01);
    expect(replies).toEqual([]);
    expect(sim.uncutText()).toBe('');
    sim.setPaperEnd(false);
    await settle(1);
    expect(replies).toEqual([0x00]);
    expect(sim.uncutText()).toBe('Ticket A001');
  });

  test('decodes PC858 after ESC t 19: 0x9C is £; a cut closes the page', async () => {
    const { sim, send } = wired();
    await send(0x1b, 0x40, 0x1b, 0x74, 19, ...Buffer.from('Fee '), 0x9c, ...Buffer.from('5.00\n'), 0x1d, 0x56, 0x00);
    expect(sim.lastText()).toBe('Fee £5.00');
    expect(sim.lastPage()?.cut).toBe('full');
  });

  test('with ASB enabled, reports every change as a 4-byte frame', async () => {
    const { sim, replies, send, settle } = wired();
    await send(0x1d, 0x61, 0x0e);
    await settle(4);
    expect(replies.splice(0)).toEqual([0x10, 0x00, 0x00, 0x00]);
    sim.setCoverOpen(true);
    await settle(4);
    expect(replies.splice(0)).toEqual([0x38, 0x00, 0x00, 0x00]);
  });

  test('a cutter jam stops the job at the cut: DLE ENQ 1 carries on, DLE ENQ 2 throws the job away', async () => {
    const { sim, replies, send, settle } = wired();
    sim.setCutterError(true);
    await send(...Buffer.from('Receipt\n'), 0x1d, 0x56, 0x01, 0x1d, 0x72, 0x01);
    expect(sim.pages()).toHaveLength(0);
    expect(replies).toEqual([]);
    await send(0x10, 0x05, 0x01);
    await settle(1);
    expect(sim.pages()).toHaveLength(1);
    expect(replies.splice(0)).toEqual([0x00]);

    sim.setCutterError(true);
    await send(...Buffer.from('Stale\n'), 0x1d, 0x56, 0x01, 0x1d, 0x72, 0x01);
    await send(0x10, 0x05, 0x02);
    await send(...Buffer.from('Fresh\n'), 0x1d, 0x56, 0x01);
    expect(sim.pages().map((p) => p.lines.map((l) => l.text).join())).toEqual(['Receipt', 'Fresh']);
    expect(replies).toEqual([]);
  });
});
