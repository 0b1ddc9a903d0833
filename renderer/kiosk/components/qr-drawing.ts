import QRCode, { type BitMatrix } from 'qrcode';

/** A QR code as one SVG path of dark modules, inside a quiet zone of four modules each side. */
export interface QrDrawing {
  path: string;
  /** Modules per side, quiet zone included: the SVG's viewBox. */
  extent: number;
}

const quietZone = 4;

/**
 * The QR code for a web address, or null when none can hold it (more than 2,331 bytes at error
 * correction level M): the caller then shows the address as text only.
 */
export function qrDrawing(value: string): QrDrawing | null {
  let modules: BitMatrix;
  try {
    modules = QRCode.create(value, { errorCorrectionLevel: 'M' }).modules;
  } catch {
    return null;
  }
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) path += `M${col + quietZone} ${row + quietZone}h1v1h-1z`;
    }
  }
  return { path, extent: modules.size + 2 * quietZone };
}
