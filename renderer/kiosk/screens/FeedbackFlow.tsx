import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { feedbackRatings, type FeedbackRating } from '../../../contract/feedback';
import { ScreenLayout } from '../components/ScreenLayout';
import { AutoReturn } from '../components/AutoReturn';
import { Face } from '../components/Faces';
import { sendFeedback } from '../feedback-taps';
import { useKioskSetup } from '../setup';
import { useVisit, type FeedbackContext } from '../store';

/** Govmetric: Good / Average / Poor, then one of four reasons (or skip), then thanks. */
export function FeedbackFlow({ context }: { context: FeedbackContext }) {
  const { t } = useTranslation('feedback');
  const { params, feedback } = useKioskSetup();
  const resetVisit = useVisit((s) => s.resetVisit);
  const [rating, setRating] = useState<{ value: FeedbackRating; at: Date } | null>(null);
  const [done, setDone] = useState(false);
  const sent = useRef(false);

  const send = (reason?: string) => {
    if (!rating || sent.current) return;
    sent.current = true;
    sendFeedback(
      { rating: rating.value, reason, touchpoint: 'kiosk', kiosk: params.kioskId, ...context, at: rating.at },
      feedback.debounceSeconds,
    );
  };
  // Leaving after a face but before a reason (home, inactivity): the face still counts.
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => () => sendRef.current(), []);

  if (done) {
    return (
      <ScreenLayout title={t('thanks')} intro={t('thanksBody')}>
        <AutoReturn seconds={Math.min(params.returnSeconds, 10)} onExpire={resetVisit} />
      </ScreenLayout>
    );
  }

  if (!rating) {
    return (
      <ScreenLayout title={t('title')} intro={t('intro')}>
        <Faces onRate={(value) => setRating({ value, at: new Date() })} />
      </ScreenLayout>
    );
  }

  // The second half of a double tap on a face lands on a reason: the browser counts it as click 2.
  const choose = (event: MouseEvent<HTMLButtonElement>, reason?: string) => {
    if (event.detail > 1) return;
    send(reason);
    setDone(true);
  };
  return (
    <ScreenLayout title={t('reasonTitle')} intro={t('reasonIntro')}>
      <ul className="choices">
        {feedback.reasons[rating.value].map((reason) => (
          <li key={reason.id}>
            <button type="button" className="button button--choice" onClick={(event) => choose(event, reason.id)}>
              {t(`reasons.${reason.id}`, { defaultValue: reason.label })}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--secondary" onClick={(event) => choose(event)}>
        {t('skip')}
      </button>
    </ScreenLayout>
  );
}

export function Faces({ onRate }: { onRate: (rating: FeedbackRating) => void }) {
  const { t } = useTranslation('feedback');
  const words: Record<FeedbackRating, string> = {
    good: t('ratings.good'),
    average: t('ratings.average'),
    poor: t('ratings.poor'),
  };
  return (
    <ul className="faces">
      {feedbackRatings.map((rating) => (
        <li key={rating}>
          <button type="button" className={`face-button face-button--${rating}`} onClick={() => onRate(rating)}>
            <Face rating={rating} />
            <span className="face-button__word">{words[rating]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
