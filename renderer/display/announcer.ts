/**
 * The lobby board's announcements: a chime, then the spoken call, one after another. A new call is
 * queued behind the one being spoken, never cutting it off: the queue never calls
 * speechSynthesis.cancel(), and it starts the next announcement only when the previous utterance ends.
 */

export interface Announcement {
  text: string;
  lang: string;
}

export interface AnnouncerParts {
  chime: () => Promise<void>;
  speak: (announcement: Announcement) => Promise<void>;
}

export class AnnouncementQueue {
  private readonly pending: Announcement[] = [];
  private running = false;

  constructor(private readonly parts: AnnouncerParts) {}

  enqueue(announcement: Announcement): void {
    this.pending.push(announcement);
    if (!this.running) void this.drain();
  }

  get length(): number {
    return this.pending.length + (this.running ? 1 : 0);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        // A broken speaker or voice must not stop later announcements.
        await this.parts.chime().catch(() => undefined);
        await this.parts.speak(next).catch(() => undefined);
      }
    } finally {
      this.running = false;
    }
  }
}

/**
 * Speaks through the browser's speechSynthesis and resolves when the utterance ends. Some engines
 * never fire `end` (no voice installed, audio blocked), so a generous timeout releases the queue.
 */
export function speakWithSpeechSynthesis(announcement: Announcement): Promise<void> {
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const utterance = new SpeechSynthesisUtterance(announcement.text);
    utterance.lang = announcement.lang;
    utterance.rate = 0.9;
    const safety = setTimeout(done, 8_000 + announcement.text.length * 150);
    // Keep a reference until it ends: Chromium can drop an unreferenced utterance's events.
    keepAlive.add(utterance);
    function done() {
      clearTimeout(safety);
      keepAlive.delete(utterance);
      resolve();
    }
    utterance.onend = done;
    utterance.onerror = done;
    synth.speak(utterance);
  });
}
const keepAlive = new Set<SpeechSynthesisUtterance>();

/** "H014" → "H 0 1 4": read as letters and digits, not "H fourteen". */
export function spellTicketNumber(number: string): string {
  return number.split('').join(' ');
}
