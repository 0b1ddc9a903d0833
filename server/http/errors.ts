/**
 * Every API error is `{ error: { code, message, field? } }` (contract/queue.ts ApiError).
 * Handlers throw HttpError; the server's error handler turns it into that body. Validation goes
 * through `parseInput`, so a bad field is named the same way everywhere and nothing is changed.
 */
import type { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) => new HttpError(404, 'not-found', `No ${what} with id "${id}".`);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

/** Parses request input against a schema; on failure a 400 that names the first field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unknown key is reported by zod at the object's path; name the key itself.
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = issue ? [...issue.path, ...(unknownKey === undefined ? [] : [unknownKey])] : [];
  const field = path.length > 0 ? path.join('.') : undefined;
  const message = !issue
    ? `The request ${where} is not valid.`
    : unknownKey !== undefined
      ? `"${field}" is not a field this request accepts.`
      : `${field ? `"${field}"` : `The request ${where}`}: ${issue.message}`;
  throw new HttpError(400, 'invalid-input', message, field);
}
