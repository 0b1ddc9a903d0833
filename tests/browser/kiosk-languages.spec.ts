/**
 * Every language on the picker: named in its own language (marked with its own `lang`), and choosing
 * it turns the kiosk into that language with the right `lang` and `dir` on <html>.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { kioskUrl } from './kiosk-helpers';

interface LanguagesFile {
  languages: Array<{ code: string; nativeName: string; dir: string }>;
}
const { languages } = JSON.parse(readFileSync('locales/languages.json', 'utf8')) as LanguagesFile;
const kioskStrings = (code: string) =>
  JSON.parse(readFileSync(`locales/${code}/kiosk.json`, 'utf8')) as { attract: { title: string; start: string } };

test('each of the eight languages is offered by its own name and switches the whole kiosk', async ({ page, hub }) => {
  expect(languages.map((l) => l.code)).toEqual(['en', 'pl', 'pt', 'lt', 'ro', 'bn', 'zh-Hans', 'ar']);
  await page.goto(kioskUrl(hub));
  await expect(page.getByRole('group', { name: 'Choose your language' }).getByRole('button')).toHaveCount(
    languages.length,
  );
  for (const language of languages) {
    // The group's own name changes with the language, so find each by its name on the page.
    const button = page.getByRole('button', { name: language.nativeName, exact: true });
    await expect(button).toHaveAttribute('lang', language.code);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('lang', language.code);
    await expect(page.locator('html')).toHaveAttribute('dir', language.dir);
    const strings = kioskStrings(language.code);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(strings.attract.title);
    await expect(page.getByRole('button', { name: strings.attract.start })).toBeVisible();
    await expect(page).toHaveTitle(strings.attract.title);
  }
});
