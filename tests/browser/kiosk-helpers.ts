/**
 * Helpers for the kiosk's browser tests: a speech engine with voices (the fixture's recorder has
 * none, and the kiosk only speaks where a voice for the language exists), and short ways through the
 * journeys by role and accessible name.
 */
import { expect, type Page } from '@playwright/test';
import type { Hub } from './fixtures';

export interface Utterance {
  text: string;
  lang: string;
  at: number;
}

/**
 * Replaces speechSynthesis with one that has voices for `voiceLanguages` (BCP 47 tags), queues like
 * the real engine (one at a time, ~`speakMs` each) and records every utterance with its language.
 */
export async function installSpeech(
  page: Page,
  voiceLanguages: string[] = ['en-GB', 'ar-SA', 'pl-PL'],
  speakMs = 300,
): Promise<void> {
  await page.addInitScript(
    ({ langs, ms }: { langs: string[]; ms: number }) => {
      type U = { text: string; lang: string; voice: unknown; onend: (() => void) | null };
      const spoken: Array<{ text: string; lang: string; at: number; event: string }> = [];
      (globalThis as unknown as { __utterances: typeof spoken }).__utterances = spoken;
      const voices = langs.map((lang) => ({
        lang,
        name: `Test voice ${lang}`,
        default: false,
        localService: true,
        voiceURI: lang,
      }));
      const queue: U[] = [];
      let current: U | null = null;
      const pump = () => {
        if (current || queue.length === 0) return;
        current = queue.shift() as U;
        const u = current;
        setTimeout(() => {
          spoken.push({ text: u.text, lang: u.lang, at: performance.now(), event: 'end' });
          current = null;
          u.onend?.();
          pump();
        }, ms);
      };
      class Utterance {
        lang = '';
        voice: unknown = null;
        onend: (() => void) | null = null;
        constructor(public text: string) {}
      }
      const synth = {
        speak(u: U) {
          spoken.push({ text: u.text, lang: u.lang, at: performance.now(), event: 'speak' });
          queue.push(u);
          pump();
        },
        cancel() {
          spoken.push({ text: current?.text ?? '', lang: '', at: performance.now(), event: 'cancel' });
          queue.length = 0;
          current = null;
        },
        getVoices: () => voices,
        addEventListener() {},
        removeEventListener() {},
        get speaking() {
          return current !== null;
        },
      };
      Object.defineProperty(globalThis, 'speechSynthesis', { value: synth, configurable: true });
      Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    },
    { langs: voiceLanguages, ms: speakMs },
  );
}

export async function utterances(page: Page, event: 'speak' | 'end' | 'cancel' = 'speak'): Promise<Utterance[]> {
  return page.evaluate(
    (e) =>
      (globalThis as unknown as { __utterances: Array<Utterance & { event: string }> }).__utterances.filter(
        (u) => u.event === e,
      ),
    event,
  );
}

export function kioskUrl(hub: Hub, query = ''): string {
  return `${hub.url}/kiosk?kiosk=kiosk-1${query ? `&${query}` : ''}`;
}

/** English and Arabic names of the things a test touches. */
export const words = {
  en: {
    start: 'Touch to start',
    tickets: 'Take a ticket',
    information: 'Information',
    feedback: 'Tell us how we did',
    payments: 'Pay a bill',
    housing: 'Housing',
    assistance: 'I need assistance',
    home: 'Home',
    finish: 'Finish',
    good: 'Good',
    poor: 'Poor',
    skip: 'Skip',
    helpfulStaff: 'Helpful staff',
    thanks: 'Thank you for your feedback',
    welcome: 'Welcome',
    ticketHeading: /^Your ticket is\s*([A-Z]\d{3})$/,
    takeTicket: 'Please take your ticket from the slot below the screen.',
    print: 'Print this',
    printed: 'Please take your printout from the slot below the screen.',
    largeText: 'Large text',
    highContrast: 'High contrast',
    readAloud: 'Read aloud',
    moreTime: 'I need more time',
    stillThere: 'Are you still there?',
    help: 'Need help? Ask at reception.',
    repairs: 'Repairs',
  },
  ar: {
    start: 'المس الشاشة للبدء',
    tickets: 'خذ تذكرة',
    information: 'معلومات',
    feedback: 'أخبرنا برأيك في خدمتنا',
    payments: 'ادفع فاتورة',
    housing: 'السكن',
    assistance: 'أحتاج إلى مساعدة خاصة',
    home: 'الصفحة الرئيسية',
    finish: 'إنهاء',
    good: 'جيدة',
    poor: 'سيئة',
    skip: 'تخطٍّ',
    helpfulStaff: 'موظفون متعاونون',
    thanks: 'شكرًا لك على رأيك',
    welcome: 'أهلًا وسهلًا',
    ticketHeading: /^رقم تذكرتك\s*([A-Z]\d{3})$/,
    takeTicket: 'يرجى أخذ تذكرتك من الفتحة أسفل الشاشة.',
    print: 'اطبع هذه الصفحة',
    printed: 'يرجى أخذ الورقة المطبوعة من الفتحة أسفل الشاشة.',
    largeText: 'نص كبير',
    highContrast: 'تباين عالٍ',
    readAloud: 'القراءة بصوت عالٍ',
    moreTime: 'أحتاج إلى مزيد من الوقت',
    stillThere: 'هل ما زلت هنا؟',
    help: 'هل تحتاج إلى مساعدة؟ اسأل في الاستقبال.',
    repairs: 'الإصلاحات',
  },
} as const;

export type Lang = keyof typeof words;

/** From the attract screen: picks the language (by its own name) and touches "Touch to start". */
export async function startVisit(page: Page, lang: Lang): Promise<void> {
  if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
  await page.getByRole('button', { name: words[lang].start }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/**
 * Opens the kiosk and stops the page's clock once the attract screen shows (it has to run while the
 * page starts: i18next loads on a timer). Call `page.clock.install()` first; from then on only
 * `page.clock.runFor` moves the page's time, so no timer depends on how busy the machine is.
 */
export async function openKioskWithStoppedClock(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: words.en.welcome })).toBeVisible();
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(pageNow + 1_000);
}
