import { describe, expect, it } from 'vitest';
import { SiteConfig } from '../../contract/config.js';
import { defaultFeedbackReasons } from '../../contract/feedback.js';
import { demoSiteConfig } from '../../server/demo/seed.js';

const withFeedback = (feedback: unknown) => SiteConfig.safeParse({ ...demoSiteConfig(), feedback });
const firstIssue = (result: ReturnType<typeof withFeedback>) =>
  result.success ? null : { path: result.error.issues[0]?.path.join('.'), message: result.error.issues[0]?.message };

describe('the feedback section of the site config', () => {
  it('fills in Govmetric-style reasons and a 5 second debounce when the section is empty', () => {
    const parsed = withFeedback({});
    expect(parsed.success && parsed.data.feedback).toEqual({ reasons: defaultFeedbackReasons, debounceSeconds: 5 });
  });

  it('names the field when a rating does not have four reasons, repeats one, or the office address is not a web address', () => {
    const three = withFeedback({
      reasons: { ...defaultFeedbackReasons, good: defaultFeedbackReasons.good.slice(0, 3) },
    });
    expect(firstIssue(three)).toEqual({
      path: 'feedback.reasons.good',
      message: 'give exactly four reasons for each rating',
    });

    const repeated = withFeedback({
      reasons: {
        ...defaultFeedbackReasons,
        poor: [...defaultFeedbackReasons.poor.slice(0, 3), defaultFeedbackReasons.poor[0]],
      },
    });
    expect(firstIssue(repeated)).toEqual({
      path: 'feedback.reasons.poor',
      message: 'reason ids must be different within a rating',
    });

    expect(firstIssue(withFeedback({ forwardTo: 'office-hub:8080' }))?.path).toBe('feedback.forwardTo');
    expect(firstIssue(withFeedback({ debounceSeconds: -1 }))?.path).toBe('feedback.debounceSeconds');
    expect(firstIssue(withFeedback({ debounce: 5 }))?.message).toContain('debounce');
  });
});
