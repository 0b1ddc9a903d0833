import { useEffect, type ReactNode } from 'react';
import { useSession } from './session';
import { SignIn } from './SignIn';

/**
 * The frame of every staff page: sets the page title, checks the stored session once on load, and
 * shows the sign-in form until someone is signed in.
 */
export function SignInGate({ title, children }: { title: string; children: ReactNode }) {
  const user = useSession((s) => s.user);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    void useSession.getState().verify();
  }, []);
  return user ? children : <SignIn heading={title} />;
}
