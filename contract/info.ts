/**
 * Information pages contract: pages a council officer edits as files in `content/info/<lang>/`,
 * served to the kiosk, printed as a slip, and counted (page and day only, no personal data).
 */
import { z } from 'zod';
import { IsoUtc } from './queue.js';

/** The kiosk's languages; English is complete and every other page falls back to it. */
export const InfoLanguage = z.enum(['en', 'pl', 'pt', 'lt', 'ro', 'bn', 'zh-Hans', 'ar']);
export type InfoLanguage = z.infer<typeof InfoLanguage>;
export const infoLanguages = InfoLanguage.options;

export const InfoSlug = z
  .string()
  .regex(/^[a-z0-9-]{1,60}$/, 'a page slug is 1–60 lower-case letters, digits or hyphens');

/**
 * The front matter of a page file. In a translation, `url` and `phone` may be left out: the English
 * page's are used.
 */
const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${what} is missing` : `${what} must be text`),
});

export const InfoFrontMatter = z.strictObject({
  title: z.string(required('the title')).min(1, 'the title is empty').max(80, 'keep the title under 80 characters'),
  summary: z
    .string(required('the summary'))
    .min(1, 'the summary is empty')
    .max(200, 'keep the summary under 200 characters'),
  url: z.url({ protocol: /^https?$/, error: 'the url must be a full web address starting https://' }).optional(),
  phone: z
    .string()
    .regex(/^[0-9+() -]{6,25}$/, 'the phone number may only contain digits, spaces, +, ( and )')
    .optional(),
  reviewed: z.boolean({
    error: (issue) =>
      issue.input === undefined
        ? 'reviewed is missing: write reviewed: true once a council translator has checked the page, otherwise false'
        : 'reviewed must be true or false',
  }),
  /** Position in the list (smaller first); taken from the English page. */
  order: z.number().int().min(0).max(1000).optional(),
});
export type InfoFrontMatter = z.infer<typeof InfoFrontMatter>;

export const InfoPageSummary = z.object({
  slug: InfoSlug,
  title: z.string(),
  summary: z.string(),
  /** The language the page is actually in (English when the requested one is missing). */
  lang: InfoLanguage,
});
export type InfoPageSummary = z.infer<typeof InfoPageSummary>;

/** GET /api/info/pages/:slug?lang= */
export const InfoPage = InfoPageSummary.extend({
  keyPoints: z.array(z.string()).min(1),
  url: z.string(),
  phone: z.string().nullable(),
  /** false: machine or draft translation that a council translator has not checked yet. */
  reviewed: z.boolean(),
});
export type InfoPage = z.infer<typeof InfoPage>;

/** GET /api/info/pages?lang= */
export const InfoPageList = z.array(InfoPageSummary);

export const InfoLanguageQuery = z.strictObject({ lang: InfoLanguage.default('en') });

/** POST /api/info/pages/:slug/viewed — body optional. */
export const InfoViewedRequest = z.strictObject({ lang: InfoLanguage.default('en') });
export const InfoViewedResponse = z.object({ counted: z.literal(true) });

/** POST /api/kiosks/:kiosk/print-info */
export const PrintInfoRequest = z.strictObject({ slug: InfoSlug, lang: InfoLanguage.default('en') });
export type PrintInfoRequest = z.infer<typeof PrintInfoRequest>;
export const PrintInfoResponse = z.discriminatedUnion('printed', [
  /** `lang` is the language printed: scripts a receipt printer cannot print (bn, zh-Hans, ar) print in English. */
  z.object({ printed: z.literal(true), lang: InfoLanguage }),
  z.object({ printed: z.literal(false), reason: z.string(), detail: z.string() }),
]);
export type PrintInfoResponse = z.infer<typeof PrintInfoResponse>;

export const InfoViewCount = z.object({ key: z.string(), views: z.number().int().nonnegative() });

/** GET /api/reports/info-views?from&to (staff). */
export const InfoViewsReport = z.object({
  from: IsoUtc,
  to: IsoUtc,
  total: z.number().int().nonnegative(),
  /** Key is the slug; `title` is the English title (the slug when the page no longer exists). */
  byPage: z.array(InfoViewCount.extend({ title: z.string() })),
  /** Key is the date in the site's time zone, "YYYY-MM-DD". */
  byDay: z.array(InfoViewCount),
  byLanguage: z.array(InfoViewCount),
});
export type InfoViewsReport = z.infer<typeof InfoViewsReport>;
