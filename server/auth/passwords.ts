/** Staff passwords: Argon2id (the @node-rs/argon2 default algorithm) with its default cost (19 MiB, 2 passes). */
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A fixed Argon2id hash to verify against when the username is unknown, so an unknown user takes as
 * long to refuse as a wrong password (no user enumeration by timing).
 */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hash('decoy-password-never-valid'));
