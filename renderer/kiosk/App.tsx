import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultLanguage } from '../shared/languages';
import { DisplaySettings } from './components/DisplaySettings';
import { IdleDialog } from './components/IdleDialog';
import { speak } from './speech';
import { useKioskSetup } from './setup';
import { useVisit, type Screen } from './store';
import { useInactivity } from './useInactivity';
import { Attract } from './screens/Attract';
import { Home } from './screens/Home';
import { Language } from './screens/Language';
import { ChooseService } from './screens/ChooseService';
import { TicketScreen } from './screens/TicketScreen';
import { InfoList } from './screens/InfoList';
import { InfoPage } from './screens/InfoPage';
import { FeedbackFlow } from './screens/FeedbackFlow';
import { DeskFeedback } from './screens/DeskFeedback';
import { FacilitiesCorner, FacilitiesDialog } from './facilities/FacilitiesCorner';
import { shellBridge } from './facilities/shell-bridge';

// Loaded when a resident first touches "Pay a bill", so the attract screen's first load stays small.
const PaymentJourney = lazy(() => import('./payment/PaymentJourney').then((m) => ({ default: m.PaymentJourney })));

/** The accessible name of a focused control, for Read aloud. */
function nameOf(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
  const label =
    element.getAttribute('aria-label') ??
    (element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null);
  if (label) return label;
  // Its text without decorative parts (icons marked aria-hidden), as a screen reader would say it.
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').trim();
}

/** On or off, for a toggle or a checkbox; nothing for a plain button. */
function stateOf(element: Element): boolean | null {
  const pressed = element.getAttribute('aria-pressed');
  if (pressed !== null) return pressed === 'true';
  if (element instanceof HTMLInputElement && element.type === 'checkbox') return element.checked;
  return null;
}

function useReadFocusedControl(): void {
  const { t } = useTranslation('common');
  const { readAloud, language } = useVisit();
  useEffect(() => {
    if (!readAloud) return;
    const onFocus = (event: FocusEvent) => {
      const target = event.target;
      // Headings take focus when a screen appears; the screen's own summary is spoken for those.
      if (!(target instanceof HTMLElement) || !target.matches('button, a[href], input, [role="button"]')) return;
      // Never the facilities PIN pad's keys: reading them aloud would say the PIN.
      if (target.closest('.facilities')) return;
      const state = stateOf(target);
      const words = [nameOf(target), state === null ? '' : state ? t('settings.on') : t('settings.off')];
      speak(words.filter(Boolean).join(', '), language);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [readAloud, language, t]);
}

function CurrentScreen({ screen, holdInactivity }: { screen: Screen; holdInactivity: (hold: boolean) => void }) {
  const { params } = useKioskSetup();
  const { language, go, resetVisit } = useVisit();
  switch (screen.name) {
    case 'attract':
      return <Attract />;
    case 'home':
      return <Home />;
    case 'language':
      return <Language />;
    case 'services':
      return <ChooseService />;
    case 'ticket':
      return <TicketScreen />;
    case 'info-list':
      return <InfoList />;
    case 'info-page':
      return <InfoPage key={screen.slug} slug={screen.slug} />;
    case 'feedback':
      return <FeedbackFlow context={screen.context} />;
    case 'payment':
      return (
        <Suspense fallback={null}>
          <PaymentJourney
            kioskId={params.kioskId}
            language={language}
            onFinished={resetVisit}
            onFeedback={() => go({ name: 'feedback', context: {} })}
            holdInactivity={holdInactivity}
          />
        </Suspense>
      );
  }
}

export function App() {
  const { t } = useTranslation('common');
  const { params } = useKioskSetup();
  const visit = useVisit();
  const [held, setHeld] = useState(false);
  const holdInactivity = useCallback((hold: boolean) => setHeld(hold), []);
  // A hold belongs to the payment screen: leaving it (or a new visit) always releases it.
  const onPaymentScreen = visit.screen.name === 'payment';
  useEffect(() => {
    if (!onPaymentScreen) setHeld(false);
  }, [onPaymentScreen, visit.visit]);
  useReadFocusedControl();
  // Only the Electron shell can check the facilities PIN; in a plain browser there is no gesture.
  const [bridge] = useState(shellBridge);
  const [facilitiesOpen, setFacilitiesOpen] = useState(false);
  const openFacilities = useCallback(() => setFacilitiesOpen(true), []);
  const closeFacilities = useCallback(() => setFacilitiesOpen(false), []);

  const untouched =
    visit.screen.name === 'attract' &&
    visit.language === defaultLanguage &&
    !visit.largeText &&
    !visit.highContrast &&
    !visit.readAloud;
  const inactivity = useInactivity({
    enabled: params.mode === 'kiosk' && !untouched && !held && !facilitiesOpen,
    idleMs: params.idleSeconds * 1000,
    countdownMs: params.countdownSeconds * 1000,
    onTimeout: visit.resetVisit,
  });

  return (
    <>
      <div className="kiosk" inert={inactivity.warning || facilitiesOpen}>
        <header className="kiosk-header">
          <div className="kiosk-header__start">
            {/* No Home while a card payment holds the screen: the terminal is mid-transaction and has its own Cancel. */}
            {params.mode === 'kiosk' && visit.screen.name !== 'attract' && !held ? (
              <button type="button" className="button button--home" onClick={() => visit.go({ name: 'home' })}>
                <span aria-hidden="true" className="home-icon" />
                {t('home')}
              </button>
            ) : null}
          </div>
          <DisplaySettings />
        </header>
        <main className="kiosk-main" key={`${visit.visit}`}>
          {params.mode === 'desk' ? (
            <DeskFeedback />
          ) : (
            <CurrentScreen screen={visit.screen} holdInactivity={holdInactivity} />
          )}
        </main>
        <footer className="kiosk-help">
          <p>{t('help')}</p>
          {bridge ? <FacilitiesCorner onGesture={openFacilities} /> : null}
        </footer>
      </div>
      {bridge && facilitiesOpen ? <FacilitiesDialog bridge={bridge} onClose={closeFacilities} /> : null}
      {inactivity.warning ? (
        <IdleDialog
          remainingSeconds={inactivity.remainingSeconds}
          onMoreTime={inactivity.extend}
          onFinish={visit.resetVisit}
        />
      ) : null}
    </>
  );
}
