import type { KioskTicket } from '../../../contract/agent';

/** The translator the ticket facts need (`t` of useTranslation; the keys name their namespace). */
export type KioskTranslate = (key: string, options?: { count: number }) => string;

export interface TicketFacts {
  /** "About 6 minutes", "You should be called very soon", or "Estimated wait unavailable". */
  wait: string;
  /** "2 people are ahead of you" / "You are next"; null when nobody can say (a ticket issued offline). */
  queue: string | null;
}

/**
 * What the ticket screen shows, and Read aloud says, about the wait. A ticket the kiosk issued while
 * the hub was away has no position or estimate: it says the wait is unavailable rather than show
 * a number no one can stand behind (never "0 people ahead", never "very soon").
 */
export function ticketFacts(
  ticket: Pick<KioskTicket, 'position' | 'estimatedWaitMinutes'>,
  t: KioskTranslate,
): TicketFacts {
  const { position, estimatedWaitMinutes: minutes } = ticket;
  // Either one unknown: no wait is promised (a known place in the queue is still shown).
  const wait =
    position === null || minutes === null
      ? t('kiosk:ticket.waitUnavailable')
      : minutes > 0
        ? t('kiosk:ticket.wait', { count: minutes })
        : t('kiosk:ticket.waitSoon');
  if (position === null) return { wait, queue: null };
  const ahead = position - 1;
  return { wait, queue: ahead > 0 ? t('kiosk:ticket.ahead', { count: ahead }) : t('kiosk:ticket.next') };
}
