/**
 * PC858 (PC850 with '€' at 0xD5), bytes 0x80–0xFF, for decoding what a printer would print.
 * Written out here rather than taken from the encoder's tables so a wrong mapping in the encoder
 * shows up in the tests instead of being mirrored by the simulator.
 */
const UPPER =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' +
  'áíóúñÑªº¿®¬½¼¡«»' +
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' +
  'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' +
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' +
  '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

export function decodeCp858Byte(byte: number): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  return UPPER[byte - 0x80] ?? '?';
}

export const decodeCp858 = (bytes: Iterable<number>): string => Array.from(bytes, decodeCp858Byte).join('');

/** The other way, for simulators and tests: characters outside PC858 become '?'. */
export function encodeCp858(text: string): number[] {
  return Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    const index = UPPER.indexOf(ch);
    return index >= 0 ? 0x80 + index : 0x3f;
  });
}
