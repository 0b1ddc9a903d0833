/**
 * The contract between the kiosk shell and the payment journey (renderer/kiosk/payment/). The shell
 * renders `<PaymentJourney …/>` inside its layout (header with Home, display settings, "Need help?"
 * footer, inactivity warning) when the resident touches "Pay a bill".
 *
 * The journey should: use <ScreenLayout> (../components/ScreenLayout) for each step's heading; put
 * every string through i18next in the `payment` namespace (all languages: it is public); call
 * `onFinished()` when the resident is done (the shell forgets the visit and goes back to attract);
 * call `onFeedback()` to offer the feedback faces at the end. While a card payment is in flight it
 * should call `holdInactivity(true)` so the inactivity reset never interrupts the terminal (the
 * shell also hides its Home button while held; leaving the payment screen releases the hold).
 */
export interface PaymentJourneyProps {
  kioskId: string;
  /** The chosen language code (e.g. "ar"); i18next is already switched to it. */
  language: string;
  onFinished: () => void;
  onFeedback: () => void;
  holdInactivity: (hold: boolean) => void;
}
