/** The lobby board's announcements: a chime, then the call, one after another, never cut off. */
import { describe, expect, it } from 'vitest';
import { AnnouncementQueue, spellTicketNumber, type Announcement } from '../../renderer/display/announcer';

/** A speaker whose utterances end when the test says; records what happens in order. */
function fakeSpeaker() {
  const events: string[] = [];
  const finish: Array<() => void> = [];
  const parts = {
    chime: async () => {
      events.push('chime');
    },
    speak: (announcement: Announcement) =>
      new Promise<void>((resolve) => {
        events.push(`start ${announcement.text}`);
        finish.push(() => {
          events.push(`end ${announcement.text}`);
          resolve();
        });
      }),
  };
  const endCurrent = async () => {
    finish.shift()?.();
    // Let the queue move on to the next announcement.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { events, parts, endCurrent };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('AnnouncementQueue', () => {
  it('plays a new call after the one being spoken, each with its chime, in order', async () => {
    const speaker = fakeSpeaker();
    const queue = new AnnouncementQueue(speaker.parts);
    queue.enqueue({ text: 'H 0 1 4 to Desk 1', lang: 'en-GB' });
    await settle();
    queue.enqueue({ text: 'C 0 0 2 to Desk 2', lang: 'en-GB' });
    await settle();
    expect(speaker.events).toEqual(['chime', 'start H 0 1 4 to Desk 1']);
    expect(queue.length).toBe(2);

    await speaker.endCurrent();
    await speaker.endCurrent();
    expect(speaker.events).toEqual([
      'chime',
      'start H 0 1 4 to Desk 1',
      'end H 0 1 4 to Desk 1',
      'chime',
      'start C 0 0 2 to Desk 2',
      'end C 0 0 2 to Desk 2',
    ]);
    expect(queue.length).toBe(0);
  });

  it('goes on to the next call when the chime or the voice fails', async () => {
    const spoken: string[] = [];
    const queue = new AnnouncementQueue({
      chime: () => Promise.reject(new Error('no audio device')),
      speak: async ({ text }) => {
        spoken.push(text);
        if (text === 'first') throw new Error('no voice');
      },
    });
    queue.enqueue({ text: 'first', lang: 'en-GB' });
    queue.enqueue({ text: 'second', lang: 'en-GB' });
    await settle();
    await settle();
    expect(spoken).toEqual(['first', 'second']);
  });
});

describe('spellTicketNumber', () => {
  it('reads a ticket number as letters and digits', () => {
    expect(spellTicketNumber('H014')).toBe('H 0 1 4');
  });
});
