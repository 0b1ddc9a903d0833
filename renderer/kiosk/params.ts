/**
 * What the kiosk page is told by its URL: which kiosk it is, desk-side mode, and (for tests and the
 * benchmark) shorter timers. `/kiosk?kiosk=kiosk-1`, `/kiosk?mode=desk&desk=desk-1`, `?idle=3`.
 * Timers not in the URL come from the kiosk's site config (`kiosks[].timers`).
 */
import { defaultTimers, type KioskTimers } from './api';

const idPattern = /^[a-z0-9-]{1,60}$/;

export interface KioskParams {
  kioskId: string;
  mode: 'kiosk' | 'desk';
  deskId: string | null;
  /** Seconds without a touch before the "Are you still there?" warning. */
  idleSeconds: number;
  /** Seconds the warning counts down before everything is forgotten (WCAG 2.2.1: at least 20). */
  countdownSeconds: number;
  /** Seconds a finished screen (ticket printed, thanks) waits before going back to the start. */
  returnSeconds: number;
  /** Start language (testing and the Electron shell); residents choose on the attract screen. */
  language: string | null;
}

function seconds(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export function readParams(search: string = location.search, timers: KioskTimers = defaultTimers): KioskParams {
  const q = new URLSearchParams(search);
  const kiosk = q.get('kiosk');
  const desk = q.get('desk');
  return {
    kioskId: kiosk && idPattern.test(kiosk) ? kiosk : 'kiosk-1',
    mode: q.get('mode') === 'desk' ? 'desk' : 'kiosk',
    deskId: desk && idPattern.test(desk) ? desk : null,
    idleSeconds: seconds(q.get('idle'), timers.idleSeconds, 0.1, 3600),
    // Below 20 s only when asked for explicitly (tests, benchmark); the default honours WCAG 2.2.1.
    countdownSeconds: seconds(q.get('countdown'), timers.countdownSeconds, 0.1, 600),
    returnSeconds: seconds(q.get('return'), timers.returnSeconds, 0, 600),
    language: q.get('lang'),
  };
}
