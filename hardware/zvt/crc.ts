/**
 * ZVT serial CRC (ZVT spec, "Transport protocol"): CRC-CCITT, reflected polynomial 0x8408, initial
 * value 0x0000, over the unstuffed APDU plus the ETX byte; sent low byte first.
 */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    table[i] = crc;
  }
  return table;
})();

export function crcCcitt(bytes: Iterable<number>, initial = 0): number {
  let crc = initial;
  for (const b of bytes) crc = (crc >>> 8) ^ TABLE[(crc ^ b) & 0xff]!;
  return crc & 0xffff;
}
