import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard, type BoardCall } from './store';
import { AnnouncementQueue, speakWithSpeechSynthesis, spellTicketNumber } from './announcer';
import { playChime, unlockSound, watchSoundBlocked } from './chime';

export function DisplayApp() {
  const { t, i18n } = useTranslation('display');
  const calls = useBoard((s) => s.calls);
  const desks = useBoard((s) => s.desks);
  const connection = useBoard((s) => s.connection);
  const [blocked, setBlocked] = useState(false);
  const deskName = (id: string) => desks.find((desk) => desk.id === id)?.name ?? id;

  const announcer = useMemo(() => new AnnouncementQueue({ chime: playChime, speak: speakWithSpeechSynthesis }), []);

  useEffect(() => {
    document.title = t('title');
  }, [t]);
  useEffect(() => watchSoundBlocked(setBlocked), []);

  useEffect(() => {
    void useBoard
      .getState()
      .load()
      .catch(() => undefined);
    return useBoard.getState().connect((call: BoardCall) => {
      const desk = useBoard.getState().desks.find((d) => d.id === call.desk)?.name ?? call.desk;
      // A British voice where the system has one (UK council offices).
      const lang = i18n.language === 'en' ? 'en-GB' : i18n.language;
      announcer.enqueue({
        text: t('announcement', {
          number: spellTicketNumber(call.number),
          desk,
          interpolation: { escapeValue: false },
        }),
        lang,
      });
    });
  }, [announcer, t, i18n]);

  const [newest, ...previous] = calls;

  return (
    <div className="board">
      <header className="board-header">
        <h1>{t('title')}</h1>
        {connection !== 'live' && (
          <p className="board-connection" role="status">
            {t(`connection.${connection}`)}
          </p>
        )}
        {blocked && (
          <button type="button" className="sound-button" onClick={() => void unlockSound()}>
            {t('sound.enable')}
          </button>
        )}
      </header>
      <main>
        <section className="now-calling" aria-labelledby="now-calling-title">
          <h2 id="now-calling-title" className="visually-hidden">
            {t('latestCall')}
          </h2>
          {newest ? (
            <p key={newest.seq} className="call call-newest" data-testid="newest-call">
              <CallText call={newest} deskName={deskName(newest.desk)} />
            </p>
          ) : (
            <p className="no-calls">{t('noCalls')}</p>
          )}
        </section>
        {previous.length > 0 && (
          <section className="previous" aria-labelledby="previous-title">
            <h2 id="previous-title">{t('previousCalls')}</h2>
            <ol className="previous-calls" data-testid="previous-calls">
              {previous.map((call) => (
                <li key={call.seq} className="call">
                  <CallText call={call} deskName={deskName(call.desk)} />
                </li>
              ))}
            </ol>
          </section>
        )}
      </main>
    </div>
  );
}

function CallText({ call, deskName }: { call: BoardCall; deskName: string }) {
  const { t } = useTranslation('display');
  return (
    <>
      <span className="call-number">{call.number}</span>
      <span className="call-arrow" aria-hidden="true">
        {' → '}
      </span>
      <span className="visually-hidden"> {t('goTo')} </span>
      <span className="call-desk">{deskName}</span>
    </>
  );
}
