/**
 * The two secrets of enrolment. A code is 10 characters a technician types from a printout, from an
 * alphabet without look-alikes (no 0/O, 1/I/L, U), shown as two groups of five: about 49 bits, so it
 * is kept as an Argon2id hash and guesses are throttled. A credential is 32 random bytes that no one
 * types: its SHA-256 is enough to store it and lets the hub find the machine on every request.
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';
import { storedTokenHash } from '../auth/staff.js';

export const codeAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeLength = 10;

/** A new code, grouped for reading aloud: "7KQ3M-XR9TD". */
export function newEnrolmentCode(): string {
  const characters = Array.from({ length: codeLength }, () => codeAlphabet[randomInt(codeAlphabet.length)]);
  return `${characters.slice(0, 5).join('')}-${characters.slice(5).join('')}`;
}

/** What was typed, as the code is hashed: upper case, without spaces or hyphens. */
export const normaliseCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]+/g, '');

export const hashEnrolmentCode = (code: string): Promise<string> => hash(normaliseCode(code));

export async function enrolmentCodeMatches(storedHash: string, typed: string): Promise<boolean> {
  try {
    return await verify(storedHash, normaliseCode(typed));
  } catch {
    return false;
  }
}

export const newCredential = (): string => randomBytes(32).toString('base64url');

/** Stored like staff session tokens (base64url: no long digit runs for the card-number scan to mistake). */
export const hashCredential = storedTokenHash;
