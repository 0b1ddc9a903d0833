import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service, WaitStandardReport } from '../../contract/queue';
import { handleUnauthorised } from '../shared/session';
import { SignInGate } from '../shared/SignInGate';
import { ReportsHeader } from './ReportsHeader';
import { describeError } from '../shared/errors';
import { formatDuration } from '../shared/waitLevel';
import { periodFileDate, periodFor, toDateInput, type Period, type PeriodKind } from './period';
import { fetchServices, fetchWaitStandard } from './api';
import { BreakdownTable, formatPercent } from './BreakdownTable';
import { HourChart } from './HourChart';
import { FeedbackSection } from './feedback/FeedbackSection';

export function ReportsApp() {
  const { t } = useTranslation('reports');
  return (
    <SignInGate title={t('title')}>
      <Reports />
    </SignInGate>
  );
}

function Reports() {
  const { t } = useTranslation(['reports', 'staff']);
  const id = useId();
  const today = toDateInput(new Date());
  const [kind, setKind] = useState<PeriodKind>('today');
  const [customFrom, setCustomFrom] = useState(today);
  const [customTo, setCustomTo] = useState(today);
  const [report, setReport] = useState<WaitStandardReport | null>(null);
  const [shownPeriod, setShownPeriod] = useState<Period | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (periodKind: PeriodKind, from: string, to: string) => {
      const period = periodFor(periodKind, new Date(), from, to);
      if (!period) {
        setError(t('customInvalid'));
        return;
      }
      setLoading(true);
      setError(null);
      try {
        const [answer, serviceList] = await Promise.all([fetchWaitStandard(period), fetchServices()]);
        setReport(answer);
        setShownPeriod(period);
        setServices(serviceList);
      } catch (caught) {
        if (!handleUnauthorised(caught)) setError(describeError(caught, t));
      } finally {
        setLoading(false);
      }
    },
    [t],
  );

  useEffect(() => {
    if (kind !== 'custom') void load(kind, '', '');
  }, [kind, load]);

  function showCustom(event: FormEvent) {
    event.preventDefault();
    void load('custom', customFrom, customTo);
  }

  const serviceName = (key: string) => services.find((service) => service.id === key)?.name ?? key;
  const hourName = (key: string) => t('hourRange', { from: key, to: String((Number(key) + 1) % 24).padStart(2, '0') });
  const fileDate = shownPeriod ? periodFileDate(shownPeriod) : today;
  const duration = (seconds: number | null) => (seconds === null ? '–' : formatDuration(seconds));

  return (
    <div className="reports">
      <ReportsHeader title={t('title')} link={{ href: '/payments.html', label: t('paymentsLink') }} />
      <main>
        <form className="period" onSubmit={showCustom} aria-labelledby={`${id}-period`}>
          <fieldset>
            <legend id={`${id}-period`}>{t('period.label')}</legend>
            {(['today', 'week', 'custom'] as const).map((option) => (
              <label key={option} className="period-option">
                <input
                  type="radio"
                  name="period"
                  value={option}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                {t(`period.${option}`)}
              </label>
            ))}
          </fieldset>
          {kind === 'custom' && (
            <div className="custom-range">
              <label htmlFor={`${id}-from`}>{t('period.from')}</label>
              <input
                id={`${id}-from`}
                type="date"
                value={customFrom}
                max={customTo}
                onChange={(e) => setCustomFrom(e.target.value)}
              />
              <label htmlFor={`${id}-to`}>{t('period.to')}</label>
              <input
                id={`${id}-to`}
                type="date"
                value={customTo}
                min={customFrom}
                onChange={(e) => setCustomTo(e.target.value)}
              />
              <button type="submit" className="button primary">
                {t('period.show')}
              </button>
            </div>
          )}
        </form>

        <div role="status" className="load-state">
          {loading ? t('loading') : ''}
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}

        {report && (
          <>
            <section className="headline" aria-labelledby={`${id}-headline`}>
              <h2 id={`${id}-headline`}>{t('headline.title', { target: formatDuration(report.targetSeconds) })}</h2>
              <p className="big-figure" data-testid="percent-within-target">
                {formatPercent(report.percentWithinTarget)}
              </p>
              <p className="big-figure-caption">
                {t('headline.caption', { within: report.withinTarget, count: report.withinTarget + report.breaches })}
              </p>
              <dl className="figures">
                <div>
                  <dt>{t('columns.tickets')}</dt>
                  <dd data-testid="tickets">{report.tickets}</dd>
                </div>
                <div>
                  <dt>{t('columns.medianWaitSeconds')}</dt>
                  <dd>{duration(report.medianWaitSeconds)}</dd>
                </div>
                <div>
                  <dt>{t('columns.p90WaitSeconds')}</dt>
                  <dd>{duration(report.p90WaitSeconds)}</dd>
                </div>
                <div>
                  <dt>{t('columns.longestWaitSeconds')}</dt>
                  <dd>{duration(report.longestWaitSeconds)}</dd>
                </div>
                <div>
                  <dt>{t('columns.left')}</dt>
                  <dd>{report.left}</dd>
                </div>
                <div>
                  <dt>{t('columns.pending')}</dt>
                  <dd>{report.pending}</dd>
                </div>
              </dl>
            </section>

            <section aria-labelledby={`${id}-by-service`}>
              <h2 id={`${id}-by-service`}>{t('byService.title')}</h2>
              {report.byService.length === 0 ? (
                <p>{t('noTickets')}</p>
              ) : (
                <BreakdownTable
                  id={`${id}-service-table`}
                  caption={t('byService.caption')}
                  keyHeading={t('columns.service')}
                  rows={report.byService}
                  label={serviceName}
                  csvName={`wait-standard-by-service_${fileDate}.csv`}
                />
              )}
            </section>

            <section aria-labelledby={`${id}-by-hour`}>
              <h2 id={`${id}-by-hour`}>{t('byHour.title')}</h2>
              {report.byHour.length === 0 ? (
                <p>{t('noTickets')}</p>
              ) : (
                <>
                  <HourChart hours={report.byHour} summary={t('byHour.chartSummary')} />
                  <BreakdownTable
                    id={`${id}-hour-table`}
                    caption={t('byHour.caption')}
                    keyHeading={t('columns.hour')}
                    rows={report.byHour}
                    label={hourName}
                    csvName={`wait-standard-by-hour_${fileDate}.csv`}
                  />
                </>
              )}
            </section>
          </>
        )}
        {shownPeriod && <FeedbackSection from={shownPeriod.from} to={shownPeriod.to} serviceName={serviceName} />}
      </main>
    </div>
  );
}
