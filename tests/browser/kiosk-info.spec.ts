/**
 * Information pages at the kiosk: the list from the council's content files, a page with its key
 * points, a QR code to the page online (with the address as text too), "Print this" on the receipt
 * printer, and a view count with nothing about the resident. An address too long for a QR code is
 * given as text only.
 */
import { test, expect, expectNoAxeViolations, type HubApi } from './fixtures';
import { kioskUrl, startVisit, words } from './kiosk-helpers';

interface ViewsReport {
  total: number;
  byPage: Array<{ key: string; views: number }>;
  byLanguage: Array<{ key: string; views: number }>;
}

async function views(api: HubApi): Promise<ViewsReport> {
  await api.signIn();
  return api.get<ViewsReport>('/api/reports/info-views');
}

test('English: open Repairs, see its key points and QR code, print it; the view is counted', async ({
  page,
  hub,
  api,
}) => {
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'en');
  await page.getByRole('button', { name: words.en.information }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Information' })).toBeVisible();
  const pages = await api.get<Array<{ slug: string; title: string }>>('/api/info/pages?lang=en');
  for (const info of pages) await expect(page.getByRole('button', { name: info.title, exact: true })).toBeVisible();

  await page.getByRole('button', { name: words.en.repairs, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.en.repairs })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Key points' })).toBeVisible();
  const full = await api.get<{ keyPoints: string[]; url: string; phone: string }>('/api/info/pages/repairs?lang=en');
  await expect(page.getByRole('listitem').filter({ hasText: full.keyPoints[0] ?? 'none' })).toBeVisible();
  // The QR code is an image named by the address it opens; the address is also written out.
  await expect(
    page.getByRole('img', { name: new RegExp(`QR code for .*${full.url.replace(/[.]/g, '\\.')}`) }),
  ).toBeVisible();
  await expect(page.getByText(full.url)).toBeVisible();
  await expect(page.getByText(full.phone)).toBeVisible();

  await page.getByRole('button', { name: words.en.print }).click();
  await expect(page.getByRole('status').filter({ hasText: words.en.printed })).toBeVisible();

  const report = await views(api);
  expect(report.byPage.find((p) => p.key === 'repairs')?.views).toBe(1);
  expect(report.byLanguage.find((l) => l.key === 'en')?.views).toBe(1);
});

test('Arabic: pages are listed and shown in Arabic, marked as not yet checked by the council', async ({
  page,
  hub,
  api,
}) => {
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'ar');
  await page.getByRole('button', { name: words.ar.information }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'معلومات' })).toBeVisible();
  await page.getByRole('button', { name: words.ar.repairs, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.ar.repairs })).toBeVisible();
  await expect(page.getByText('لم يراجع المجلس هذه الترجمة بعد.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'النقاط الرئيسية' })).toBeVisible();
  await expect(page.getByRole('img', { name: /رمز QR/ })).toBeVisible();

  await page.getByRole('button', { name: 'جميع المواضيع' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'معلومات' })).toBeVisible();
  expect((await views(api)).byLanguage.find((l) => l.key === 'ar')?.views).toBe(1);
});

test('an address too long for any QR code: the page still shows, with the address to type instead', async ({
  page,
  hub,
}) => {
  // The server's own answer for Repairs, with an address no QR code can hold (over 2,331 characters).
  const longAddress = `https://www.example.gov.uk/${'x'.repeat(4000)}`;
  await page.route('**/api/info/pages/repairs?*', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...body, url: longAddress } });
  });
  await page.goto(kioskUrl(hub));
  await startVisit(page, 'en');
  await page.getByRole('button', { name: words.en.information }).click();
  await page.getByRole('button', { name: words.en.repairs, exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: words.en.repairs })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Key points' })).toBeVisible();
  await expect(page.getByText('Type this address into your phone or computer to open this page:')).toBeVisible();
  await expect(page.getByText(longAddress)).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: words.en.print })).toBeEnabled();
  await expectNoAxeViolations(page, 'information page without a QR code');
});
