/** Typing a reference against its mask: literal parts (like "INV") are filled in for the resident. */
import { checkReference, expectedAt, type ReferenceCheck } from '../../../contract/payments';

/** The fixed characters a mask starts with ("INV" for "INV#######"), shown already typed. */
export function leadingLiterals(mask: string): string {
  let out = '';
  for (let i = 0; i < mask.length; i++) {
    const expected = expectedAt(mask, i);
    if (expected === 'digit' || expected === 'letter' || expected === null) break;
    out += expected;
  }
  return out;
}

export interface KeyResult {
  text: string;
  /** Set when the key was refused: why, for the plain explanation. */
  refused?: ReferenceCheck & { ok: false };
}

/** Applies one keypad key. A key that cannot be right here is refused (not typed) with the reason. */
export function typeReferenceKey(mask: string, text: string, key: string): KeyResult {
  const floor = leadingLiterals(mask).length;
  if (key === 'back') {
    // Step back over literals filled in after the last key, so Backspace always removes a typed key.
    // Literals before that key stay: the text then ends where the next key is typed.
    let next = text;
    while (next.length > floor && !isTyped(mask, next.length - 1)) next = next.slice(0, -1);
    return { text: next.length > floor ? next.slice(0, -1) : next };
  }
  if (key === 'clear') return { text: leadingLiterals(mask) };
  const candidate = text + key;
  const check = checkReference({ mask, checkDigit: 'none' }, candidate, { partial: true });
  if (!check.ok) return { text, refused: check };
  let next = candidate;
  // Fill literals that follow (none in the usual masks, but "AB##-##" style masks would need it).
  for (
    let expected = expectedAt(mask, next.length);
    expected !== null && expected !== 'digit' && expected !== 'letter';
    expected = expectedAt(mask, next.length)
  )
    next += expected;
  return { text: next };
}

/** Whether the resident types the character at this position (a digit or a letter), rather than it being fixed. */
function isTyped(mask: string, position: number): boolean {
  const expected = expectedAt(mask, position);
  return expected === 'digit' || expected === 'letter';
}

export type MaskPart = { kind: 'digits' | 'letters'; count: number } | { kind: 'literal'; text: string };

/** "@@########" → 2 letters, 8 digits; for the plain description of the format. */
export function describeMask(mask: string): MaskPart[] {
  const parts: MaskPart[] = [];
  for (let i = 0; i < mask.length; i++) {
    const expected = expectedAt(mask, i);
    const last = parts.at(-1);
    if (expected === 'digit' || expected === 'letter') {
      const kind = expected === 'digit' ? 'digits' : 'letters';
      if (last && last.kind === kind) last.count++;
      else parts.push({ kind, count: 1 });
    } else if (expected !== null) {
      if (last && last.kind === 'literal') last.text += expected;
      else parts.push({ kind: 'literal', text: expected });
    }
  }
  return parts;
}
