/**
 * The feedback and information part of the reports screen: satisfaction (Govmetric net score) with
 * its breakdowns — above all against the wait standard — the reasons given, and which information
 * pages residents opened. The reports page renders it under its own period choice.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackRating, FeedbackReport } from '../../../contract/feedback';
import type { InfoViewsReport } from '../../../contract/info';
import { describeError } from '../../shared/errors';
import { handleUnauthorised } from '../../shared/session';
import { fetchFeedbackReport, fetchInfoViews } from '../api';
import { downloadCsv, toCsv } from '../csv';
import { periodFileDate } from '../period';
import { FeedbackTable } from './FeedbackTable';
import { formatNetSatisfaction } from './format';

interface FeedbackSectionProps {
  from: Date;
  to: Date;
  /** Service id → display name (the reports page has the list). */
  serviceName?: (id: string) => string;
}

export function FeedbackSection({ from, to, serviceName = (id) => id }: FeedbackSectionProps) {
  const { t } = useTranslation(['reports-feedback', 'staff']);
  const id = useId();
  const [feedback, setFeedback] = useState<FeedbackReport | null>(null);
  const [views, setViews] = useState<InfoViewsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();

  useEffect(() => {
    let current = true;
    const period = { from: new Date(fromIso), to: new Date(toIso) };
    setError(null);
    Promise.all([fetchFeedbackReport(period), fetchInfoViews(period)]).then(
      ([feedbackAnswer, viewsAnswer]) => {
        if (!current) return;
        setFeedback(feedbackAnswer);
        setViews(viewsAnswer);
      },
      (caught: unknown) => {
        if (current && !handleUnauthorised(caught)) setError(describeError(caught, t));
      },
    );
    return () => {
      current = false;
    };
  }, [fromIso, toIso, t]);

  if (error) {
    return (
      <p className="notice notice-error" role="alert">
        {error}
      </p>
    );
  }
  if (!feedback || !views) return <p role="status">{t('loading')}</p>;

  const fileDate = periodFileDate({ from, to });
  const hourName = (key: string) => t('hourRange', { from: key, to: String((Number(key) + 1) % 24).padStart(2, '0') });
  const ratingName = (rating: FeedbackRating) => t(`ratings.${rating}`);

  function downloadReasons(rows: FeedbackReport['reasons']) {
    const header = [t('columns.reason'), t('columns.rating'), t('columns.count')];
    downloadCsv(
      `feedback-reasons_${fileDate}.csv`,
      toCsv([header, ...rows.map((r) => [r.label, ratingName(r.rating), r.count])]),
    );
  }

  return (
    <>
      <section className="headline" aria-labelledby={`${id}-satisfaction`}>
        <h2 id={`${id}-satisfaction`}>{t('satisfaction.title')}</h2>
        <p className="big-figure" data-testid="net-satisfaction">
          {formatNetSatisfaction(feedback.netSatisfaction)}
        </p>
        <p className="big-figure-caption">{t('satisfaction.caption')}</p>
        <dl className="figures">
          {(['good', 'average', 'poor', 'all'] as const).map((key) => (
            <div key={key}>
              <dt>{t(`columns.${key}`)}</dt>
              <dd data-testid={`feedback-${key}`}>{feedback[key]}</dd>
            </div>
          ))}
          <div>
            <dt>{t('satisfaction.notCounted')}</dt>
            <dd>{feedback.notCounted}</dd>
          </div>
        </dl>
      </section>

      {feedback.all === 0 ? (
        <p>{t('noFeedback')}</p>
      ) : (
        <>
          <section aria-labelledby={`${id}-wait`}>
            <h2 id={`${id}-wait`}>{t('byWaitTarget.title')}</h2>
            <p>{t('byWaitTarget.intro', { minutes: Math.round(feedback.waitTargetSeconds / 60) })}</p>
            <FeedbackTable
              caption={t('byWaitTarget.caption')}
              keyHeading={t('columns.waitTarget')}
              rows={feedback.byWaitTarget}
              label={(key) => t(`byWaitTarget.${key}`)}
              csvName={`feedback-by-wait-target_${fileDate}.csv`}
            />
          </section>

          <section aria-labelledby={`${id}-reasons`}>
            <h2 id={`${id}-reasons`}>{t('reasons.title')}</h2>
            <div className="breakdown">
              <table className="report-table">
                <caption>{t('reasons.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('columns.reason')}</th>
                    <th scope="col">{t('columns.rating')}</th>
                    <th scope="col">{t('columns.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {feedback.reasons.map((r) => (
                    <tr key={`${r.rating}-${r.reason}`}>
                      <th scope="row">{r.label}</th>
                      <td>{ratingName(r.rating)}</td>
                      <td>{r.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" className="button" onClick={() => downloadReasons(feedback.reasons)}>
                {t('downloadCsv', { table: t('reasons.caption') })}
              </button>
            </div>
          </section>

          {(
            [
              [
                'byTouchpoint',
                t('columns.touchpoint'),
                (key: string) => t(`touchpoints.${key}`, { defaultValue: key }),
              ],
              [
                'byService',
                t('columns.service'),
                (key: string) => (key === 'none' ? t('serviceUnknown') : serviceName(key)),
              ],
              ['byDay', t('columns.day'), (key: string) => key],
              ['byHour', t('columns.hour'), hourName],
            ] as const
          ).map(([breakdown, heading, label]) => (
            <section key={breakdown} aria-labelledby={`${id}-${breakdown}`}>
              <h2 id={`${id}-${breakdown}`}>{t(`${breakdown}.title`)}</h2>
              <FeedbackTable
                caption={t(`${breakdown}.caption`)}
                keyHeading={heading}
                rows={feedback[breakdown]}
                label={label}
                csvName={`feedback-${breakdown}_${fileDate}.csv`}
              />
            </section>
          ))}
        </>
      )}

      <section aria-labelledby={`${id}-views`}>
        <h2 id={`${id}-views`}>{t('views.title')}</h2>
        <p>{t('views.total', { count: views.total })}</p>
        {views.byPage.length > 0 && (
          <div className="breakdown">
            <table className="report-table">
              <caption>{t('views.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.page')}</th>
                  <th scope="col">{t('columns.views')}</th>
                </tr>
              </thead>
              <tbody>
                {views.byPage.map((p) => (
                  <tr key={p.key}>
                    <th scope="row">{p.title}</th>
                    <td>{p.views}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              className="button"
              onClick={() =>
                downloadCsv(
                  `information-views_${fileDate}.csv`,
                  toCsv([[t('columns.page'), t('columns.views')], ...views.byPage.map((p) => [p.title, p.views])]),
                )
              }
            >
              {t('downloadCsv', { table: t('views.caption') })}
            </button>
          </div>
        )}
      </section>
    </>
  );
}
