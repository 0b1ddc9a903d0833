import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { infoLanguages } from '../../contract/info.js';
import { defaultContentDir } from '../../server/info/module.js';
import { describeProblem, InfoLibrary } from '../../server/info/library.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A content folder `info/` with the given files, e.g. { 'en/rent.md': '…' }. */
function contentDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'info-content-'));
  dirs.push(root);
  const dir = join(root, 'info');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const page = (fields: string, points = '- One thing to know\n') => `---\n${fields}\n---\n${points}`;
const englishRent = page(
  'title: Rent\nsummary: Pay your rent.\nurl: https://council.example/rent\nphone: 01632 960 102\nreviewed: true\norder: 2',
);
const englishRepairs = page(
  'title: Repairs\nsummary: Report a repair.\nurl: https://council.example/repairs\nreviewed: true\norder: 1',
  '- Report online\n- Emergencies: phone\n  day or night\n',
);

describe('the shipped content', () => {
  it('loads with no problems: every page in English (reviewed) and in every kiosk language (awaiting review)', () => {
    const library = InfoLibrary.load(defaultContentDir);
    expect(library.problems.map(describeProblem)).toEqual([]);
    const slugs = library.list('en').map((p) => p.slug);
    expect(slugs).toEqual([
      'repairs',
      'rent',
      'council-tax',
      'benefits',
      'housing-options',
      'debt-advice',
      'opening-hours',
      'do-it-online',
    ]);
    for (const slug of slugs) {
      expect(library.page(slug, 'en')).toMatchObject({ lang: 'en', reviewed: true });
      for (const lang of infoLanguages.filter((l) => l !== 'en')) {
        const translated = library.page(slug, lang);
        expect(translated?.lang, `${lang}/${slug}`).toBe(lang);
        expect(translated?.reviewed, `${lang}/${slug}`).toBe(false);
        expect(translated?.title).not.toBe(library.page(slug, 'en')?.title);
        expect(translated?.url).toMatch(/^https:\/\//);
      }
    }
  });
});

describe('content validation', () => {
  it('names the file and field of a broken page, and still loads the others', () => {
    const library = InfoLibrary.load(
      contentDir({
        'en/rent.md': englishRent,
        'en/repairs.md': englishRepairs,
        'en/benefits.md': page('summary: Help with costs.\nurl: https://council.example/benefits\nreviewed: true'),
        'en/council-tax.md': page('title: Council Tax\nsummary: Pay it.\nurl: council.example/ctax\nreviewed: maybe'),
        'en/opening-hours.md': page(
          'title: Hours\nsummary: When.\nurl: https://council.example/hours\nreviewed: true\ncolour: blue',
        ),
        'en/debt-advice.md':
          '---\ntitle: Debt\nsummary: Advice.\nurl: https://council.example/debt\nreviewed: true\n---\nSee an adviser.\n',
        'en/Bad Name.md': englishRent,
        'fr/rent.md': englishRent,
      }),
    );
    expect(library.list('en').map((p) => p.slug)).toEqual(['repairs', 'rent']);
    const messages = library.problems.map(describeProblem);
    expect(messages).toContain('info/en/benefits.md, "title": the title is missing');
    expect(messages.some((m) => m.startsWith('info/en/council-tax.md, "url": ') && m.includes('https://'))).toBe(true);
    expect(messages).toContain('info/en/council-tax.md, "reviewed": reviewed must be true or false');
    expect(messages.some((m) => m.startsWith('info/en/opening-hours.md, "colour": unknown field'))).toBe(true);
    expect(messages).toContain(
      'info/en/debt-advice.md, line 7, "keyPoints": key points are a list: start each with "- " (found "See an adviser.")',
    );
    expect(messages.some((m) => m.startsWith('info/en/Bad Name.md: file names are lower-case'))).toBe(true);
    expect(messages.some((m) => m.startsWith('info/fr: "fr" is not a kiosk language'))).toBe(true);
  });

  it('joins an indented line to the key point above it', () => {
    const library = InfoLibrary.load(contentDir({ 'en/repairs.md': englishRepairs }));
    expect(library.page('repairs', 'en')?.keyPoints).toEqual(['Report online', 'Emergencies: phone day or night']);
  });

  it('needs the web address on English pages (it becomes the QR code)', () => {
    const library = InfoLibrary.load(contentDir({ 'en/rent.md': page('title: Rent\nsummary: Pay.\nreviewed: true') }));
    expect(library.list('en')).toEqual([]);
    expect(library.problems.map(describeProblem)).toEqual([
      'info/en/rent.md, "url": English pages need the web address of the matching online page (it becomes the QR code)',
    ]);
  });

  it('reports a translation without an English page', () => {
    const library = InfoLibrary.load(
      contentDir({
        'en/rent.md': englishRent,
        'pl/parking.md': page('title: Parkowanie\nsummary: Opłaty.\nreviewed: false'),
      }),
    );
    expect(library.problems.map(describeProblem)).toEqual([
      'info/pl/parking.md: there is no working English page info/en/parking.md, which every translation needs',
    ]);
  });
});

describe('language fallback', () => {
  const files = {
    'en/rent.md': englishRent,
    'en/repairs.md': englishRepairs,
    'pl/rent.md': page('title: Czynsz\nsummary: Zapłać czynsz.\nreviewed: false', '- Jedna rzecz\n'),
    // Broken translation: falls back to English for this page only.
    'pl/repairs.md': page('title: Naprawy\nreviewed: false'),
  };

  it('serves each page in the chosen language where it exists and in English where not', () => {
    const library = InfoLibrary.load(contentDir(files));
    expect(library.list('pl')).toEqual([
      { slug: 'repairs', title: 'Repairs', summary: 'Report a repair.', lang: 'en' },
      { slug: 'rent', title: 'Czynsz', summary: 'Zapłać czynsz.', lang: 'pl' },
    ]);
    expect(library.list('ar').every((p) => p.lang === 'en')).toBe(true);
    expect(library.problems.map(describeProblem)).toEqual(['info/pl/repairs.md, "summary": the summary is missing']);
  });

  it('takes the web address and phone from the English page when a translation leaves them out', () => {
    const library = InfoLibrary.load(contentDir(files));
    expect(library.page('rent', 'pl')).toEqual({
      slug: 'rent',
      title: 'Czynsz',
      summary: 'Zapłać czynsz.',
      keyPoints: ['Jedna rzecz'],
      url: 'https://council.example/rent',
      phone: '01632 960 102',
      reviewed: false,
      lang: 'pl',
    });
    expect(library.page('repairs', 'en')?.phone).toBeNull();
    expect(library.page('parking', 'en')).toBeUndefined();
  });
});
