/**
 * Reads an ESC/POS print stream the way an Epson-compatible printer does and records what would
 * come out on paper: decoded text lines with their style, QR payloads, cuts. Knows the commands our
 * layouts and common drivers send; anything else is recorded as unknown so a test sees it.
 * Real-time commands (DLE EOT / DLE ENQ) are not handled here: the simulator takes them out of the
 * stream on arrival, as a printer does.
 */
import { decodeCp858 } from '../text/cp858.js';

export interface PrintedLine {
  text: string;
  bold: boolean;
  align: 'left' | 'center' | 'right';
  /** Character magnification from GS ! (1 = normal). */
  width: number;
  height: number;
}

export interface PrintedPage {
  lines: PrintedLine[];
  qrCodes: string[];
  cut: 'full' | 'partial' | null;
  presented: boolean;
}

export interface InterpreterHooks {
  /** GS r n: a status reply in sequence with the print data. */
  transmitStatus(n: number): void;
  /** GS a n. */
  setStatusBack(n: number): void;
  /** A line has been printed (paper used); returns false when the paper ran out before it. */
  linePrinted(): boolean;
  cut(): boolean;
  /** GS e 6: presenter status byte. */
  presenterStatus(): void;
}

/** 'blocked': the paper ran out before this command could be printed; it stays in the buffer. */
type Step = { consumed: number } | 'need-more' | 'blocked';

const ALIGN = ['left', 'center', 'right'] as const;

export class EscPosInterpreter {
  readonly pages: PrintedPage[] = [];
  readonly unknownCommands: string[] = [];
  codePage = 0;
  private page: PrintedPage = newPage();
  private line: number[] = [];
  private bold = false;
  private align: PrintedLine['align'] = 'left';
  private width = 1;
  private height = 1;
  private qrStore: number[] = [];
  private lineStyle: Omit<PrintedLine, 'text'> | null = null;
  private buffer: number[] = [];

  constructor(private readonly hooks: InterpreterHooks) {}

  /** Everything printed since the last cut (not yet torn off). */
  currentPage(): PrintedPage {
    return this.page;
  }

  pending(): number {
    return this.buffer.length;
  }

  /** Someone tore off / pulled out the paper printed since the last cut (clearing a jam). */
  discardUncut(): void {
    this.page = newPage();
  }

  /** DLE ENQ 2: the receive and print buffers are cleared. */
  clearBuffer(): void {
    this.buffer = [];
    this.line = [];
    this.lineStyle = null;
  }

  feed(bytes: Iterable<number>): void {
    for (const b of bytes) this.buffer.push(b);
  }

  /** Interprets buffered bytes until they run out or `canContinue` says stop (paper end, cover). */
  run(canContinue: () => boolean): void {
    while (this.buffer.length > 0 && canContinue()) {
      const step = this.step();
      if (step === 'need-more' || step === 'blocked') return;
      this.buffer.splice(0, step.consumed);
    }
  }

  private at(i: number): number | undefined {
    return this.buffer[i];
  }

  private step(): Step {
    const b = this.at(0)!;
    if (b === 0x0a) {
      if (!this.hooks.linePrinted()) return 'blocked';
      this.commitLine();
      return { consumed: 1 };
    }
    if (b === 0x0d) return { consumed: 1 };
    if (b === 0x09) {
      this.printable(0x20);
      return { consumed: 1 };
    }
    if (b === 0x1b) return this.escape();
    if (b === 0x1d) return this.groupSeparator();
    if (b === 0x1c) return this.fileSeparator();
    if (b === 0x10) {
      // A DLE that survived the real-time filter: DLE DC4 (1 + 4 bytes) or stray; skip with a note.
      if (this.at(1) === 0x14) return this.fixed(5, 'DLE DC4');
      this.unknownCommands.push('DLE ' + hex(this.at(1)));
      return { consumed: Math.min(2, this.buffer.length) };
    }
    if (b < 0x20) {
      this.unknownCommands.push('control ' + hex(b));
      return { consumed: 1 };
    }
    this.printable(b);
    return { consumed: 1 };
  }

  /** A character takes the style in force when it is received; a line shows its largest and boldest. */
  private printable(b: number): void {
    if (this.line.length === 0 || this.lineStyle === null)
      this.lineStyle = { bold: false, align: this.align, width: 1, height: 1 };
    if (b !== 0x20) {
      this.lineStyle.bold ||= this.bold;
      this.lineStyle.width = Math.max(this.lineStyle.width, this.width);
      this.lineStyle.height = Math.max(this.lineStyle.height, this.height);
    }
    this.line.push(b);
  }

  private fixed(length: number, _name: string): Step {
    return this.buffer.length >= length ? { consumed: length } : 'need-more';
  }

  private escape(): Step {
    const cmd = this.at(1);
    if (cmd === undefined) return 'need-more';
    const n = this.at(2);
    switch (cmd) {
      case 0x40: // ESC @ initialise
        this.bold = false;
        this.align = 'left';
        this.width = 1;
        this.height = 1;
        this.codePage = 0;
        return { consumed: 2 };
      case 0x21: // ESC ! n print mode
        if (n === undefined) return 'need-more';
        this.bold = (n & 0x08) !== 0;
        this.height = n & 0x10 ? 2 : 1;
        this.width = n & 0x20 ? 2 : 1;
        return { consumed: 3 };
      case 0x45: // ESC E n bold
        if (n === undefined) return 'need-more';
        this.bold = (n & 1) === 1;
        return { consumed: 3 };
      case 0x61: // ESC a n alignment
        if (n === undefined) return 'need-more';
        this.align = ALIGN[n % 48] ?? 'left';
        return { consumed: 3 };
      case 0x74: // ESC t n code page
        if (n === undefined) return 'need-more';
        this.codePage = n;
        return { consumed: 3 };
      case 0x64: // ESC d n feed n lines
        if (n === undefined) return 'need-more';
        for (let i = 0; i < n; i++) {
          if (!this.hooks.linePrinted()) {
            this.buffer[2] = n - i; // the lines still to feed once paper is loaded
            return 'blocked';
          }
          this.commitLine();
        }
        return { consumed: 3 };
      case 0x2d:
      case 0x4d:
      case 0x47:
      case 0x56:
      case 0x7b:
      case 0x20:
      case 0x33:
      case 0x4a:
      case 0x52:
      case 0x72:
      case 0x63:
      case 0x55:
        // ESC - underline, M font, G double-strike, V rotate, { upside-down, SP spacing, 3 line
        // spacing, J feed dots, R international set, r colour, c panel/paper sensors, U unidirectional
        if (n === undefined) return 'need-more';
        if (cmd === 0x52 && n === 3) this.unknownCommands.push('ESC R 3 (UK set: # prints as £)');
        return { consumed: 3 };
      case 0x32: // ESC 2 default line spacing
        return { consumed: 2 };
      case 0x70: // ESC p m t1 t2 drawer pulse
        return this.fixed(5, 'ESC p');
      case 0x69:
      case 0x6d: // ESC i / ESC m legacy cut
        if (!this.hooks.cut()) return 'blocked';
        this.cut(cmd === 0x69 ? 'full' : 'partial');
        return { consumed: 2 };
      case 0x2a: {
        // ESC * m nL nH data: bit image
        const m = this.at(2);
        const nL = this.at(3);
        const nH = this.at(4);
        if (m === undefined || nL === undefined || nH === undefined) return 'need-more';
        const columns = nL + nH * 256;
        const total = 5 + columns * (m >= 32 ? 3 : 1);
        return this.fixed(total, 'ESC *');
      }
      default:
        this.unknownCommands.push('ESC ' + hex(cmd));
        return { consumed: 2 };
    }
  }

  private groupSeparator(): Step {
    const cmd = this.at(1);
    if (cmd === undefined) return 'need-more';
    const n = this.at(2);
    switch (cmd) {
      case 0x21: // GS ! n character size
        if (n === undefined) return 'need-more';
        this.width = ((n >> 4) & 0x07) + 1;
        this.height = (n & 0x07) + 1;
        return { consumed: 3 };
      case 0x56: {
        // GS V m [n] cut
        if (n === undefined) return 'need-more';
        const withFeed = n === 65 || n === 66 || n === 97 || n === 98 || n === 103 || n === 104;
        if (withFeed && this.at(3) === undefined) return 'need-more';
        if (!this.hooks.cut()) return 'blocked';
        this.cut(n % 2 === 0 && n !== 66 && n !== 98 && n !== 104 ? 'full' : 'partial');
        return { consumed: withFeed ? 4 : 3 };
      }
      case 0x72: // GS r n — answered in sequence: everything before it has been printed
        if (n === undefined) return 'need-more';
        this.hooks.transmitStatus(n);
        return { consumed: 3 };
      case 0x61: // GS a n
        if (n === undefined) return 'need-more';
        this.hooks.setStatusBack(n);
        return { consumed: 3 };
      case 0x65: {
        // GS e n [m] Custom presenter
        if (n === undefined) return 'need-more';
        if (n === 3) {
          if (this.at(3) === undefined) return 'need-more';
          this.lastPage().presented = true;
          return { consumed: 4 };
        }
        if (n === 6) this.hooks.presenterStatus();
        return { consumed: 3 };
      }
      case 0x42:
      case 0x62:
      case 0x48:
      case 0x66:
      case 0x68:
      case 0x77:
      case 0x49:
        // GS B reverse, b smoothing, H HRI position, f HRI font, h/w barcode size, I printer id
        if (n === undefined) return 'need-more';
        return { consumed: 3 };
      case 0x4c:
      case 0x57: // GS L / GS W left margin, print area width
        return this.fixed(4, 'GS L/W');
      case 0x28:
        return this.gsParen();
      case 0x76: {
        // GS v 0 m xL xH yL yH data: raster image
        const xL = this.at(4),
          xH = this.at(5),
          yL = this.at(6),
          yH = this.at(7);
        if (xL === undefined || xH === undefined || yL === undefined || yH === undefined) return 'need-more';
        return this.fixed(8 + (xL + xH * 256) * (yL + yH * 256), 'GS v 0');
      }
      case 0x6b: {
        // GS k m ... barcode
        if (n === undefined) return 'need-more';
        if (n <= 6) {
          const end = this.buffer.indexOf(0x00, 3);
          return end < 0 ? 'need-more' : { consumed: end + 1 };
        }
        const length = this.at(3);
        if (length === undefined) return 'need-more';
        return this.fixed(4 + length, 'GS k');
      }
      default:
        this.unknownCommands.push('GS ' + hex(cmd));
        return { consumed: 2 };
    }
  }

  /** GS ( k pL pH cn fn [data]: QR (cn = 0x31) and other 2D codes; GS ( L/GS ( E etc. skipped by length. */
  private gsParen(): Step {
    const fn = this.at(2);
    const pL = this.at(3);
    const pH = this.at(4);
    if (fn === undefined || pL === undefined || pH === undefined) return 'need-more';
    const length = pL + pH * 256;
    if (this.buffer.length < 5 + length) return 'need-more';
    if (fn === 0x6b && this.at(5) === 0x31) {
      const function_ = this.at(6);
      if (function_ === 0x50) this.qrStore = this.buffer.slice(8, 5 + length); // 31 50 30 data
      if (function_ === 0x51) {
        if (!this.hooks.linePrinted()) return 'blocked';
        // UTF-8, per the Epson manual's note that pL/pH count bytes
        this.page.qrCodes.push(Buffer.from(this.qrStore).toString('utf8'));
      }
    }
    return { consumed: 5 + length };
  }

  private fileSeparator(): Step {
    const cmd = this.at(1);
    if (cmd === undefined) return 'need-more';
    if (cmd === 0x2e || cmd === 0x26) return { consumed: 2 }; // FS . / FS & Kanji off/on
    if (cmd === 0x43 || cmd === 0x2d || cmd === 0x57) return this.fixed(3, 'FS');
    this.unknownCommands.push('FS ' + hex(cmd));
    return { consumed: 2 };
  }

  private commitLine(): void {
    const style = this.lineStyle ?? { bold: false, align: this.align, width: 1, height: 1 };
    this.page.lines.push({ text: this.decode(this.line), ...style });
    this.line = [];
    this.lineStyle = null;
  }

  private decode(bytes: number[]): string {
    // ESC t 19 = PC858, 2 = PC850 (same but no €), 0 = PC437 (same '£'): the simulator decodes all
    // three with the PC858 table and flags anything else, since our layouts always send 19.
    if (![0, 2, 19].includes(this.codePage)) this.unknownCommands.push(`text in code page ${this.codePage}`);
    return decodeCp858(bytes).replace(/\s+$/, '');
  }

  private cut(kind: 'full' | 'partial'): void {
    if (this.line.length > 0) this.commitLine();
    this.page.cut = kind;
    this.pages.push(this.page);
    this.page = newPage();
  }

  private lastPage(): PrintedPage {
    return this.pages[this.pages.length - 1] ?? this.page;
  }
}

function newPage(): PrintedPage {
  return { lines: [], qrCodes: [], cut: null, presented: false };
}

const hex = (b: number | undefined): string => (b === undefined ? '??' : b.toString(16).padStart(2, '0'));

/** The page as text, without the blank feed lines before the cut. */
export const pageText = (page: PrintedPage): string =>
  page.lines
    .map((line) => line.text)
    .join('\n')
    .replace(/\n+$/, '');
