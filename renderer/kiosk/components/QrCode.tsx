import type { QrDrawing } from './qr-drawing';

/**
 * A QR code drawn as SVG (crisp at any text size, no canvas), with a text alternative: the address
 * it opens is also printed beside it by the caller. Make the drawing with `qrDrawing`.
 */
export function QrCode({ drawing, label, size = 220 }: { drawing: QrDrawing; label: string; size?: number }) {
  return (
    <svg
      role="img"
      aria-label={label}
      className="qr"
      width={size}
      height={size}
      viewBox={`0 0 ${drawing.extent} ${drawing.extent}`}
      shapeRendering="crispEdges"
    >
      <rect width="100%" height="100%" fill="#ffffff" />
      <path d={drawing.path} fill="#000000" />
    </svg>
  );
}
