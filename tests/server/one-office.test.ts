/** A site has one office: a kiosk-only server may not send payments to one server and feedback to another. */
import { expect, it } from 'vitest';
import { SiteConfig } from '../../contract/config.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { siteConfigProblems } from '../../server/queue/site-rules.js';

const siteSending = (paymentsTo: string, feedbackTo: string) => {
  const demo = demoSiteConfig();
  return SiteConfig.parse({
    ...demo,
    payments: { ...demo.payments, office: { url: paymentsTo } },
    feedback: { ...demo.feedback, forwardTo: feedbackTo },
  });
};

it('refuses payments and feedback sent to two different offices, naming the field', () => {
  expect(siteConfigProblems(siteSending('http://hub-a:8080', 'http://hub-b:8080'))).toEqual([
    {
      path: 'feedback.forwardTo',
      message: 'names another server than payments.office.url (http://hub-a:8080): a site has one office',
    },
  ]);
});

it('accepts both sent to the same office', () => {
  expect(siteConfigProblems(siteSending('http://hub-a:8080', 'http://hub-a:8080/'))).toEqual([]);
});
