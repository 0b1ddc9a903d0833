import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InfoPage, InfoPageList, InfoViewsReport, PrintInfoResponse } from '../../contract/info.js';
import { ApiError } from '../../contract/queue.js';
import { defaultContentDir } from '../../server/info/module.js';
import { startTestServer, type TestServer } from '../feedback/test-server.js';

let t: TestServer | undefined;
const oneLine = (text: string) => text.replace(/\s+/g, ' ');
const withoutSpaces = (text: string) => text.replace(/\s+/g, '');
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('information pages API', () => {
  it('lists and serves pages in the chosen language, falling back to English, and names a bad language', async () => {
    t = await startTestServer();
    const list = InfoPageList.parse((await t.get('/api/info/pages?lang=pl')).body);
    expect(list).toHaveLength(8);
    expect(list.find((p) => p.slug === 'rent')).toMatchObject({ title: 'Czynsz', lang: 'pl' });

    const rent = InfoPage.parse((await t.get('/api/info/pages/rent?lang=ar')).body);
    expect(rent).toMatchObject({
      slug: 'rent',
      lang: 'ar',
      reviewed: false,
      url: 'https://www.council.example/housing/rent',
      phone: '01632 960 102',
    });
    expect(rent.keyPoints.length).toBeGreaterThan(2);

    const english = InfoPage.parse((await t.get('/api/info/pages/repairs')).body);
    expect(english).toMatchObject({ title: 'Repairs', lang: 'en', reviewed: true });

    const badLang = await t.get('/api/info/pages?lang=fr');
    expect(badLang.status).toBe(400);
    expect(ApiError.parse(badLang.body).error.field).toBe('lang');

    const missing = await t.get('/api/info/pages/parking');
    expect(missing.status).toBe(404);
    expect(ApiError.parse(missing.body).error.message).toContain('parking');
  });

  it('counts views per page and day with no personal data, and reports them to staff', async () => {
    t = await startTestServer({ start: '2026-07-14T22:30:00.000Z' });
    // 22:30 UTC = 23:30 in London: still 14 July.
    for (const [slug, lang] of [
      ['rent', 'en'],
      ['rent', 'pl'],
      ['repairs', 'ar'],
    ] as const) {
      const response = await t.post(`/api/info/pages/${slug}/viewed`, { lang });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ counted: true });
    }
    t.clock.advance(60 * 60_000); // 00:30 on 15 July in London
    expect((await t.post('/api/info/pages/rent/viewed')).status).toBe(200);

    const unknown = await t.post('/api/info/pages/parking/viewed', {});
    expect(unknown.status).toBe(404);
    const extra = await t.post('/api/info/pages/rent/viewed', { lang: 'en', kiosk: 'kiosk-1', name: 'Jane' });
    expect(extra.status).toBe(400);

    expect((await t.get('/api/reports/info-views?from=2026-07-14&to=2026-07-15')).status).toBe(401);
    const report = InfoViewsReport.parse(
      (await t.get('/api/reports/info-views?from=2026-07-14&to=2026-07-15', true)).body,
    );
    expect(report.total).toBe(4);
    expect(report.byPage).toEqual([
      { key: 'rent', views: 3, title: 'Rent' },
      { key: 'repairs', views: 1, title: 'Repairs' },
    ]);
    expect(report.byDay).toEqual([
      { key: '2026-07-14', views: 3 },
      { key: '2026-07-15', views: 1 },
    ]);
    expect(report.byLanguage).toEqual([
      { key: 'en', views: 2 },
      { key: 'ar', views: 1 },
      { key: 'pl', views: 1 },
    ]);
    const oneDay = InfoViewsReport.parse(
      (await t.get('/api/reports/info-views?from=2026-07-15&to=2026-07-15', true)).body,
    );
    expect(oneDay.total).toBe(1);
    const csv = await t.get('/api/reports/info-views?from=2026-07-14&to=2026-07-15&format=csv', true);
    expect(csv.text.split('\r\n')).toContain('2026-07-14,rent,Rent,pl,1');
    // Named by the report's days on the site clocks (London is an hour ahead of UTC in July).
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="information-views-2026-07-14-to-2026-07-15.csv"',
    );
    const oneDayCsv = await t.get('/api/reports/info-views?from=2026-07-15&to=2026-07-15&format=csv', true);
    expect(oneDayCsv.headers['content-disposition']).toBe('attachment; filename="information-views-2026-07-15.csv"');
  });
});

describe('printing an information slip', () => {
  it('prints the title, key points, web address and phone, with a QR code of the web address', async () => {
    t = await startTestServer({ simulateDevices: true, listen: true });
    const printer = t.server.ctx.devices.simulators?.('kiosk-1')?.receiptPrinter;
    expect(printer, 'the demo kiosk has a simulated receipt printer').toBeDefined();

    const response = await t.post('/api/kiosks/kiosk-1/print-info', { slug: 'debt-advice', lang: 'en' });
    expect(response.status).toBe(200);
    expect(PrintInfoResponse.parse(response.body)).toEqual({ printed: true, lang: 'en' });
    const text = printer!.lastText();
    expect(text).toContain('Debt advice');
    // The printer wraps long lines at the paper width; the address may break across two lines.
    expect(withoutSpaces(text)).toContain('Online:https://www.citizensadvice.org.uk/debt-and-money/');
    expect(text).toContain('Phone: 0800 144 8848');
    expect(oneLine(text)).toContain('- Bring your letters, bills and bank statements.');
    expect(printer!.lastPage()?.qrCodes).toEqual(['https://www.citizensadvice.org.uk/debt-and-money/']);
  });

  it('prints Portuguese as written, Polish without the letters the printer lacks, and Arabic pages in English', async () => {
    t = await startTestServer({ simulateDevices: true, listen: true });
    const printer = t.server.ctx.devices.simulators?.('kiosk-1')?.receiptPrinter;

    const polish = PrintInfoResponse.parse(
      (await t.post('/api/kiosks/kiosk-1/print-info', { slug: 'rent', lang: 'pl' })).body,
    );
    expect(polish).toEqual({ printed: true, lang: 'pl' });
    expect(oneLine(printer!.lastText())).toContain(
      '- Masz zaleglosci? Porozmawiaj z nami wczesnie: ustalimy plan splaty',
    );
    expect(printer!.lastText()).toContain('Telefon: 01632 960 102');

    const portuguese = PrintInfoResponse.parse(
      (await t.post('/api/kiosks/kiosk-1/print-info', { slug: 'rent', lang: 'pt' })).body,
    );
    expect(portuguese).toEqual({ printed: true, lang: 'pt' });
    expect(oneLine(printer!.lastText())).toContain('- Está em atraso? Fale connosco cedo');

    const arabic = PrintInfoResponse.parse(
      (await t.post('/api/kiosks/kiosk-1/print-info', { slug: 'rent', lang: 'ar' })).body,
    );
    expect(arabic).toEqual({ printed: true, lang: 'en' });
    expect(printer!.lastText()).toContain('Rent');
    expect(oneLine(printer!.lastText())).toContain('Online: https://www.council.example/housing/rent');
  });

  it('says why nothing printed when the paper has run out, and names an unknown kiosk or page', async () => {
    t = await startTestServer({ simulateDevices: true, listen: true });
    const printer = t.server.ctx.devices.simulators?.('kiosk-1')?.receiptPrinter;
    printer!.setPaperEnd(true);
    const outcome = PrintInfoResponse.parse(
      (await t.post('/api/kiosks/kiosk-1/print-info', { slug: 'rent', lang: 'en' })).body,
    );
    expect(outcome.printed).toBe(false);
    if (!outcome.printed) expect(outcome.reason).toMatch(/paper/);

    const noKiosk = await t.post('/api/kiosks/kiosk-9/print-info', { slug: 'rent' });
    expect(noKiosk.status).toBe(404);
    const noPage = await t.post('/api/kiosks/kiosk-1/print-info', { slug: 'parking' });
    expect(noPage.status).toBe(404);
    const badSlug = await t.post('/api/kiosks/kiosk-1/print-info', { slug: 'Rent Page' });
    expect(ApiError.parse(badSlug.body).error.field).toBe('slug');
  });
});

describe('officers editing pages', () => {
  it('picks up an edited page on reload, and names a broken file while the other pages stay', async () => {
    const root = mkdtempSync(join(tmpdir(), 'info-edit-'));
    const contentDir = join(root, 'info');
    cpSync(defaultContentDir, contentDir, { recursive: true });
    try {
      t = await startTestServer({ contentDir });
      const staff = { authorization: `Bearer ${t.token}` };
      writeFileSync(
        join(contentDir, 'en', 'opening-hours.md'),
        '---\ntitle: Opening hours\nsummary: Closed on Friday 28 November for training.\nurl: https://www.council.example/contact-us\nreviewed: true\norder: 7\n---\n- Closed on Friday 28 November.\n',
      );
      writeFileSync(join(contentDir, 'pl', 'rent.md'), '---\ntitle: Czynsz\nreviewed: false\n---\n- Jedna rzecz\n');

      expect((await t.post('/api/info/reload')).status).toBe(401);
      const reload = await t.post('/api/info/reload', undefined, staff);
      expect(reload.body).toEqual({ pages: 8, problems: ['info/pl/rent.md, "summary": the summary is missing'] });

      const hours = InfoPage.parse((await t.get('/api/info/pages/opening-hours?lang=pl')).body);
      // The Polish page still exists and is served; the English one changed.
      expect(hours.lang).toBe('pl');
      expect(InfoPage.parse((await t.get('/api/info/pages/opening-hours')).body).keyPoints).toEqual([
        'Closed on Friday 28 November.',
      ]);
      // The broken translation falls back to English.
      expect(InfoPage.parse((await t.get('/api/info/pages/rent?lang=pl')).body)).toMatchObject({
        lang: 'en',
        title: 'Rent',
      });

      const problems = await t.get('/api/info/problems', true);
      expect(problems.body).toEqual([
        {
          file: 'info/pl/rent.md',
          field: 'summary',
          message: 'the summary is missing',
          text: 'info/pl/rent.md, "summary": the summary is missing',
        },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
