import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { WaitStandardBreakdown } from '../../contract/queue';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Every hour from the office day (08–17) or the first/last hour with tickets, so the chart shows the day's shape. */
function hoursOfDay(present: WaitStandardBreakdown[]): WaitStandardBreakdown[] {
  const numbers = present.map((hour) => Number(hour.key));
  const first = Math.min(8, ...numbers);
  const last = Math.max(17, ...numbers);
  const out: WaitStandardBreakdown[] = [];
  for (let h = first; h <= last; h++) {
    const key = String(h).padStart(2, '0');
    out.push(
      present.find((hour) => hour.key === key) ?? {
        key,
        tickets: 0,
        withinTarget: 0,
        breaches: 0,
        left: 0,
        pending: 0,
        percentWithinTarget: null,
        medianWaitSeconds: null,
        p90WaitSeconds: null,
        longestWaitSeconds: null,
      },
    );
  }
  return out;
}

/** Tickets per hour of day, stacked: seen within the target, and not. The table beside it carries the same figures for screen readers. */
export function HourChart({ hours: present, summary }: { hours: WaitStandardBreakdown[]; summary: string }) {
  const { t } = useTranslation('reports');
  const hours = hoursOfDay(present);
  const data = {
    labels: hours.map((hour) => t('hourLabel', { hour: hour.key })),
    datasets: [
      {
        label: t('columns.withinTarget'),
        data: hours.map((h) => h.withinTarget),
        backgroundColor: '#1d5b2a',
        stack: 'tickets',
      },
      {
        label: t('columns.breaches'),
        data: hours.map((h) => h.breaches),
        backgroundColor: '#a4001d',
        stack: 'tickets',
      },
      { label: t('columns.left'), data: hours.map((h) => h.left), backgroundColor: '#6b6b6b', stack: 'tickets' },
      { label: t('columns.pending'), data: hours.map((h) => h.pending), backgroundColor: '#7aa7d6', stack: 'tickets' },
    ],
  };
  return (
    <div className="chart">
      <Bar
        role="img"
        aria-label={summary}
        data={data}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          datasets: { bar: { maxBarThickness: 48 } },
          scales: {
            x: { stacked: true },
            y: {
              stacked: true,
              beginAtZero: true,
              ticks: { precision: 0 },
              title: { display: true, text: t('columns.tickets') },
            },
          },
          plugins: { legend: { position: 'bottom' } },
        }}
      />
    </div>
  );
}
