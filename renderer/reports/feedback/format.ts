/** Net satisfaction as Govmetric shows it: signed, two decimals ("+0.33", "−1.00"); "–" when there were no responses. */
export function formatNetSatisfaction(value: number | null): string {
  if (value === null) return '–';
  const fixed = Math.abs(value).toFixed(2);
  if (fixed === '0.00') return '0.00';
  return `${value > 0 ? '+' : '−'}${fixed}`;
}
