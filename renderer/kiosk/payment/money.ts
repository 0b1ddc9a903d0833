/** Amounts: typed as the resident sees them ("125.5"), kept in pence, shown in the resident's language. */

/** "125.50" → 12550; null when it is not a sum of money with at most two decimals. */
export function parsePounds(text: string): number | null {
  if (!/^\d{1,7}(\.\d{0,2})?$/.test(text)) return null;
  const [pounds = '0', pence = ''] = text.split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

/** Applies one key of the amount keypad; returns the text unchanged when the key cannot apply. */
export function typeAmountKey(text: string, key: string): string {
  if (key === 'back') return text.slice(0, -1);
  if (key === 'clear') return '';
  if (key === '.') return text.includes('.') ? text : `${text === '' ? '0' : text}.`;
  if (!/^\d$/.test(key)) return text;
  const [whole = '', decimals] = text.split('.');
  if (decimals !== undefined) return decimals.length >= 2 ? text : text + key;
  if (whole === '0') return key; // no leading zeros
  return whole.length >= 7 ? text : text + key;
}

export type AmountProblem = 'enter' | 'too-little' | 'too-much';

/** Why an entered amount cannot be paid for a type with these limits; null when it can. */
export function amountProblem(text: string, limits: { minPence: number; maxPence: number }): AmountProblem | null {
  const pence = parsePounds(text);
  if (pence === null || pence === 0) return 'enter';
  if (pence < limits.minPence) return 'too-little';
  if (pence > limits.maxPence) return 'too-much';
  return null;
}

/** "£1,234.56" in the resident's language; plain "£1234.56" if the language is unknown to Intl. */
export function formatMoney(pence: number, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency: 'GBP' }).format(pence / 100);
  } catch {
    return `£${(pence / 100).toFixed(2)}`;
  }
}
