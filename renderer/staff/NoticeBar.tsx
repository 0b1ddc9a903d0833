import { useTranslation } from 'react-i18next';
import { useConsole } from './store';
import { describeError } from '../shared/errors';

export function NoticeBar() {
  const { t } = useTranslation('staff');
  const notice = useConsole((s) => s.notice);
  const dismiss = useConsole((s) => s.dismissNotice);
  return (
    <div className="notice-area" role={notice?.kind === 'error' ? 'alert' : 'status'}>
      {notice && (
        <p className={`notice notice-${notice.kind}`}>
          {notice.kind === 'error' ? describeError(notice.error, t) : t(notice.key, notice.values)}
          <button type="button" className="button small" onClick={dismiss}>
            {t('notices.dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}
