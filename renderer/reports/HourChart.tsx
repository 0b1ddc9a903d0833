import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { WaitStandardBreakdown } from '../../contract/queue';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Tickets per hour of day, stacked: seen within the target, and not. The table beside it carries the same figures for screen readers. */
export function HourChart({ hours, summary }: { hours: WaitStandardBreakdown[]; summary: string }) {
  const { t } = useTranslation('reports');
  const data = {
    labels: hours.map((hour) => t('hourLabel', { hour: hour.key })),
    datasets: [
      { label: t('columns.withinTarget'), data: hours.map((h) => h.withinTarget), backgroundColor: '#1d5b2a', stack: 'tickets' },
      { label: t('columns.breaches'), data: hours.map((h) => h.breaches), backgroundColor: '#a4001d', stack: 'tickets' },
      { label: t('columns.left'), data: hours.map((h) => h.left), backgroundColor: '#6b6b6b', stack: 'tickets' },
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
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t('columns.tickets') } } },
          plugins: { legend: { position: 'bottom' } },
        }}
      />
    </div>
  );
}
