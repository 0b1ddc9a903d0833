/**
 * What the rest of the system may ask of devices. server/ and electron/ depend on these interfaces
 * only (and on the factory hardware/kiosk-devices.ts that makes them); hardware/ provides serial
 * implementations and simulators.
 */
import type { DeviceState } from '../contract/devices.js';
import type { KioskSimulators } from './sim/kiosk-simulators.js';

export type { KioskSimulators };

/**
 * A ticket as the dispenser prints it. All text already in the resident's language; the printers
 * print code page PC858 (Western European letters), so anything else prints as '?' — pass English
 * or accent-folded text for other scripts (see server/info/slip.ts).
 */
export interface TicketPrintout {
  councilName: string;
  siteName: string;
  number: string;
  serviceName: string;
  location?: string;
  issuedAt: Date;
  timeZone: string;
  /**
   * Null when no one can say (a ticket the kiosk issued while the hub was away): no position line,
   * and the ticket reads "Estimated wait unavailable" instead of a wait.
   */
  position: number | null;
  /** Null when no one can say: "Estimated wait unavailable" instead of a wait. */
  estimatedWaitMinutes: number | null;
  /** Fixed lines such as "Please wait to be called". */
  footerLines: string[];
  /** Encoded in a QR code when present (e.g. a status page URL). */
  qr?: string;
  /**
   * Translated lines for the resident's language. Defaults (English): "Issued <date>",
   * "Number <position> in the queue", "Estimated wait: about <n> min", and when there is no
   * estimate "Estimated wait unavailable".
   */
  labels?: { issued?: string; position?: string; estimatedWait?: string; waitUnavailable?: string };
}

/** A free-form receipt or slip: lines of text with simple styles, optional QR, then cut. */
export interface ReceiptLine {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  size?: 'normal' | 'large';
}
export interface ReceiptPrintout {
  lines: ReceiptLine[];
  qr?: string;
}

export type PrintOutcome =
  | { printed: true }
  /** Not confirmed by the printer; reason is a device reason such as "paper-end" or "offline". */
  | { printed: false; reason: string; detail: string };

export interface Printer {
  printTicket(ticket: TicketPrintout): Promise<PrintOutcome>;
  printReceipt(receipt: ReceiptPrintout): Promise<PrintOutcome>;
  state(): DeviceState;
}

/** Card terminal, protocol-neutral. Card data never crosses this interface beyond the fields below. */
export interface AuthorisationRequest {
  amountPence: number;
  /** Our journal id, for logs only; terminals do not echo it. */
  reference: string;
}
export type TerminalPrompt =
  'insert-card' | 'present-card' | 'enter-pin' | 'remove-card' | 'please-wait' | 'processing' | 'other';

export type AuthorisationResult =
  | {
      outcome: 'approved';
      amountPence: number;
      authCode: string;
      cardScheme: string;
      /** Last four digits only. */
      lastFour: string;
      terminalId: string;
      traceNumber: string;
      receiptLines: string[];
    }
  | { outcome: 'declined'; resultCode: string; message: string; receiptLines: string[] }
  | { outcome: 'cancelled'; message: string }
  /** The terminal never gave a final answer: the money may or may not have been taken. */
  | { outcome: 'unknown'; message: string };

export interface EndOfDayTotals {
  totalPence: number;
  count: number;
  byScheme: { scheme: string; count: number; totalPence: number }[];
}

export interface PaymentTerminal {
  authorise(
    request: AuthorisationRequest,
    onPrompt: (prompt: TerminalPrompt, text: string) => void,
  ): Promise<AuthorisationResult>;
  /** Ask the terminal to stop a transaction in progress (before the card is presented). */
  abort(): Promise<void>;
  endOfDay(): Promise<EndOfDayTotals>;
  state(): DeviceState;
}

/** The devices of one kiosk; a kiosk without a device has no entry for it. */
export interface KioskDevices {
  ticketPrinter?: Printer;
  receiptPrinter?: Printer;
  cardTerminal?: PaymentTerminal;
}

/** Each kiosk's printers and card terminal (real or simulated), with their health. */
export interface DeviceDirectory {
  forKiosk(kioskId: string): KioskDevices;
  states(): DeviceState[];
  onChange(listener: (state: DeviceState) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Demo and tests: the simulators behind a kiosk's devices (undefined when it has real ones). */
  simulators?(kioskId: string): KioskSimulators | undefined;
}
