/** The information page's QR code, and the address too long for one (the page then shows only the text). */
import { describe, expect, it } from 'vitest';
import { qrDrawing } from '../../renderer/kiosk/components/qr-drawing';

const address = (length: number) => {
  const start = 'https://www.example.gov.uk/';
  return start + 'x'.repeat(length - start.length);
};

describe('qrDrawing', () => {
  it('draws a short address as a small code inside its quiet zone', () => {
    const drawing = qrDrawing('https://www.example.gov.uk/repairs');
    // Version 3 (29 modules a side) plus four light modules on each side.
    expect(drawing?.extent).toBe(37);
    expect(drawing?.path).toMatch(/^M4 4h1v1h-1z/); // the top-left finder pattern starts in the corner
  });

  it('draws the longest address a QR code holds at level M, and none longer', () => {
    expect(qrDrawing(address(2_331))?.extent).toBe(185); // version 40: 177 modules a side
    expect(qrDrawing(address(2_332))).toBeNull();
    expect(qrDrawing(address(4_000))).toBeNull();
  });
});
