/** What the kiosk page reads from its address. */
import { describe, expect, it } from 'vitest';
import { readParams } from '../../renderer/kiosk/params';

const siteTimers = { idleSeconds: 90, countdownSeconds: 25, returnSeconds: 12 };

describe('readParams', () => {
  it('without parameters is kiosk-1 in kiosk mode with the built-in timers', () => {
    expect(readParams('')).toEqual({
      kioskId: 'kiosk-1',
      mode: 'kiosk',
      deskId: null,
      idleSeconds: 60,
      countdownSeconds: 30,
      returnSeconds: 15,
      language: null,
    });
  });

  it("uses the site config's timers where the address names none", () => {
    const params = readParams('?kiosk=kiosk-2&idle=5', siteTimers);
    expect(params.kioskId).toBe('kiosk-2');
    expect(params.idleSeconds).toBe(5);
    expect(params.countdownSeconds).toBe(25);
    expect(params.returnSeconds).toBe(12);
  });

  it('reads desk-side mode and its desk', () => {
    expect(readParams('?mode=desk&desk=desk-3')).toMatchObject({ mode: 'desk', deskId: 'desk-3' });
  });

  it('ignores an id that is not a plain name', () => {
    expect(readParams('?kiosk=../admin&desk=Desk%201')).toMatchObject({ kioskId: 'kiosk-1', deskId: null });
  });

  it('keeps timers within bounds and ignores ones that are not numbers', () => {
    expect(readParams('?idle=0&countdown=9999&return=-3')).toMatchObject({
      idleSeconds: 0.1,
      countdownSeconds: 600,
      returnSeconds: 0,
    });
    expect(readParams('?idle=soon&countdown=', siteTimers)).toMatchObject({ idleSeconds: 90, countdownSeconds: 25 });
  });

  it('passes the start language on', () => {
    expect(readParams('?lang=ar').language).toBe('ar');
  });
});
