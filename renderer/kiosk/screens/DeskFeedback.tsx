import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { QueueEvent, type Ticket } from '../../../contract/queue';
import { subscribeToEvents } from '../../shared/api-client';
import { ScreenLayout } from '../components/ScreenLayout';
import { sendFeedback } from '../feedback-taps';
import { useKioskSetup } from '../setup';
import { Faces } from './FeedbackFlow';

const thanksMs = 4000;

/**
 * Desk-side mode (a tablet at the desk, `?mode=desk&desk=desk-1`): only the faces. The response is
 * tied to the ticket this desk completed last (from `ticket.completed` on the event stream); one response
 * per ticket, then general responses until the next ticket is completed.
 */
export function DeskFeedback() {
  const { t } = useTranslation('feedback');
  const { params, feedback } = useKioskSetup();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [thanking, setThanking] = useState(false);

  useEffect(() => {
    if (!params.deskId) return;
    return subscribeToEvents(z.unknown(), (message) => {
      const parsed = QueueEvent.safeParse(message);
      if (parsed.success && parsed.data.type === 'ticket.completed' && parsed.data.ticket.desk === params.deskId)
        setTicket(parsed.data.ticket);
    });
  }, [params.deskId]);

  useEffect(() => {
    if (!thanking) return;
    const timer = setTimeout(() => setThanking(false), thanksMs);
    return () => clearTimeout(timer);
  }, [thanking]);

  if (thanking) return <ScreenLayout title={t('thanks')} intro={t('thanksBody')} />;

  return (
    <ScreenLayout
      title={t('desk.title')}
      intro={ticket ? t('desk.forTicket', { number: ticket.number }) : t('desk.general')}
    >
      <Faces
        onRate={(rating) => {
          sendFeedback(
            {
              rating,
              touchpoint: 'desk',
              ...(params.deskId ? { desk: params.deskId } : {}),
              ...(ticket ? { ticket: ticket.id, service: ticket.service } : {}),
              at: new Date(),
            },
            feedback.debounceSeconds,
          );
          setTicket(null);
          setThanking(true);
        }}
      />
    </ScreenLayout>
  );
}
