/**
 * A two-tone "ding-dong" made with Web Audio (no sound files to ship). Resolves after the chime's
 * length even when audio is blocked, so announcement timing does not depend on the speaker.
 */
let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  return context;
}

/**
 * Calls `onChange(true)` while the browser refuses to play sound (until someone interacts with the
 * page), `false` once it plays. A new AudioContext starts "suspended" even where autoplay is allowed,
 * so it is asked to resume at once and the answer comes through `statechange`.
 */
export function watchSoundBlocked(onChange: (blocked: boolean) => void): () => void {
  const ctx = audioContext();
  if (!ctx) return () => undefined;
  const report = () => onChange(ctx.state !== 'running');
  ctx.addEventListener('statechange', report);
  report();
  void ctx.resume().catch(() => undefined);
  return () => ctx.removeEventListener('statechange', report);
}

/** Call from a click: browsers allow audio (and speech) once the page has had a user gesture. */
export async function unlockSound(): Promise<boolean> {
  const ctx = audioContext();
  if (!ctx) return false;
  await ctx.resume().catch(() => undefined);
  return ctx.state === 'running';
}

const tones = [
  { frequency: 880, start: 0, length: 0.6 },
  { frequency: 659.25, start: 0.45, length: 0.9 },
];
const chimeSeconds = 1.4;

export function playChime(): Promise<void> {
  const ctx = audioContext();
  if (ctx && ctx.state === 'running') {
    const t0 = ctx.currentTime + 0.05;
    for (const tone of tones) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = tone.frequency;
      gain.gain.setValueAtTime(0.0001, t0 + tone.start);
      gain.gain.exponentialRampToValueAtTime(0.5, t0 + tone.start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + tone.start + tone.length);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(t0 + tone.start);
      oscillator.stop(t0 + tone.start + tone.length + 0.05);
    }
  }
  return new Promise((resolve) => setTimeout(resolve, chimeSeconds * 1000));
}
