/**
 * The resident's kiosk page (/kiosk). Reads its URL, loads this kiosk's offers and the feedback
 * reasons, starts i18next, and keeps <html> in step with the visit (language, text size, contrast).
 */
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { defaultFeedbackReasons, type FeedbackScreenConfig } from '../../contract/feedback';
import { changeLanguage, initI18n } from '../shared/i18n';
import { findLanguage } from '../shared/languages';
import '../shared/base.css';
import './kiosk.css';
import { ErrorBoundary } from '../shared/ErrorBoundary';
import { App } from './App';
import { CrashScreen } from './components/CrashScreen';
import { fetchFeedbackConfig, fetchKioskSummary } from './api';
import { startFeedbackOutbox } from './feedback-outbox';
import { readParams } from './params';
import { KioskSetupContext, type KioskSetup } from './setup';
import { silence } from './speech';
import { useVisit } from './store';

const fallbackFeedback: FeedbackScreenConfig = { reasons: structuredClone(defaultFeedbackReasons), debounceSeconds: 5 };

function applyModes(largeText: boolean, highContrast: boolean): void {
  const root = document.documentElement;
  if (largeText) root.dataset.text = 'large';
  else delete root.dataset.text;
  if (highContrast) root.dataset.contrast = 'high';
  else delete root.dataset.contrast;
}

async function start(): Promise<void> {
  const fromUrl = readParams();
  const [{ offers, timers }, feedback] = await Promise.all([
    fetchKioskSummary(fromUrl.kioskId),
    fetchFeedbackConfig().catch(() => fallbackFeedback),
    initI18n({ namespaces: ['kiosk', 'common', 'feedback', 'info', 'payment'], language: fromUrl.language }),
  ]);
  const params = readParams(location.search, timers);
  const startLanguage = findLanguage(params.language)?.code;
  if (startLanguage) useVisit.getState().setLanguage(startLanguage);

  useVisit.subscribe((state, previous) => {
    if (state.language !== previous.language) void changeLanguage(state.language);
    if (state.largeText !== previous.largeText || state.highContrast !== previous.highContrast)
      applyModes(state.largeText, state.highContrast);
    if (state.visit !== previous.visit || (previous.readAloud && !state.readAloud)) silence();
  });

  startFeedbackOutbox();
  const setup: KioskSetup = { params, offers, feedback };
  const container = document.getElementById('root');
  if (!container) throw new Error('kiosk.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <KioskSetupContext.Provider value={setup}>
        <ErrorBoundary fallback={<CrashScreen />}>
          <App />
        </ErrorBoundary>
      </KioskSetupContext.Provider>
    </StrictMode>,
  );
}

void start();
