/**
 * Card payments for staff and managers (/payments.html, linked from the reports page): the report by
 * type, day and kiosk with every outcome; the payments themselves; payments whose outcome is unknown,
 * to settle after checking the terminal; reprint a receipt by its number; the day's export file for
 * the income management system; and the terminal's end of day against the journal.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  Payment,
  PaymentsExport,
  PaymentsReport,
  Reconciliation,
  ReprintResponse,
  type ReportRow,
} from '../../../contract/payments';
import { request } from '../../shared/api-client';
import { describeError } from '../../shared/errors';
import { handleUnauthorised } from '../../shared/session';
import { SignInGate } from '../../shared/SignInGate';
import { ReportsHeader } from '../ReportsHeader';
import { downloadCsv } from '../csv';

const pounds = (pence: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);
const localToday = () =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export function PaymentsApp() {
  const { t } = useTranslation('reports-payments');
  return (
    <SignInGate title={t('title')}>
      <Payments />
    </SignInGate>
  );
}

function useFailure() {
  const { t } = useTranslation(['reports-payments', 'staff']);
  return useCallback((caught: unknown) => (handleUnauthorised(caught) ? null : describeError(caught, t)), [t]);
}

function Payments() {
  const { t } = useTranslation(['reports-payments', 'staff']);
  const id = useId();
  const failure = useFailure();
  const [from, setFrom] = useState(localToday());
  const [to, setTo] = useState(localToday());
  const [report, setReport] = useState<PaymentsReport | null>(null);
  const [list, setList] = useState<Payment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    setError(null);
    try {
      const query = `from=${from}&to=${to}`;
      const [answer, payments] = await Promise.all([
        request('GET', `/api/payments/report?${query}`, PaymentsReport),
        request('GET', `/api/payments?${query}&limit=500`, z.array(Payment)),
      ]);
      setReport(answer);
      setList(payments ?? []);
    } catch (caught) {
      setError(failure(caught));
    }
  }, [from, to, failure]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const refresh = () => setVersion((v) => v + 1);

  return (
    <div className="reports">
      <ReportsHeader title={t('title')} link={{ href: '/reports', label: t('backToReports') }} />
      <main>
        <form
          className="period"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            refresh();
          }}
        >
          <div className="custom-range">
            <label htmlFor={`${id}-from`}>{t('from')}</label>
            <input id={`${id}-from`} type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
            <label htmlFor={`${id}-to`}>{t('to')}</label>
            <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
            <button type="submit" className="button primary">
              {t('show')}
            </button>
          </div>
        </form>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        {report ? (
          <>
            <section aria-labelledby={`${id}-total`}>
              <h2 id={`${id}-total`}>{t('total.title')}</h2>
              <dl className="figures">
                <div>
                  <dt>{t('columns.approvedPence')}</dt>
                  <dd data-testid="approved-total">{pounds(report.total.approvedPence)}</dd>
                </div>
                <div>
                  <dt>{t('columns.approvedCount')}</dt>
                  <dd data-testid="approved-count">{report.total.approvedCount}</dd>
                </div>
                <div>
                  <dt>{t('columns.declined')}</dt>
                  <dd>{report.total.declined}</dd>
                </div>
                <div>
                  <dt>{t('columns.cancelled')}</dt>
                  <dd>{report.total.cancelled}</dd>
                </div>
                <div>
                  <dt>{t('columns.unknown')}</dt>
                  <dd data-testid="unknown-count">{report.total.unknown}</dd>
                </div>
              </dl>
            </section>
            <ReportTable title={t('byType')} keyHeading={t('columns.type')} rows={report.byType} />
            <ReportTable title={t('byDay')} keyHeading={t('columns.day')} rows={report.byDay} />
            <ReportTable title={t('byKiosk')} keyHeading={t('columns.kiosk')} rows={report.byKiosk} />
            <PaymentList payments={list} />
          </>
        ) : null}
        <Unknowns onChange={refresh} />
        <Reprint />
        <DailyExport />
        <EndOfDay kiosks={report?.byKiosk.map((r) => r.key) ?? []} onChange={refresh} />
      </main>
    </div>
  );
}

function ReportTable({ title, keyHeading, rows }: { title: string; keyHeading: string; rows: ReportRow[] }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{keyHeading}</th>
              <th scope="col">{t('columns.approvedCount')}</th>
              <th scope="col">{t('columns.approvedPence')}</th>
              <th scope="col">{t('columns.declined')}</th>
              <th scope="col">{t('columns.cancelled')}</th>
              <th scope="col">{t('columns.unknown')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.key}</th>
                <td>{row.approvedCount}</td>
                <td>{pounds(row.approvedPence)}</td>
                <td>{row.declined}</td>
                <td>{row.cancelled}</td>
                <td>{row.unknown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PaymentList({ payments }: { payments: Payment[] }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('list.title')}</h2>
      {payments.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('columns.time')}</th>
              <th scope="col">{t('columns.kiosk')}</th>
              <th scope="col">{t('columns.type')}</th>
              <th scope="col">{t('columns.reference')}</th>
              <th scope="col">{t('columns.amount')}</th>
              <th scope="col">{t('columns.outcome')}</th>
              <th scope="col">{t('columns.receipt')}</th>
              <th scope="col">{t('columns.card')}</th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <tr key={p.id}>
                <td>{new Date(p.createdAt).toLocaleString('en-GB')}</td>
                <td>{p.kiosk}</td>
                <td>{p.type}</td>
                <td>{p.reference}</td>
                <td>{pounds(p.amountPence)}</td>
                <td>{t(`outcome.${p.outcome}`)}</td>
                <td>{p.receiptNumber ?? '–'}</td>
                <td>{p.cardScheme ? `${p.cardScheme} ${p.lastFour ?? ''}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Unknowns({ onChange }: { onChange: () => void }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const failure = useFailure();
  const [rows, setRows] = useState<Payment[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => {
    request('GET', '/api/payments/journal?state=unknown', z.array(Payment)).then(
      (answer) => setRows(answer ?? []),
      (caught: unknown) => setMessage(failure(caught)),
    );
  }, [failure]);
  useEffect(load, [load]);

  const settle = async (
    payment: Payment,
    outcome: 'approved' | 'declined',
    note: string,
    authCode: string,
    cardScheme: string,
  ) => {
    setMessage(null);
    try {
      await request('POST', `/api/payments/${payment.id}/resolve`, Payment, {
        outcome,
        note,
        ...(outcome === 'approved' && authCode ? { authCode } : {}),
        ...(outcome === 'approved' && cardScheme ? { cardScheme } : {}),
      });
      setMessage(t('unknown.settled'));
      load();
      onChange();
    } catch (caught) {
      setMessage(failure(caught));
    }
  };

  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('unknown.title')}</h2>
      <p>{t('unknown.intro')}</p>
      <div role="status">{message}</div>
      {rows === null ? null : rows.length === 0 ? (
        <p>{t('unknown.none')}</p>
      ) : (
        <ul className="unknown-payments">
          {rows.map((payment) => (
            <SettleForm key={payment.id} payment={payment} onSettle={settle} />
          ))}
        </ul>
      )}
    </section>
  );
}

type Settle = (
  p: Payment,
  outcome: 'approved' | 'declined',
  note: string,
  authCode: string,
  cardScheme: string,
) => Promise<void>;

function SettleForm({ payment, onSettle }: { payment: Payment; onSettle: Settle }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const [outcome, setOutcome] = useState<'approved' | 'declined'>('declined');
  const [note, setNote] = useState('');
  const [authCode, setAuthCode] = useState('');
  const [cardScheme, setCardScheme] = useState('');
  return (
    <li>
      <p>
        <strong>{pounds(payment.amountPence)}</strong> · {payment.kiosk} · {payment.type} · {payment.reference} ·{' '}
        {new Date(payment.createdAt).toLocaleString('en-GB')} · <code>{payment.id.slice(0, 8).toUpperCase()}</code>
      </p>
      <p>{payment.message}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void onSettle(payment, outcome, note, authCode, cardScheme);
        }}
      >
        <fieldset>
          <legend>{t('unknown.terminalSays')}</legend>
          {(['approved', 'declined'] as const).map((value) => (
            <label key={value} className="period-option">
              <input
                type="radio"
                name={`${id}-outcome`}
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              {t(`unknown.${value}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-note`}>{t('unknown.note')}</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} required minLength={3} />
        {outcome === 'approved' ? (
          <>
            <label htmlFor={`${id}-auth`}>{t('unknown.authCode')}</label>
            <input id={`${id}-auth`} value={authCode} onChange={(e) => setAuthCode(e.target.value)} />
            <label htmlFor={`${id}-scheme`}>{t('unknown.cardScheme')}</label>
            <input
              id={`${id}-scheme`}
              value={cardScheme}
              onChange={(e) => setCardScheme(e.target.value)}
              placeholder="VISA"
            />
          </>
        ) : null}
        <button type="submit" className="button primary">
          {t('unknown.settle')}
        </button>
      </form>
    </li>
  );
}

function Reprint() {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const failure = useFailure();
  const [number, setNumber] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const answer = await request(
        'POST',
        `/api/payments/receipts/${encodeURIComponent(number.trim())}/reprint`,
        ReprintResponse,
        {},
      );
      setMessage(answer?.printed ? t('reprint.printed') : t('reprint.failed', { detail: answer?.detail ?? '' }));
    } catch (caught) {
      setMessage(failure(caught));
    }
  };
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('reprint.title')}</h2>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${id}-number`}>{t('reprint.number')}</label>
        <input
          id={`${id}-number`}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="kiosk-1-000042"
          required
        />
        <button type="submit" className="button primary">
          {t('reprint.submit')}
        </button>
      </form>
      <div role="status">{message}</div>
    </section>
  );
}

function DailyExport() {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const failure = useFailure();
  const [date, setDate] = useState(localToday());
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const answer = await request('GET', `/api/payments/export.json?date=${date}`, PaymentsExport);
      if (!answer) return;
      downloadCsv(answer.filename, answer.csv);
      setMessage(t('export.done', { count: answer.count, total: pounds(answer.totalPence), file: answer.filename }));
    } catch (caught) {
      setMessage(failure(caught));
    }
  };
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('export.title')}</h2>
      <p>{t('export.intro')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${id}-date`}>{t('export.date')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        <button type="submit" className="button primary">
          {t('export.submit')}
        </button>
      </form>
      <div role="status">{message}</div>
    </section>
  );
}

function EndOfDay({ kiosks, onChange }: { kiosks: string[]; onChange: () => void }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const failure = useFailure();
  const [kiosk, setKiosk] = useState('');
  const [result, setResult] = useState<Reconciliation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setResult(null);
    try {
      setResult(await request('POST', '/api/payments/reconcile', Reconciliation, { kiosk: kiosk.trim() }));
      onChange();
    } catch (caught) {
      setMessage(failure(caught));
    }
  };
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('eod.title')}</h2>
      <p>{t('eod.intro')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${id}-kiosk`}>{t('eod.kiosk')}</label>
        <input
          id={`${id}-kiosk`}
          list={`${id}-kiosks`}
          value={kiosk}
          onChange={(e) => setKiosk(e.target.value)}
          required
        />
        <datalist id={`${id}-kiosks`}>
          {kiosks.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
        <button type="submit" className="button primary">
          {t('eod.submit')}
        </button>
      </form>
      <div role="status">{message}</div>
      {result ? (
        <div className={`notice ${result.matched ? 'notice-success' : 'notice-error'}`} data-testid="reconciliation">
          <p>
            <strong>
              {result.matched ? t('eod.matched') : t('eod.differences', { count: result.differences.length })}
            </strong>
          </p>
          <p>
            {t('eod.totals', {
              terminalCount: result.terminal.count,
              terminalTotal: pounds(result.terminal.totalPence),
              journalCount: result.journal.count,
              journalTotal: pounds(result.journal.totalPence),
            })}
          </p>
          {result.differences.length > 0 ? (
            <ul>
              {result.differences.map((difference, index) => (
                <li key={index}>{difference.detail}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
