import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';
import { describeError } from './errors';

/** Username and password → token. Used by the staff console and the reports page. */
export function SignIn({ heading }: { heading: string }) {
  const { t } = useTranslation('staff');
  const signIn = useSession((s) => s.signIn);
  const reason = useSession((s) => s.signedOutReason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      setError(describeError(caught, t));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>{heading}</h1>
      <form onSubmit={submit} aria-describedby={reason ? `${id}-reason` : undefined}>
        <h2>{t('signIn.title')}</h2>
        {reason === 'expired' && (
          <p id={`${id}-reason`} className="notice notice-info" role="status">
            {t('signIn.expired')}
          </p>
        )}
        <label htmlFor={`${id}-user`}>{t('signIn.username')}</label>
        <input
          id={`${id}-user`}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
