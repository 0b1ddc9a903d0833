import type { TFunction } from 'i18next';
import { ApiRequestError } from './api-client';

/**
 * A sentence a member of staff can act on. The server's own message already says what is wrong
 * in plain words (e.g. "Ticket H014 is not waiting"); anything else is a connection problem.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError) return error.message;
  if (isUnreachable(error)) return t('staff:errors.unreachable');
  return t('staff:errors.unexpected');
}

/** The request never reached the server (fetch rejects with a TypeError): not the server's refusal. */
export const isUnreachable = (error: unknown): boolean => error instanceof TypeError;
