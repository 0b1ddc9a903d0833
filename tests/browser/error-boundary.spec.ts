/**
 * A screen that fails while rendering says so instead of going blank. On the kiosk: a calm
 * full-screen apology in the resident's language, and a fresh start after a few seconds. On the staff
 * pages and the lobby board: a Reload button. Each is logged to the console and passes axe.
 */
import type { BrowserContext, ConsoleMessage, Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations } from './fixtures';
import { kioskUrl, startVisit, words } from './kiosk-helpers';

/** Errors the page logged, as text. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/**
 * Setting the page title throws once per tab, as a component that fails while drawing would: every
 * screen sets it as soon as it has rendered. With `only`, just the first time it is set to that text.
 */
async function refuseTitleOnce(context: BrowserContext, only?: string): Promise<void> {
  await context.addInitScript((refused: string | null) => {
    const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
    Object.defineProperty(Document.prototype, 'title', {
      configurable: true,
      get(this: Document) {
        return title?.get?.call(this) as string;
      },
      set(this: Document, value: string) {
        if ((refused === null || value === refused) && sessionStorage.getItem('title-refused') === null) {
          sessionStorage.setItem('title-refused', 'yes');
          throw new Error('the page title is refused once (test)');
        }
        title?.set?.call(this, value);
      },
    });
  }, only ?? null);
}

/** The repairs page fails to draw the first time it opens. */
async function breakRepairsPage(page: Page, lang: 'en' | 'ar'): Promise<void> {
  await refuseTitleOnce(page.context(), words[lang].repairs);
}

async function openRepairs(page: Page, lang: 'en' | 'ar'): Promise<void> {
  await startVisit(page, lang);
  await page.getByRole('button', { name: words[lang].information }).click();
  await page.getByRole('button', { name: words[lang].repairs, exact: true }).click();
}

test('kiosk: a page that fails to draw apologises in Arabic, then starts again after a few seconds', async ({
  page,
  hub,
}) => {
  const errors = collectErrors(page);
  await page.clock.install();
  await breakRepairsPage(page, 'ar');
  await page.goto(kioskUrl(hub));
  await openRepairs(page, 'ar');

  await expect(page.getByRole('heading', { level: 1, name: 'عذرًا، حدث خطأ ما' })).toBeVisible();
  await expect(page.getByText('يرجى السؤال في الاستقبال.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page, 'kiosk crash screen (Arabic)');
  expect(errors.some((text) => text.includes('The screen stopped with an error'))).toBe(true);

  await page.clock.fastForward(10_000);
  await expect(page.getByRole('button', { name: words.en.start })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('kiosk: "Start again" on the apology goes back to the attract screen at once', async ({ page, hub }) => {
  await breakRepairsPage(page, 'en');
  await page.goto(kioskUrl(hub));
  await openRepairs(page, 'en');

  await expect(page.getByRole('heading', { level: 1, name: 'Sorry, something went wrong' })).toBeVisible();
  await expect(page.getByText('Please ask at reception.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page, 'kiosk crash screen (English)');

  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(page.getByRole('button', { name: words.en.start })).toBeVisible();
});

test('staff pages and the lobby board offer a reload after a render error', async ({ page, hub }) => {
  test.setTimeout(90_000);
  await refuseTitleOnce(page.context());

  const pages = [
    { path: '/staff', afterReload: { role: 'heading', name: 'Sign in' } },
    { path: '/reports', afterReload: { role: 'heading', name: 'Sign in' } },
    { path: '/payments.html', afterReload: { role: 'heading', name: 'Sign in' } },
    { path: '/display', afterReload: { role: 'heading', name: 'Now calling' } },
  ] as const;
  for (const { path, afterReload } of pages) {
    const tab = await page.context().newPage();
    const errors = collectErrors(tab);
    await tab.goto(`${hub.url}${path}`);
    await expect(tab.getByRole('heading', { level: 1, name: 'Sorry, something went wrong' }), path).toBeVisible();
    await expect(tab.locator('html')).toHaveAttribute('lang', 'en');
    await expectNoAxeViolations(tab, `${path} after a render error`);
    expect(
      errors.some((text) => text.includes('The screen stopped with an error')),
      path,
    ).toBe(true);

    await tab.getByRole('button', { name: 'Reload' }).click();
    await expect(tab.getByRole(afterReload.role, { name: afterReload.name }).first(), path).toBeVisible();
    await tab.close();
  }
});
