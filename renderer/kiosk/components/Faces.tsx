import type { FeedbackRating } from '../../../contract/feedback';

/** The Govmetric faces. Decorative: the word beside each face carries the meaning. */
export function Face({ rating }: { rating: FeedbackRating }) {
  const mouth = { good: 'M16 27 Q24 35 32 27', average: 'M16 30 H32', poor: 'M16 32 Q24 24 32 32' }[rating];
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      className={`face face--${rating}`}
      viewBox="0 0 48 48"
      width="96"
      height="96"
    >
      <circle cx="24" cy="24" r="21" className="face__disc" />
      <circle cx="17" cy="19" r="2.6" className="face__feature" />
      <circle cx="31" cy="19" r="2.6" className="face__feature" />
      <path d={mouth} className="face__mouth" fill="none" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
