/** The reference step's words: its format ("It is the letters INV then 7 numbers.") and what is wrong. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferenceCheck } from '../../../../contract/payments';
import { describeMask } from '../reference-entry';

export function useReferenceWords(mask: string) {
  const { t } = useTranslation('payment');

  const format = describeMask(mask)
    .map((part) =>
      part.kind === 'literal'
        ? t('format.literal', { text: part.text })
        : t(`format.${part.kind}`, { count: part.count }),
    )
    .join(t('format.then'));

  /** The plain explanation of a failed check, with `entered` characters typed so far; null when it passed. */
  const explain = useCallback(
    (check: ReferenceCheck, entered: number): string | null => {
      if (check.ok) return null;
      switch (check.reason) {
        case 'wrong-character':
          return check.expected === 'digit'
            ? t('problem.wantDigit', { position: (check.position ?? 0) + 1 })
            : check.expected === 'letter'
              ? t('problem.wantLetter', { position: (check.position ?? 0) + 1 })
              : t('problem.wantLiteral', { position: (check.position ?? 0) + 1, text: check.expected });
        case 'too-long':
          return t('problem.tooLong', { count: mask.length });
        case 'too-short':
          return t('problem.tooShort', { count: mask.length, entered });
        case 'check-digit':
          return t('problem.checkDigit');
        case 'empty':
          return t('problem.empty');
      }
    },
    [mask, t],
  );

  return { format, explain };
}
