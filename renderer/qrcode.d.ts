// The part of the qrcode package the screens use. @types/qrcode references Node's types (for its file
// and stream functions), which would let Node modules type-check in browser code; tsconfig "paths" points here.
export type QRCodeErrorCorrectionLevel = 'low' | 'medium' | 'quartile' | 'high' | 'L' | 'M' | 'Q' | 'H';

export interface QRCodeCreateOptions {
  errorCorrectionLevel?: QRCodeErrorCorrectionLevel;
}

export interface BitMatrix {
  /** Modules per side. */
  size: number;
  /** 1 where the module is dark, 0 where it is light. */
  get(row: number, col: number): number;
}

export interface QRCode {
  modules: BitMatrix;
}

export function create(text: string, options?: QRCodeCreateOptions): QRCode;
