import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import { AutoReturn } from '../components/AutoReturn';
import { useKioskSetup } from '../setup';
import { useVisit } from '../store';
import { useServiceName } from './serviceName';
import { ticketFacts } from './ticketFacts';

/** "Your ticket is H014, about 6 minutes" (or "estimated wait unavailable"), then the printing outcome. */
export function TicketScreen() {
  const { t } = useTranslation('kiosk');
  const serviceName = useServiceName();
  const { params, offers } = useKioskSetup();
  const { ticket, ticketService, ticketStage, needsAssistance, go, resetVisit } = useVisit();

  if (ticketStage === 'issuing' || ticketStage === null) {
    return (
      <ScreenLayout title={t('ticket.issuing')}>
        <p role="status" className="visually-hidden">
          {t('ticket.issuing')}
        </p>
      </ScreenLayout>
    );
  }
  if (ticketStage === 'failed' || !ticket) {
    return (
      <ScreenLayout title={t('ticket.failed')}>
        <button type="button" className="button" onClick={resetVisit}>
          {t('ticket.finish')}
        </button>
      </ScreenLayout>
    );
  }

  const service = serviceName(ticketService ?? { id: ticket.service, name: ticket.service });
  const { wait, queue } = ticketFacts(ticket, t);
  const printStatus = {
    printing: t('ticket.printing'),
    printed: t('ticket.takeTicket'),
    'not-printed': t('ticket.printerFailed', { number: ticket.number }),
  }[ticketStage];
  const title = t('ticket.title', { number: ticket.number });

  return (
    <ScreenLayout
      titleText={title}
      title={
        <>
          {t('ticket.title', { number: '\u0000' }).split('\u0000')[0]}
          <bdi dir="ltr" className="ticket-number">
            {ticket.number}
          </bdi>
          {t('ticket.title', { number: '\u0000' }).split('\u0000')[1]}
        </>
      }
      summary={[t('ticket.forService', { service }), wait, ...(queue ? [queue] : []), printStatus].join('. ')}
    >
      <ul className="ticket-facts">
        <li>{t('ticket.forService', { service })}</li>
        <li className="ticket-wait">{wait}</li>
        {queue ? <li>{queue}</li> : null}
      </ul>
      {needsAssistance ? <p>{t('ticket.assistanceNoted')}</p> : null}
      <div role="status" className={`notice ${ticketStage === 'not-printed' ? 'notice--error' : 'notice--success'}`}>
        <p className="print-status">{printStatus}</p>
      </div>
      <p>{t('ticket.whenCalled')}</p>
      <div className="actions">
        {offers.includes('feedback') ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => go({ name: 'feedback', context: { service: ticket.service, ticket: ticket.id } })}
          >
            {t('feedback:offer')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={resetVisit}>
          {t('ticket.finish')}
        </button>
      </div>
      {/* The number is on paper: the screen can clear itself. When printing failed it stays until inactivity. */}
      {ticketStage === 'printed' ? <AutoReturn seconds={params.returnSeconds} onExpire={resetVisit} /> : null}
    </ScreenLayout>
  );
}
