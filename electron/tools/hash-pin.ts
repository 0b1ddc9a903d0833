/**
 * Prints the "adminPinHash" for a shell config: `npx tsx electron/tools/hash-pin.ts 482913`
 * (or with no argument, reads the PIN from standard input so it stays out of shell history).
 * The PIN itself is never stored anywhere.
 */
import { createInterface } from 'node:readline/promises';
import { hashPin } from '../policy/admin-pin.js';

async function readPin(): Promise<string> {
  const fromArgs = process.argv[2];
  if (fromArgs) return fromArgs;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const pin = await prompt.question('Admin exit PIN (4–12 digits): ');
  prompt.close();
  return pin.trim();
}

const pin = await readPin();
if (!/^\d{4,12}$/.test(pin)) {
  console.error('The PIN must be 4 to 12 digits.');
  process.exit(1);
}
console.log(JSON.stringify({ adminPinHash: hashPin(pin) }));
