/**
 * The staff session: the sign-in token lives in sessionStorage (gone when the tab closes, never in
 * localStorage) and is handed to the api-client. Shared by the staff console and the reports page.
 */
import { create } from 'zustand';
import { LoginResponse } from '../../contract/queue';
import { ApiRequestError, setAuthToken } from './api-client';
import { checkSignedIn, logIn, logOut } from './api';

const storageKey = 'staff-session';

export interface StaffUser {
  token: string;
  username: string;
  displayName: string;
}

/** Why the sign-in screen is showing, when it is not the first visit. */
export type SignedOutReason = 'expired' | 'signed-out' | null;

interface SessionState {
  user: StaffUser | null;
  signedOutReason: SignedOutReason;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: (reason?: Exclude<SignedOutReason, null>) => void;
  /** Asks the server whether the stored token is still good; a 401 signs out. */
  verify: () => Promise<void>;
}

function readStoredUser(): StaffUser | null {
  try {
    const parsed = LoginResponse.safeParse(JSON.parse(sessionStorage.getItem(storageKey) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const initialUser = readStoredUser();
setAuthToken(initialUser?.token ?? null);

export const useSession = create<SessionState>((set) => ({
  user: initialUser,
  signedOutReason: null,
  signIn: async (username, password) => {
    const answer = await logIn(username, password);
    sessionStorage.setItem(storageKey, JSON.stringify(answer));
    setAuthToken(answer.token);
    set({ user: answer, signedOutReason: null });
  },
  signOut: (reason = 'signed-out') => {
    // Tell the server to forget the token (best effort: an expired one is already gone).
    if (reason === 'signed-out') void logOut().catch(() => undefined);
    sessionStorage.removeItem(storageKey);
    setAuthToken(null);
    set({ user: null, signedOutReason: reason });
  },
  verify: async () => {
    if (!useSession.getState().user) return;
    try {
      await checkSignedIn();
    } catch (error) {
      handleUnauthorised(error);
    }
  },
}));

/** A 401 from any staff call means the token is no longer valid: back to the sign-in screen. */
function isUnauthorised(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

export function handleUnauthorised(error: unknown): boolean {
  if (!isUnauthorised(error)) return false;
  useSession.getState().signOut('expired');
  return true;
}
