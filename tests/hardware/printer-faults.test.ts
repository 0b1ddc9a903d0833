/**
 * ESC/POS printer faults through the supervisor, on a real socat pty pair, against the printer
 * simulator: paper near end and end (before and during a job), cover, cutter jam, ASB, power off,
 * unplug and replug.
 */
import { describe, expect, test } from 'vitest';
import type { PrinterSupervisorOptions } from '../../hardware/supervision/printer-supervisor.js';
import { cleanUpAfterEach, until } from './support/lifecycle.js';
import { sampleTicket as ticket, startPrinterRig } from './support/printer.js';

const cleanups = cleanUpAfterEach();
const setUp = (options: Partial<PrinterSupervisorOptions> = {}, transport: 'pty' | 'memory' = 'pty') =>
  startPrinterRig(cleanups, options, transport);

describe('printer faults', () => {
  test('paper near end is an early warning; printing still works', async () => {
    const { sim, printer } = await setUp();
    sim.setPaperNearEnd(true);
    await until(() => printer.state().reason === 'paper-near-end', 'near-end warning');
    expect(printer.state()).toMatchObject({ health: 'warning', detail: "The ticket printer's paper is running low." });
    expect(await printer.printTicket(ticket)).toEqual({ printed: true });
  });

  test('out of paper before a job: not printed, nothing sent, state says why', async () => {
    const { sim, printer } = await setUp();
    sim.setPaperEnd(true);
    const outcome = await printer.printTicket(ticket);
    expect(outcome).toEqual({ printed: false, reason: 'paper-end', detail: 'The ticket printer is out of paper.' });
    expect(sim.pages()).toHaveLength(0);
    expect(printer.state()).toMatchObject({ health: 'fault', reason: 'paper-end' });
    sim.setPaperEnd(false);
    await until(() => printer.state().health === 'ok', 'recovery after new roll');
  });

  test('paper runs out in the middle of a ticket: reported not printed (the printer never confirms)', async () => {
    const { sim, printer } = await setUp();
    sim.runOutAfterLines(4);
    const outcome = await printer.printTicket(ticket);
    // 'paper-end' (seen by the status poll during the job), not 'not-confirmed' (the timeout).
    expect(outcome).toMatchObject({ printed: false, reason: 'paper-end' });
    expect(sim.pages()).toHaveLength(0);
    expect(sim.uncutText()).toContain('Cambridge City Council');
    expect(printer.state()).toMatchObject({ health: 'fault', reason: 'paper-end' });
  });

  test('cover open: fault with a reason, and the job is refused until it is closed', async () => {
    const { sim, printer } = await setUp();
    sim.setCoverOpen(true);
    await until(() => printer.state().reason === 'cover-open', 'cover-open state');
    expect(printer.state()).toMatchObject({ health: 'fault', detail: "The ticket printer's cover is open." });
    expect(await printer.printTicket(ticket)).toMatchObject({ printed: false, reason: 'cover-open' });
    sim.setCoverOpen(false);
    await until(() => printer.state().health === 'ok', 'cover closed');
    expect(await printer.printTicket(ticket)).toEqual({ printed: true });
  });

  test('a cutter jam during a job: cutter error; clearing it (cover open, closed) recovers without printing the stale job', async () => {
    const { sim, printer } = await setUp();
    sim.jamAtNextCut();
    expect(await printer.printTicket({ ...ticket, number: 'STALE' })).toMatchObject({
      printed: false,
      reason: 'cutter-error',
    });
    expect(printer.state()).toMatchObject({ health: 'fault', detail: "The ticket printer's paper cutter is jammed." });
    sim.setCoverOpen(true);
    await until(() => printer.state().reason === 'cover-open', 'cover open while clearing the jam');
    sim.setCoverOpen(false);
    await until(() => printer.state().health === 'ok', 'recovered after DLE ENQ 2');
    expect(await printer.printTicket({ ...ticket, number: 'FRESH' })).toEqual({ printed: true });
    const numbers = sim
      .pages()
      .flatMap((p) => p.lines.map((l) => l.text.trim()))
      .filter((t) => t === 'STALE' || t === 'FRESH');
    expect(numbers).toEqual(['FRESH']);
  });

  test('with Automatic Status Back, a change is known without waiting for the next poll', async () => {
    const { sim, printer } = await setUp({ statusBack: true, pollIntervalMs: 60_000 });
    sim.setCoverOpen(true);
    await until(() => printer.state().reason === 'cover-open', 'ASB cover-open', 1_000);
    sim.setCoverOpen(false);
    await until(() => printer.state().health === 'ok', 'ASB cover closed', 1_000);
  });

  test('powered off but cabled: offline with "does not answer"; a job fails fast', async () => {
    const { sim, printer, connects } = await setUp({ realtimeTimeoutMs: 300 });
    sim.setSilent(true);
    await until(() => printer.state().health === 'offline', 'offline state');
    expect(printer.state().reason).toBe('no-response');
    expect(await printer.printTicket(ticket)).toMatchObject({ printed: false });
    // Missed polls make the supervisor reopen the port (the unplug that never closes, as on Windows);
    // when the printer answers again it is back to ok and prints.
    await until(() => connects() > 1, 'the port reopened after missed polls');
    sim.setSilent(false);
    await until(() => printer.state().health === 'ok', 'ok once it answers again');
    expect(await printer.printTicket(ticket)).toEqual({ printed: true });
  });

  test('unplug and replug: offline while away, back to ok, and the job sent while away is never printed', async () => {
    const { sim, line, printer } = await setUp();
    await line.unplug();
    await until(() => printer.state().reason === 'unplugged', 'offline (unplugged) after unplug');
    expect(printer.state()).toMatchObject({
      health: 'offline',
      detail: 'The ticket printer was unplugged or switched off; reconnecting.',
    });
    expect(await printer.printTicket({ ...ticket, number: 'STALE' })).toMatchObject({
      printed: false,
      reason: 'offline',
    });
    await line.replug();
    await until(() => printer.state().health === 'ok', 'ok after replug');
    expect(await printer.printTicket({ ...ticket, number: 'FRESH' })).toEqual({ printed: true });
    const numbers = sim
      .pages()
      .flatMap((p) => p.lines.map((l) => l.text.trim()))
      .filter((t) => t === 'STALE' || t === 'FRESH');
    expect(numbers).toEqual(['FRESH']);
  });

  test('the same works without socat, on the in-memory line', async () => {
    const { sim, line, printer } = await setUp({}, 'memory');
    expect(await printer.printTicket(ticket)).toEqual({ printed: true });
    expect(sim.lastText()).toContain('£5.00');
    await line.unplug();
    await until(() => printer.state().reason === 'unplugged', 'unplugged');
    await line.replug();
    await until(() => printer.state().health === 'ok', 'ok after replug');
  });
});
