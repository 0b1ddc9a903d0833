/** The staff console's server calls, each checked against the contract. A 401 rejects with ApiRequestError. */
import { z } from 'zod';
import { DeskStatus, QueueEntry, Service, Ticket, WaitStandardReport } from '../../contract/queue';
import { DeviceState } from '../../contract/devices';
import { request } from '../shared/api-client';

export const fetchServices = async (): Promise<Service[]> =>
  (await request('GET', '/api/services', z.array(Service))) ?? [];

/** Every desk, with the ticket it is serving (so a reload picks up where the desk was). */
export const fetchDesks = async (): Promise<DeskStatus[]> =>
  (await request('GET', '/api/desks', z.array(DeskStatus))) ?? [];

/** This desk's waiting tickets, in the order Call next will take them. */
export const fetchQueue = async (deskId: string): Promise<QueueEntry[]> =>
  (await request('GET', `/api/queue?${new URLSearchParams({ desk: deskId })}`, z.array(QueueEntry))) ?? [];

export const fetchDevices = async (): Promise<DeviceState[]> =>
  (await request('GET', '/api/devices', z.array(DeviceState))) ?? [];

/** Says a desk is staffed (open) or not: the kiosk's estimated wait divides the queue by the open desks. */
export const markDesk = (deskId: string, action: 'open' | 'close') =>
  request('POST', `/api/desks/${encodeURIComponent(deskId)}/${action}`, DeskStatus);

/** The next ticket for this desk; null when nobody is waiting. */
export const callNext = (deskId: string): Promise<Ticket | null> =>
  request('POST', `/api/desks/${encodeURIComponent(deskId)}/call-next`, Ticket, {});

export type TicketStep = { action: 'recall' | 'no-show' | 'complete' } | { action: 'transfer'; service: string };

/** The ticket as it is after the step; null when the server answers with no content. */
export function actOnTicket(ticketId: string, { action, ...body }: TicketStep): Promise<Ticket | null> {
  return request('POST', `/api/tickets/${encodeURIComponent(ticketId)}/${action}`, Ticket, body);
}

/** The site's wait standard in seconds, as the server applies it (so `--wait-target` shows here too). */
export async function fetchWaitTarget(): Promise<number | null> {
  // An empty one-second period: only its targetSeconds is wanted (the server refuses from = to).
  const to = new Date();
  const from = new Date(to.getTime() - 1000);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  const report = await request('GET', `/api/reports/wait-standard?${query}`, WaitStandardReport);
  return report?.targetSeconds ?? null;
}
