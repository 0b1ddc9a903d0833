/**
 * The information module: pages from `content/info/<lang>/<slug>.md` (docs/feedback-and-information.md
 * tells officers how to edit them), view counts, the staff views report, and the printed slip.
 */
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  InfoLanguageQuery,
  InfoSlug,
  InfoViewedRequest,
  PrintInfoRequest,
  type InfoPage,
  type InfoPageSummary,
  type InfoViewsReport,
  type PrintInfoResponse,
} from '../../contract/info.js';
import { toCsv } from '../../contract/csv.js';
import type { ServerContext, ServerModule } from '../context.js';
import { notFound, parseInput } from '../http/errors.js';
import { localDays, parseReportRange, reportFilename } from '../feedback/report-range.js';
import { zonedDay } from '../zoned-time.js';
import { describeProblem, InfoLibrary } from './library.js';
import { infoSlip, slipLanguage } from './slip.js';
import { infoMigrations, InfoViews, type ViewRow } from './views.js';

export const defaultContentDir = fileURLToPath(new URL('../../content/info', import.meta.url));

export interface InfoModuleOptions {
  /** Folder holding `<lang>/<slug>.md`; defaults to the repository's `content/info`. */
  contentDir?: string;
}

const SlugParams = z.strictObject({ slug: InfoSlug });
const KioskParams = z.strictObject({ kiosk: z.string().min(1).max(60) });

export function createInfoModule(options: InfoModuleOptions = {}): ServerModule {
  const contentDir = options.contentDir ?? process.env.KIOSK_CONTENT_DIR ?? defaultContentDir;

  return {
    name: 'info',
    migrations: infoMigrations,

    register(app: FastifyInstance, ctx: ServerContext) {
      const views = new InfoViews(ctx.db);
      const timeZone = ctx.config.site.timeZone;
      let library = loadAndReport(contentDir, ctx);

      const pageOr404 = (slug: string, lang: InfoPage['lang']): InfoPage => {
        const page = library.page(slug, lang);
        if (!page) throw notFound('information page', slug);
        return page;
      };

      app.get('/api/info/pages', async (request): Promise<InfoPageSummary[]> => {
        const { lang } = parseInput(InfoLanguageQuery, request.query, 'query');
        return library.list(lang);
      });

      app.get('/api/info/pages/:slug', async (request): Promise<InfoPage> => {
        const { slug } = parseInput(SlugParams, request.params, 'path');
        const { lang } = parseInput(InfoLanguageQuery, request.query, 'query');
        return pageOr404(slug, lang);
      });

      app.post('/api/info/pages/:slug/viewed', async (request) => {
        const { slug } = parseInput(SlugParams, request.params, 'path');
        const { lang } = parseInput(InfoViewedRequest, request.body);
        if (!library.has(slug)) throw notFound('information page', slug);
        views.count(zonedDay(ctx.clock.now(), timeZone), slug, lang);
        return { counted: true as const };
      });

      app.post('/api/kiosks/:kiosk/print-info', async (request): Promise<PrintInfoResponse> => {
        const { kiosk } = parseInput(KioskParams, request.params, 'path');
        const { slug, lang } = parseInput(PrintInfoRequest, request.body);
        if (!ctx.config.kiosks.some((k) => k.id === kiosk)) throw notFound('kiosk', kiosk);
        const page = pageOr404(slug, slipLanguage(lang));
        const printer = ctx.devices.forKiosk(kiosk).receiptPrinter;
        if (!printer)
          return { printed: false, reason: 'no-printer', detail: `Kiosk "${kiosk}" has no receipt printer.` };
        const slip = infoSlip(page, { councilName: ctx.config.site.councilName, siteName: ctx.config.site.name });
        try {
          const outcome = await printer.printReceipt(slip);
          return outcome.printed ? { printed: true, lang: page.lang } : outcome;
        } catch (error) {
          ctx.logger.error({ err: error, kiosk, slug }, 'information slip failed to print');
          return { printed: false, reason: 'error', detail: error instanceof Error ? error.message : String(error) };
        }
      });

      app.get('/api/reports/info-views', { preHandler: ctx.requireStaff }, async (request, reply) => {
        const range = parseReportRange(request.query, ctx.clock.now(), timeZone);
        const days = localDays(range, timeZone);
        const rows = views.between(days.first, days.last);
        const report = viewsReport(rows, range.from, range.to, (slug) => library.englishTitle(slug) ?? slug);
        if (range.format === 'json') return report;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${reportFilename('information-views', range, timeZone)}"`,
          )
          .send(viewsCsv(rows, (slug) => library.englishTitle(slug) ?? slug));
      });

      /** For the reports screen: what is wrong in the content files, so an officer can fix it. */
      app.get('/api/info/problems', { preHandler: ctx.requireStaff }, async () =>
        library.problems.map((p) => ({ ...p, text: describeProblem(p) })),
      );

      /** Reads the content folder again after an officer edited it; answers what is wrong, if anything. */
      app.post('/api/info/reload', { preHandler: ctx.requireStaff }, async () => {
        library = loadAndReport(contentDir, ctx);
        return { pages: library.list('en').length, problems: library.problems.map(describeProblem) };
      });
    },
  };
}

function loadAndReport(contentDir: string, ctx: ServerContext): InfoLibrary {
  const library = InfoLibrary.load(contentDir);
  for (const problem of library.problems)
    ctx.logger.warn({ problem: describeProblem(problem) }, 'information page left out');
  ctx.logger.info(
    { pages: library.list('en').length, problems: library.problems.length, contentDir },
    'information pages loaded',
  );
  return library;
}

function tallyBy(rows: readonly ViewRow[], key: (row: ViewRow) => string): { key: string; views: number }[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + row.views);
  return [...totals].map(([k, views]) => ({ key: k, views }));
}

export function viewsReport(
  rows: readonly ViewRow[],
  from: Date,
  to: Date,
  title: (slug: string) => string,
): InfoViewsReport {
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: rows.reduce((sum, row) => sum + row.views, 0),
    byPage: tallyBy(rows, (r) => r.slug)
      .sort((a, b) => b.views - a.views || a.key.localeCompare(b.key))
      .map((t) => ({ ...t, title: title(t.key) })),
    byDay: tallyBy(rows, (r) => r.day).sort((a, b) => a.key.localeCompare(b.key)),
    byLanguage: tallyBy(rows, (r) => r.lang).sort((a, b) => b.views - a.views || a.key.localeCompare(b.key)),
  };
}

function viewsCsv(rows: readonly ViewRow[], title: (slug: string) => string): string {
  return toCsv([
    ['day', 'slug', 'title', 'lang', 'views'],
    ...rows.map((r) => [r.day, r.slug, title(r.slug), r.lang, r.views]),
  ]);
}
