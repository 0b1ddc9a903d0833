/** The sign-in calls of the staff pages (console, reports, payments), which share one session. */
import { z } from 'zod';
import { LoginResponse } from '../../contract/queue';
import { ApiRequestError, request } from './api-client';

export async function logIn(username: string, password: string): Promise<LoginResponse> {
  const answer = await request('POST', '/api/auth/login', LoginResponse, { username, password });
  if (!answer) throw new ApiRequestError(500, 'empty-answer', 'The server gave no answer to the sign-in.');
  return answer;
}

/** Tells the server to forget the token. */
export const logOut = () => request('POST', '/api/auth/logout', z.unknown(), {});

/** Resolves while the token is good; a 401 (ApiRequestError) when it is not. */
export const checkSignedIn = () => request('GET', '/api/auth/me', z.unknown());
