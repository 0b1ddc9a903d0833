/** Clean-up and waiting helpers shared by the device tests. */
import { afterEach } from 'vitest';

export type Cleanups = Array<() => Promise<void>>;

/** Registers an afterEach that runs, newest first, every clean-up pushed during the test. */
export function cleanUpAfterEach(): Cleanups {
  const cleanups: Cleanups = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
