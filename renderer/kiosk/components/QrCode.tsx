import { useMemo } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn as SVG (crisp at any text size, no canvas), with a text alternative: the address
 * it opens is also printed beside it by the caller.
 */
export function QrCode({ value, label, size = 220 }: { value: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { d, extent: modules.size + 8 };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      className="qr"
      width={size}
      height={size}
      viewBox={`0 0 ${path.extent} ${path.extent}`}
      shapeRendering="crispEdges"
    >
      <rect width="100%" height="100%" fill="#ffffff" />
      <path d={path.d} fill="#000000" />
    </svg>
  );
}
