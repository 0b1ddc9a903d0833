import { useEffect, useRef, type ReactNode } from 'react';
import { useVisit } from '../store';
import { speak } from '../speech';

interface Props {
  title: ReactNode;
  /** The heading as plain text, for the page title and speech (when `title` holds markup). */
  titleText?: string;
  intro?: string;
  /** Further text Read aloud should say after the heading and intro (the screen's summary). */
  summary?: string;
  /** The language `summary` is written in, when not the chosen one (an information page shown in English). */
  summaryLanguage?: string;
  children?: ReactNode;
}

/**
 * Every kiosk screen: one h1 that takes focus when the screen appears (so a screen reader and Read
 * aloud start at the top), the page title, and the spoken summary.
 */
export function ScreenLayout({ title, titleText, intro, summary, summaryLanguage, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const readAloud = useVisit((s) => s.readAloud);
  const language = useVisit((s) => s.language);
  const text = titleText ?? (typeof title === 'string' ? title : '');

  useEffect(() => {
    document.title = text;
    heading.current?.focus();
  }, [text]);

  useEffect(() => {
    if (!readAloud) return;
    if (summaryLanguage && summaryLanguage !== language) {
      speak([text, summary].filter(Boolean).join('. '), summaryLanguage);
      if (intro) speak(intro, language);
    } else speak([text, intro, summary].filter(Boolean).join('. '), language);
  }, [readAloud, language, text, intro, summary, summaryLanguage]);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {intro ? <p className="lead">{intro}</p> : null}
      {children}
    </>
  );
}
