/**
 * An Epson-compatible ESC/POS printer on the far end of a line (a socat pty or an in-memory cable).
 * Keeps paper / near-end / cover / cutter state; answers DLE EOT at once (even while stopped);
 * prints in order and answers GS r when it gets there — so never while stopped at paper end or with
 * the cover open; sends ASB frames on every change once `GS a` asked for them; records what a
 * resident would read.
 */
import type { Duplex } from 'node:stream';
import { EscPosInterpreter, pageText, type PrintedPage } from './escpos-interpreter.js';

export interface PrinterSimState {
  paperNearEnd: boolean;
  paperEnd: boolean;
  coverOpen: boolean;
  cutterError: boolean;
  /** Powered off but still cabled: answers nothing at all. */
  silent: boolean;
}

export class PrinterSimulator {
  private readonly interpreter: EscPosInterpreter;
  private readonly state: PrinterSimState = {
    paperNearEnd: false,
    paperEnd: false,
    coverOpen: false,
    cutterError: false,
    silent: false,
  };
  private statusBackMask = 0;
  /** Real-time filter: 0 = data, 1 = saw DLE, 2 = saw DLE EOT, 3 = saw DLE ENQ. */
  private realtimeStage = 0;
  private linesLeft = Number.POSITIVE_INFINITY;
  private jamAtCut = false;
  private stream: Duplex | null = null;
  private readonly onData = (chunk: Buffer): void => this.receive(chunk);
  /** Every byte received, for tests that check the wire format. */
  readonly received: number[] = [];
  private readonly receiveListeners: Array<(chunk: Buffer) => void> = [];

  constructor() {
    this.interpreter = new EscPosInterpreter({
      transmitStatus: (n) => this.send([n === 1 || n === 49 ? this.paperSensorByte() : 0x00]),
      setStatusBack: (n) => {
        this.statusBackMask = n;
        if (n !== 0) this.sendStatusBack();
      },
      linePrinted: () => this.usePaper(),
      cut: () => {
        if (this.jamAtCut) {
          this.jamAtCut = false;
          this.state.cutterError = true;
          this.sendStatusBack();
        }
        return !this.state.cutterError;
      },
      presenterStatus: () => this.send([0x00]),
    });
  }

  /** Connect to one end of a line; a new connection (replug) keeps paper state, like a printer does. */
  attach(stream: Duplex): void {
    this.detach();
    this.stream = stream;
    this.realtimeStage = 0;
    stream.on('data', this.onData);
  }

  detach(): void {
    this.stream?.off('data', this.onData);
    this.stream = null;
  }

  // ---- what tests and demo staff can do to the printer ----

  status(): PrinterSimState {
    return { ...this.state };
  }
  setPaperNearEnd(nearEnd: boolean): void {
    this.change(() => (this.state.paperNearEnd = nearEnd));
  }
  /** Paper end now (true) or a new roll loaded (false: also clears near end and resumes printing). */
  setPaperEnd(paperEnd: boolean): void {
    this.change(() => {
      this.state.paperEnd = paperEnd;
      if (!paperEnd) {
        this.state.paperNearEnd = false;
        this.linesLeft = Number.POSITIVE_INFINITY;
      }
    });
  }
  /** The roll runs out after this many more printed lines (paper end in the middle of a job). */
  runOutAfterLines(lines: number): void {
    this.linesLeft = lines;
  }
  /** Opening the cover during a cutter jam is how the jammed paper is taken out: it is discarded. */
  setCoverOpen(open: boolean): void {
    if (open && this.state.cutterError) this.interpreter.discardUncut();
    this.change(() => (this.state.coverOpen = open));
  }
  /** A cutter jam: the job stops at the cut; DLE ENQ 1/2 clears it. */
  setCutterError(jammed: boolean): void {
    this.change(() => (this.state.cutterError = jammed));
  }
  /** The cutter jams on the next cut (a jam in the middle of a job). */
  jamAtNextCut(): void {
    this.jamAtCut = true;
  }
  setSilent(silent: boolean): void {
    this.state.silent = silent;
  }

  /** Pages cut so far, oldest first. */
  pages(): PrintedPage[] {
    return this.interpreter.pages;
  }
  lastPage(): PrintedPage | undefined {
    return this.interpreter.pages[this.interpreter.pages.length - 1];
  }
  /** The text of the last cut page, as a resident would read it. */
  lastText(): string {
    const page = this.lastPage();
    return page ? pageText(page) : '';
  }
  /** Printed but not yet cut (a job stopped at paper end). */
  uncutText(): string {
    return pageText(this.interpreter.currentPage());
  }
  unknownCommands(): string[] {
    return this.interpreter.unknownCommands;
  }
  clearPrinted(): void {
    this.interpreter.pages.splice(0);
  }

  // ---- the printer ----

  private stopped(): boolean {
    return this.state.paperEnd || this.state.coverOpen || this.state.cutterError;
  }

  private usePaper(): boolean {
    if (this.state.paperEnd) return false;
    if (this.linesLeft <= 0) {
      this.state.paperEnd = true;
      this.sendStatusBack();
      return false;
    }
    this.linesLeft -= 1;
    return true;
  }

  private change(mutate: () => void): void {
    const before = JSON.stringify(this.state);
    mutate();
    if (JSON.stringify(this.state) !== before) this.sendStatusBack();
    this.process();
  }

  /** Every chunk as it arrives from the line (benchmarks time the first byte with it). */
  onReceive(listener: (chunk: Buffer) => void): void {
    this.receiveListeners.push(listener);
  }

  private receive(chunk: Buffer): void {
    for (const listener of this.receiveListeners) listener(chunk);
    if (this.state.silent) return;
    const data: number[] = [];
    for (const b of chunk) {
      this.received.push(b);
      switch (this.realtimeStage) {
        case 0:
          if (b === 0x10) this.realtimeStage = 1;
          else data.push(b);
          break;
        case 1:
          if (b === 0x04) this.realtimeStage = 2;
          else if (b === 0x05) this.realtimeStage = 3;
          else {
            data.push(0x10, b);
            this.realtimeStage = 0;
          }
          break;
        case 2:
          this.send([this.realtimeByte(b)]);
          this.realtimeStage = 0;
          break;
        case 3:
          // DLE ENQ 1: recover and carry on; 2: recover and clear the buffers (Epson, "DLE ENQ").
          if ((b === 1 || b === 2) && this.state.cutterError) {
            this.state.cutterError = false;
            if (b === 2) this.interpreter.clearBuffer();
            this.sendStatusBack();
          }
          this.realtimeStage = 0;
          break;
      }
    }
    this.interpreter.feed(data);
    this.process();
  }

  private process(): void {
    this.interpreter.run(() => !this.stopped());
  }

  private offline(): boolean {
    return this.stopped();
  }

  private realtimeByte(n: number): number {
    const s = this.state;
    switch (n) {
      case 1:
        return 0x12 | (this.offline() ? 0x08 : 0);
      case 2:
        return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperEnd ? 0x20 : 0) | (s.cutterError ? 0x40 : 0);
      case 3:
        return 0x12 | (s.cutterError ? 0x08 : 0);
      case 4:
        return 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperEnd ? 0x60 : 0);
      default:
        return 0x12;
    }
  }

  private paperSensorByte(): number {
    return (this.state.paperNearEnd ? 0x03 : 0) | (this.state.paperEnd ? 0x0c : 0);
  }

  private sendStatusBack(): void {
    if (this.statusBackMask === 0) return;
    const s = this.state;
    this.send([
      0x10 | (this.offline() ? 0x08 : 0) | (s.coverOpen ? 0x20 : 0),
      s.cutterError ? 0x08 : 0,
      (s.paperNearEnd ? 0x03 : 0) | (s.paperEnd ? 0x0c : 0),
      0x00,
    ]);
  }

  private send(bytes: number[]): void {
    if (this.state.silent || !this.stream || this.stream.destroyed) return;
    this.stream.write(Buffer.from(bytes));
  }
}
