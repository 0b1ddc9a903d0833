import type { RawData } from 'ws';

/** A WebSocket message as text: ws hands every frame over as bytes, in one of three shapes. */
export function messageText(data: RawData): string {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  return bytes.toString('utf8');
}
