/** What the whole kiosk page knows once it starts: its URL parameters and this kiosk's offers. */
import { createContext, useContext } from 'react';
import type { FeedbackScreenConfig } from '../../contract/feedback';
import type { Offer } from './api';
import type { KioskParams } from './params';

export interface KioskSetup {
  params: KioskParams;
  offers: readonly Offer[];
  feedback: FeedbackScreenConfig;
}

export const KioskSetupContext = createContext<KioskSetup | null>(null);

export function useKioskSetup(): KioskSetup {
  const setup = useContext(KioskSetupContext);
  if (!setup) throw new Error('useKioskSetup outside <KioskSetupContext.Provider>');
  return setup;
}
