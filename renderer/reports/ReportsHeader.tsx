import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session';

/** The heading of a report page: its title, who is signed in, a link to the sibling page, sign out. */
export function ReportsHeader({ title, link }: { title: string; link: { href: string; label: string } }) {
  const { t } = useTranslation('staff');
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  return (
    <header className="page-header reports-header">
      <h1>{title}</h1>
      <p className="user">{t('signedInAs', { name: user?.displayName ?? '' })}</p>
      <a className="button small" href={link.href}>
        {link.label}
      </a>
      <button type="button" className="button small" onClick={() => signOut()}>
        {t('signOut')}
      </button>
    </header>
  );
}
