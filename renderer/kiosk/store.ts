/**
 * The visit: everything one resident has chosen or entered, in one zustand store. `resetVisit()`
 * forgets all of it (inactivity, "Finish", the end of a journey) and the kiosk is as the next
 * resident should find it: attract screen, default language, normal text and contrast.
 */
import { create } from 'zustand';
import type { KioskTicket } from '../../contract/agent';
import type { Service } from '../../contract/queue';
import { defaultLanguage } from '../shared/languages';
import { issueTicket, printTicket } from './api';

/** Where a feedback response came from, so it can be reported against the service and the wait. */
export interface FeedbackContext {
  service?: string;
  ticket?: string;
}

export type Screen =
  | { name: 'attract' }
  | { name: 'home' }
  | { name: 'language' }
  | { name: 'services' }
  | { name: 'ticket' }
  | { name: 'info-list' }
  | { name: 'info-page'; slug: string }
  | { name: 'feedback'; context: FeedbackContext }
  | { name: 'payment' };

export type TicketStage = 'issuing' | 'failed' | 'printing' | 'printed' | 'not-printed';

export interface VisitState {
  /** Goes up by one at every reset, so an answer that arrives after a reset is dropped. */
  visit: number;
  screen: Screen;
  language: string;
  largeText: boolean;
  highContrast: boolean;
  readAloud: boolean;
  needsAssistance: boolean;
  ticket: KioskTicket | null;
  ticketService: Service | null;
  ticketStage: TicketStage | null;
  go: (screen: Screen) => void;
  setLanguage: (code: string) => void;
  toggle: (setting: 'largeText' | 'highContrast' | 'readAloud') => void;
  setNeedsAssistance: (value: boolean) => void;
  takeTicket: (service: Service, kioskId: string) => Promise<void>;
  resetVisit: () => void;
}

const freshVisit = {
  screen: { name: 'attract' } as Screen,
  language: defaultLanguage,
  largeText: false,
  highContrast: false,
  readAloud: false,
  needsAssistance: false,
  ticket: null,
  ticketService: null,
  ticketStage: null,
};

export const useVisit = create<VisitState>()((set, get) => ({
  visit: 0,
  ...freshVisit,
  go: (screen) => set({ screen }),
  setLanguage: (language) => set({ language }),
  toggle: (setting) => set((state) => ({ [setting]: !state[setting] })),
  setNeedsAssistance: (needsAssistance) => set({ needsAssistance }),
  takeTicket: async (service, kioskId) => {
    const { visit, needsAssistance, ticketStage } = get();
    if (ticketStage === 'issuing' || ticketStage === 'printing') return; // a second tap while the first is in flight
    set({ screen: { name: 'ticket' }, ticketStage: 'issuing', ticket: null, ticketService: service });
    let ticket: KioskTicket;
    try {
      ticket = await issueTicket({ service: service.id, priority: needsAssistance, kiosk: kioskId });
    } catch {
      if (get().visit === visit) set({ ticketStage: 'failed' });
      return;
    }
    if (get().visit !== visit) return;
    set({ ticket, ticketStage: 'printing' });
    const printed = await printTicket(kioskId, ticket.id).then(
      (outcome) => outcome.printed,
      () => false,
    );
    if (get().visit === visit) set({ ticketStage: printed ? 'printed' : 'not-printed' });
  },
  resetVisit: () => set((state) => ({ ...freshVisit, visit: state.visit + 1 })),
}));
