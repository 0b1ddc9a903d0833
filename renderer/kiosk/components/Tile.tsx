import { useId } from 'react';

interface Props {
  title: string;
  hint?: string;
  onSelect: () => void;
  lang?: string;
}

/** A large home-screen choice. Its accessible name is the title; the hint is its description. */
export function Tile({ title, hint, onSelect, lang }: Props) {
  const id = useId();
  return (
    <button
      type="button"
      className="tile"
      onClick={onSelect}
      aria-labelledby={`${id}-title`}
      aria-describedby={hint ? `${id}-hint` : undefined}
      lang={lang}
    >
      <span id={`${id}-title`} className="tile__title">
        {title}
      </span>
      {hint ? (
        <span id={`${id}-hint`} className="tile__hint">
          {hint}
        </span>
      ) : null}
    </button>
  );
}
