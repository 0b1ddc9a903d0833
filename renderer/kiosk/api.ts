/** The kiosk's server calls, each checked against the contract. */
import { z } from 'zod';
import { ApiRequestError, must, request } from '../shared/api-client';
import { PrintTicketResponse, Service, type IssueTicketRequest } from '../../contract/queue';
import { AgentStatus, KioskTicket } from '../../contract/agent';
import { InfoPage, InfoPageList, PrintInfoResponse } from '../../contract/info';
import { FeedbackScreenConfig, SubmitFeedbackResponse, type SubmitFeedbackRequest } from '../../contract/feedback';
import { KioskConfig } from '../../contract/config';

const timeoutMs = 15_000;

export const fetchServices = () =>
  must(request('GET', '/api/services', z.array(Service), undefined, { timeoutMs }), 'services');

export type Offer = 'tickets' | 'payments' | 'information' | 'feedback';
const KioskSummary = KioskConfig.pick({ id: true, name: true, offers: true, timers: true });
export type KioskTimers = KioskConfig['timers'];

/** What a kiosk offers when the server cannot say: the site config's own defaults. */
const defaultOffers: readonly Offer[] = ['tickets', 'information', 'feedback'];
export const defaultTimers: KioskTimers = { idleSeconds: 60, countdownSeconds: 30, returnSeconds: 15 };

/** What this kiosk offers and its timers (`GET /api/kiosks/:kiosk`, from the site config's `kiosks[]`). */
export async function fetchKioskSummary(kioskId: string): Promise<{ offers: readonly Offer[]; timers: KioskTimers }> {
  try {
    const kiosk = await request('GET', `/api/kiosks/${encodeURIComponent(kioskId)}`, KioskSummary, undefined, {
      timeoutMs,
    });
    return { offers: kiosk?.offers ?? defaultOffers, timers: kiosk?.timers ?? defaultTimers };
  } catch {
    return { offers: defaultOffers, timers: defaultTimers };
  }
}

/** The hub's ticket, or (through the kiosk agent) one issued while the hub was away, with no estimate. */
export const issueTicket = (body: IssueTicketRequest) =>
  must(request('POST', '/api/tickets', KioskTicket, body, { timeoutMs }), 'ticket');

export const printTicket = (kioskId: string, ticketId: string) =>
  must(
    request(
      'POST',
      `/api/kiosks/${encodeURIComponent(kioskId)}/print-ticket`,
      PrintTicketResponse,
      { ticketId },
      { timeoutMs: 30_000 },
    ),
    'print',
  );

export const fetchInfoPages = (lang: string) =>
  must(
    request('GET', `/api/info/pages?${new URLSearchParams({ lang })}`, InfoPageList, undefined, { timeoutMs }),
    'pages',
  );

export const fetchInfoPage = (slug: string, lang: string) =>
  must(
    request(
      'GET',
      `/api/info/pages/${encodeURIComponent(slug)}?${new URLSearchParams({ lang })}`,
      InfoPage,
      undefined,
      { timeoutMs },
    ),
    'page',
  );

export const countInfoView = (slug: string, lang: string) =>
  request('POST', `/api/info/pages/${encodeURIComponent(slug)}/viewed`, z.unknown(), { lang }, { timeoutMs }).catch(
    () => null,
  );

export const printInfo = (kioskId: string, slug: string, lang: string) =>
  must(
    request(
      'POST',
      `/api/kiosks/${encodeURIComponent(kioskId)}/print-info`,
      PrintInfoResponse,
      { slug, lang },
      { timeoutMs: 30_000 },
    ),
    'print',
  );

export const fetchFeedbackConfig = () =>
  must(request('GET', '/api/feedback/config', FeedbackScreenConfig, undefined, { timeoutMs }), 'feedback config');

export const postFeedback = (body: SubmitFeedbackRequest) =>
  must(request('POST', '/api/feedback', SubmitFeedbackResponse, body, { timeoutMs }), 'feedback');

/** The kiosk agent's own state (`GET /api/agent/status`); null when the screen is served by a hub, not an agent. */
export const fetchAgentStatus = () =>
  request('GET', '/api/agent/status', AgentStatus, undefined, { timeoutMs: 5_000 }).catch((error: unknown) => {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  });

const ApplyConfigAnswer = z.object({ applying: z.boolean() });
/** Asks the agent to run the newer config it holds; the screen asks only from its attract screen. */
export const applyAgentConfig = () =>
  must(request('POST', '/api/agent/apply-config', ApplyConfigAnswer, {}, { timeoutMs: 5_000 }), 'apply config');
