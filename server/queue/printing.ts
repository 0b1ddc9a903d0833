/** The printed ticket: what the dispenser is asked to print for a ticket, and the outcome. */
import type { SiteConfig } from '../../contract/config.js';
import type { PrintTicketResponse } from '../../contract/queue.js';
import type { KioskDevices, TicketPrintout } from '../../hardware/types.js';

export function ticketPrintout(
  config: SiteConfig,
  ticket: {
    id: string;
    number: string;
    service: string;
    issuedAt: string;
    /** Null for a ticket the kiosk issued while the hub was away: the ticket says the wait is unavailable. */
    position: number | null;
    estimatedWaitMinutes: number | null;
  },
  statusUrl: string | null,
): TicketPrintout {
  const service = config.services.find((s) => s.id === ticket.service);
  return {
    councilName: config.site.councilName,
    siteName: config.site.name,
    number: ticket.number,
    serviceName: service?.name ?? ticket.service,
    ...(service?.location ? { location: service.location } : {}),
    issuedAt: new Date(ticket.issuedAt),
    timeZone: config.site.timeZone,
    position: ticket.position,
    estimatedWaitMinutes: ticket.estimatedWaitMinutes,
    footerLines: ['Please wait to be called'],
    ...(statusUrl ? { qr: statusUrl } : {}),
  };
}

/** The QR's address for one ticket, or null when the site has no public status page. */
export function ticketStatusUrl(template: string | undefined, ticketId: string): string | null {
  return template ? template.replace('{ticket}', encodeURIComponent(ticketId)) : null;
}

/** Never throws: a printer fault is an answer the kiosk shows, not an error (the number is on screen). */
export async function printOn(devices: KioskDevices, printout: TicketPrintout): Promise<PrintTicketResponse> {
  const printer = devices.ticketPrinter;
  if (!printer) return { printed: false, reason: 'no-printer', detail: 'This kiosk has no ticket printer.' };
  try {
    return await printer.printTicket(printout);
  } catch (error) {
    return { printed: false, reason: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
}
