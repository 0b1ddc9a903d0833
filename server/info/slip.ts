/**
 * The short slip an information page prints on the kiosk's receipt printer: title, key points, web
 * address, phone, and a QR code of the web address.
 *
 * The receipt printers print code page PC858 (hardware/escpos/layout.ts): Western European letters
 * only. Portuguese prints as written; Polish, Lithuanian and Romanian print with their accents taken
 * off (ą → a, ł → l, ș → s), still readable; Bengali, Chinese and Arabic cannot be printed as text
 * at all, so those slips are printed from the English page (the screen says so).
 */
import type { InfoLanguage, InfoPage } from '../../contract/info.js';
import type { ReceiptPrintout } from '../../hardware/types.js';

type PrintableLanguage = 'en' | 'pt' | 'pl' | 'lt' | 'ro';

const slipLabels: Record<PrintableLanguage, { online: string; phone: string; scan: string }> = {
  en: { online: 'Online', phone: 'Phone', scan: 'Scan to open the web page' },
  pt: { online: 'Online', phone: 'Telefone', scan: 'Leia o código para abrir a página' },
  pl: { online: 'Online', phone: 'Telefon', scan: 'Zeskanuj kod, aby otworzyć stronę' },
  lt: { online: 'Internete', phone: 'Telefonas', scan: 'Nuskaitykite kodą, kad atidarytumėte puslapį' },
  ro: { online: 'Online', phone: 'Telefon', scan: 'Scanați codul pentru a deschide pagina' },
};

const accentsFolded = new Set<InfoLanguage>(['pl', 'lt', 'ro']);

/** The language a slip for `lang` is printed in. */
export function slipLanguage(lang: InfoLanguage): PrintableLanguage {
  return lang in slipLabels ? (lang as PrintableLanguage) : 'en';
}

/** Letters PC858 lacks, spelt without their accents. */
export function foldAccents(text: string): string {
  return text
    .replace(/[łŁđĐ]/g, (c) => ({ ł: 'l', Ł: 'L', đ: 'd', Đ: 'D' })[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

export interface SlipHeader {
  councilName: string;
  siteName: string;
}

/** `page` must already be in `slipLanguage(requested)`. */
export function infoSlip(page: InfoPage, header: SlipHeader): ReceiptPrintout {
  const lang = slipLanguage(page.lang);
  const labels = slipLabels[lang];
  const text = accentsFolded.has(lang) ? foldAccents : (s: string) => s;
  const lines: ReceiptPrintout['lines'] = [
    { text: header.councilName, align: 'center', bold: true },
    { text: header.siteName, align: 'center' },
    { text: '' },
    { text: text(page.title), bold: true, size: 'large' },
    { text: text(page.summary) },
    { text: '' },
    ...page.keyPoints.map((point) => ({ text: `- ${text(point)}` })),
    { text: '' },
    // The address on a line of its own, so it breaks only when it is longer than the paper is wide.
    { text: `${text(labels.online)}:`, bold: true },
    { text: page.url },
  ];
  if (page.phone) lines.push({ text: `${text(labels.phone)}: ${page.phone}`, bold: true });
  lines.push({ text: '' }, { text: text(labels.scan), align: 'center' });
  return { lines, qr: page.url };
}
