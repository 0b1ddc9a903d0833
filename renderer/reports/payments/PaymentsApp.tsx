/**
 * Card payments for staff and managers (/payments.html, linked from the reports page): the report by
 * type, day and kiosk with every outcome; the payments themselves; payments whose outcome is unknown,
 * to settle after checking the terminal; reprint a receipt by its number; the day's export file for
 * the income management system; and the terminal's end of day against the journal. Each section is in
 * sections/, and every request in api.ts.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInGate } from '../../shared/SignInGate';
import { useRequest } from '../../shared/useRequest';
import { ReportsHeader } from '../ReportsHeader';
import { fetchPeriod } from './api';
import { toDateInput } from '../period';
import { DailyExport } from './sections/DailyExport';
import { EndOfDay } from './sections/EndOfDay';
import { PaymentList } from './sections/PaymentList';
import { PeriodForm } from './sections/PeriodForm';
import { PeriodTotals } from './sections/PeriodTotals';
import { ReportTable } from './sections/ReportTable';
import { Reprint } from './sections/Reprint';
import { UnknownPayments } from './sections/UnknownPayments';

export function PaymentsApp() {
  const { t } = useTranslation('reports-payments');
  return (
    <SignInGate title={t('title')}>
      <Payments />
    </SignInGate>
  );
}

function Payments() {
  const { t } = useTranslation('reports-payments');
  const [from, setFrom] = useState(toDateInput(new Date()));
  const [to, setTo] = useState(toDateInput(new Date()));
  const period = useRequest(`${from}/${to}`, () => fetchPeriod(from, to));
  const report = period.data?.report ?? null;

  return (
    <div className="reports">
      <ReportsHeader title={t('title')} link={{ href: '/reports', label: t('backToReports') }} />
      <main>
        <PeriodForm from={from} to={to} onFrom={setFrom} onTo={setTo} onShow={period.reload} />
        {period.error ? (
          <p className="notice notice-error" role="alert">
            {period.error}
          </p>
        ) : null}
        {report ? (
          <>
            <PeriodTotals total={report.total} />
            <ReportTable title={t('byType')} keyHeading={t('columns.type')} rows={report.byType} />
            <ReportTable title={t('byDay')} keyHeading={t('columns.day')} rows={report.byDay} />
            <ReportTable title={t('byKiosk')} keyHeading={t('columns.kiosk')} rows={report.byKiosk} />
            <PaymentList payments={period.data?.payments ?? []} />
          </>
        ) : null}
        <UnknownPayments onSettled={period.reload} />
        <Reprint />
        <DailyExport />
        <EndOfDay kiosks={report?.byKiosk.map((row) => row.key) ?? []} onDone={period.reload} />
      </main>
    </div>
  );
}
