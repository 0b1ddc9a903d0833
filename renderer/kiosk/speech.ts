/**
 * Read aloud (EN 301 549 §5.1.3: visual information also given as speech), with the browser's own
 * speech synthesis, which works offline. Utterances are queued, never cut off, except that a new
 * visit silences the last one. Speaks only where a voice for the chosen language exists: a wrong
 * voice reading Arabic or Bengali is worse than none, and the screen says so instead.
 */
const voiceLanguages: Record<string, string[]> = {
  'zh-Hans': ['zh-cn', 'zh-hans', 'cmn', 'zh'],
};

function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

export function voiceFor(language: string): SpeechSynthesisVoice | null {
  const s = synth();
  if (!s) return null;
  const wanted = voiceLanguages[language] ?? [language.toLowerCase()];
  const voices = s.getVoices();
  for (const prefix of wanted) {
    const voice = voices.find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(prefix));
    if (voice) return voice;
  }
  return null;
}

/** Calls back when the list of voices changes (Chromium loads it after the page). */
export function onVoicesChanged(callback: () => void): () => void {
  const s = synth();
  if (!s) return () => {};
  s.addEventListener('voiceschanged', callback);
  return () => s.removeEventListener('voiceschanged', callback);
}

export function speak(text: string, language: string): boolean {
  const s = synth();
  const voice = voiceFor(language);
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!s || !voice || clean === '') return false;
  const utterance = new SpeechSynthesisUtterance(clean);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  s.speak(utterance);
  return true;
}

export function silence(): void {
  synth()?.cancel();
}
