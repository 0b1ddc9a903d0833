/**
 * Ticket and receipt layouts as ESC/POS bytes. The command bytes come from
 * @point-of-sale/receipt-printer-encoder; we choose the code page explicitly (PC858, `ESC t 19`)
 * so '£' is 0x9C on every Epson-compatible printer, whatever its default code page.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptPrintout, TicketPrintout } from '../types.js';
import { customPresent } from './commands.js';

export interface LayoutOptions {
  columns: number;
  presenter: 'none' | 'custom';
}

function newEncoder(options: LayoutOptions): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    codepageMapping: 'epson',
    columns: options.columns,
    feedBeforeCut: 4,
  })
    .initialize()
    .codepage('cp858');
}

function finish(encoder: ReceiptPrinterEncoder, options: LayoutOptions, cut: 'full' | 'partial'): Uint8Array {
  encoder.cut(cut);
  // Present the ticket through the kiosk presenter's mouth; the presenter holds it until taken.
  if (options.presenter === 'custom') encoder.raw(customPresent(6));
  return encoder.encode();
}

export function formatIssuedAt(issuedAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(issuedAt);
}

export function ticketBytes(ticket: TicketPrintout, options: LayoutOptions): Uint8Array {
  const labels = ticket.labels ?? {};
  const e = newEncoder(options);
  e.align('center').bold(true).line(ticket.councilName).bold(false).line(ticket.siteName).newline();
  e.size(4, 4).bold(true).line(ticket.number).bold(false).size(1, 1).newline();
  e.bold(true).size(1, 2).line(ticket.serviceName).size(1, 1).bold(false);
  if (ticket.location) e.line(ticket.location);
  e.newline();
  e.line(`${labels.issued ?? 'Issued'} ${formatIssuedAt(ticket.issuedAt, ticket.timeZone)}`);
  if (ticket.position !== null) e.line(labels.position ?? `Number ${ticket.position} in the queue`);
  // Like the kiosk screen: no wait is promised for a ticket whose place in the queue is unknown.
  e.line(
    ticket.position === null || ticket.estimatedWaitMinutes === null
      ? (labels.waitUnavailable ?? 'Estimated wait unavailable')
      : (labels.estimatedWait ?? `Estimated wait: about ${ticket.estimatedWaitMinutes} min`),
  );
  if (ticket.footerLines.length > 0) e.newline();
  for (const line of ticket.footerLines) e.line(line);
  if (ticket.qr) e.newline().qrcode(ticket.qr, { model: 2, size: 6, errorlevel: 'm' });
  return finish(e, options, 'full');
}

export function receiptBytes(receipt: ReceiptPrintout, options: LayoutOptions): Uint8Array {
  const e = newEncoder(options);
  for (const line of receipt.lines) {
    e.align(line.align ?? 'left').bold(line.bold ?? false);
    if (line.size === 'large') e.size(2, 2).line(line.text).size(1, 1);
    else e.line(line.text);
  }
  e.bold(false).align('center');
  if (receipt.qr) e.newline().qrcode(receipt.qr, { model: 2, size: 5, errorlevel: 'm' });
  return finish(e, options, 'partial');
}
