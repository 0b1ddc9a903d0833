/**
 * PCI DSS scope guard (SAQ P2PE: the app must hold no full card number, track data, PIN or CVV).
 * The terminal already masks its receipt text; we mask again anything that looks like a card number
 * before text from the terminal is stored, printed or logged, because one misconfigured terminal
 * must not put a PAN in our database (docs/payments.md "PCI scope").
 */

/** 12–19 digits, optionally grouped by single spaces or hyphens, as PANs are printed. */
const panLike = /(?<![0-9])(?:[0-9][ -]?){11,18}[0-9](?![0-9])/g;
/** Track 1 (%B…^…^…?) and track 2 (;…=…?) sentinels with digits between them. */
const trackLike = /%B[0-9 ]{12,19}\^[^?]*\?|;[0-9]{12,19}=[0-9]*\??/g;

export function maskCardData(text: string): string {
  return text.replace(trackLike, '[track data removed]').replace(panLike, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
}

/** Luhn-valid digit runs of 13–19 (what a PAN looks like); used by the PCI scan test and the CLI. */
export function findPanCandidates(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![0-9])[0-9]{13,19}(?![0-9])/g)) {
    if (luhnValid(match[0])) found.push(match[0]);
  }
  return found;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
