/**
 * The resident's receipt. The text is stored in the journal exactly as printed (masked), so a reprint
 * is the same receipt marked as a duplicate.
 */
import type { ReceiptLine, ReceiptPrintout } from '../../hardware/types.js';
import type { JournalRow } from './journal.js';
import { maskCardData } from './pci.js';
import { formatLocalDateTime } from '../zoned-time.js';

export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}£${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}

export interface ReceiptContext {
  councilName: string;
  siteName: string;
  typeName: string;
  timeZone: string;
  /** When the payment was approved (UTC ISO). */
  at: string;
  footer: readonly string[];
  /** The terminal's own receipt lines (already masked by the terminal; masked again here). */
  terminalLines: readonly string[];
}

/** Text lines of the receipt; line 1 is the council name. */
export function receiptText(row: JournalRow, receiptNumber: string, context: ReceiptContext): string {
  const lines = [
    context.councilName,
    context.siteName,
    'PAYMENT RECEIPT',
    '',
    `Payment for: ${context.typeName}`,
    `Reference: ${row.reference}`,
    `Amount paid: ${formatPounds(row.amount_pence)}`,
    `Date: ${formatLocalDateTime(context.at, context.timeZone)}`,
    `Card: ${row.card_scheme ?? ''} ${row.last_four ? `**** ${row.last_four}` : ''}`.trimEnd(),
    `Auth code: ${row.auth_code ?? ''}`,
    `Kiosk: ${row.kiosk}`,
    `Receipt no: ${receiptNumber}`,
  ];
  if (context.terminalLines.length > 0) lines.push('', ...context.terminalLines.map(maskCardData));
  if (context.footer.length > 0) lines.push('', ...context.footer);
  return lines.join('\n');
}

export function toPrintout(text: string, duplicate = false): ReceiptPrintout {
  const lines: ReceiptLine[] = text.split('\n').map((line, index) => {
    if (index === 0) return { text: line, align: 'center', bold: true, size: 'large' };
    if (index <= 2) return { text: line, align: 'center', bold: index === 2 };
    if (line.startsWith('Amount paid:')) return { text: line, bold: true };
    return { text: line };
  });
  if (duplicate) lines.unshift({ text: '*** DUPLICATE RECEIPT ***', align: 'center', bold: true });
  return { lines };
}
