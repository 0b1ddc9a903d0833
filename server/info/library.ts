/**
 * All information pages, loaded from `content/info/<lang>/<slug>.md` at start-up. A broken file is
 * reported (file, line or field, what is wrong) and left out; every other page still loads, and a
 * missing or broken translation falls back to the English page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import {
  InfoFrontMatter,
  InfoLanguage,
  InfoSlug,
  infoLanguages,
  type InfoPage,
  type InfoPageSummary,
} from '../../contract/info.js';
import { readPageFile } from './page-file.js';

const KeyPoints = z
  .array(z.string().min(1).max(300, 'keep each key point under 300 characters'))
  .min(1)
  .max(10, 'give at most 10 key points: the slip and the screen have room for no more');

export interface ContentProblem {
  /** Path relative to the content folder's parent, e.g. "info/pl/rent.md". */
  file: string;
  line?: number;
  field?: string;
  message: string;
}

interface LoadedPage {
  slug: string;
  lang: InfoLanguage;
  front: InfoFrontMatter;
  keyPoints: string[];
}

export function describeProblem(problem: ContentProblem): string {
  const where = [
    problem.file,
    problem.line !== undefined ? `line ${problem.line}` : null,
    problem.field ? `"${problem.field}"` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${problem.message}`;
}

export class InfoLibrary {
  private constructor(
    /** slug → lang → page; every slug here has an English page. */
    private readonly pages: Map<string, Map<InfoLanguage, LoadedPage>>,
    readonly problems: readonly ContentProblem[],
  ) {}

  /** Reads `<contentDir>/<lang>/*.md`. Never throws for a bad file: see `problems`. */
  static load(contentDir: string): InfoLibrary {
    const problems: ContentProblem[] = [];
    const loaded: LoadedPage[] = [];
    const base = join(contentDir, '..');
    const label = (path: string) => relative(base, path).split('\\').join('/');

    let entries: string[];
    try {
      entries = readdirSync(contentDir);
    } catch {
      return new InfoLibrary(new Map(), [
        { file: label(contentDir), message: 'the information content folder is missing' },
      ]);
    }
    for (const dir of entries.sort()) {
      const dirPath = join(contentDir, dir);
      if (!statSync(dirPath).isDirectory()) continue;
      const lang = InfoLanguage.safeParse(dir);
      if (!lang.success) {
        problems.push({
          file: label(dirPath),
          message: `"${dir}" is not a kiosk language; folders are ${infoLanguages.join(', ')}`,
        });
        continue;
      }
      for (const name of readdirSync(dirPath).sort()) {
        const filePath = join(dirPath, name);
        if (!name.endsWith('.md')) continue;
        const slug = name.slice(0, -3);
        const file = label(filePath);
        if (!InfoSlug.safeParse(slug).success) {
          problems.push({
            file,
            message: 'file names are lower-case letters, digits and hyphens, ending .md (e.g. council-tax.md)',
          });
          continue;
        }
        const page = loadPage(readFileSync(filePath, 'utf8'), slug, lang.data, file, problems);
        if (page) loaded.push(page);
      }
    }

    const pages = new Map<string, Map<InfoLanguage, LoadedPage>>();
    for (const page of loaded.filter((p) => p.lang === 'en')) pages.set(page.slug, new Map([['en', page]]));
    for (const page of loaded.filter((p) => p.lang !== 'en')) {
      const languages = pages.get(page.slug);
      if (!languages) {
        problems.push({
          file: `info/${page.lang}/${page.slug}.md`,
          message: `there is no working English page info/en/${page.slug}.md, which every translation needs`,
        });
        continue;
      }
      languages.set(page.lang, page);
    }
    return new InfoLibrary(pages, problems);
  }

  /** Every page in the order of the English pages' `order`, then title; each in `lang` or English. */
  list(lang: InfoLanguage): InfoPageSummary[] {
    const english = [...this.pages.values()].map((languages) => languages.get('en') as LoadedPage);
    english.sort(
      (a, b) => (a.front.order ?? 1000) - (b.front.order ?? 1000) || a.front.title.localeCompare(b.front.title),
    );
    return english.map((en) => {
      const page = this.pages.get(en.slug)?.get(lang) ?? en;
      return { slug: page.slug, title: page.front.title, summary: page.front.summary, lang: page.lang };
    });
  }

  /** The page in `lang`, or in English when that translation is missing or broken; undefined if no such page. */
  page(slug: string, lang: InfoLanguage): InfoPage | undefined {
    const languages = this.pages.get(slug);
    if (!languages) return undefined;
    const en = languages.get('en') as LoadedPage;
    const page = languages.get(lang) ?? en;
    return {
      slug,
      title: page.front.title,
      summary: page.front.summary,
      keyPoints: page.keyPoints,
      // Web address and phone are the same in every language unless a translation gives its own.
      url: page.front.url ?? (en.front.url as string),
      phone: page.front.phone ?? en.front.phone ?? null,
      reviewed: page.front.reviewed,
      lang: page.lang,
    };
  }

  has(slug: string): boolean {
    return this.pages.has(slug);
  }

  /** English title, for reports. */
  englishTitle(slug: string): string | undefined {
    return this.pages.get(slug)?.get('en')?.front.title;
  }
}

function loadPage(
  text: string,
  slug: string,
  lang: InfoLanguage,
  file: string,
  problems: ContentProblem[],
): LoadedPage | undefined {
  const read = readPageFile(text);
  if ('problem' in read) {
    problems.push({ file, ...read.problem });
    return undefined;
  }
  const front = InfoFrontMatter.safeParse(read.page.frontMatter);
  if (!front.success) {
    for (const issue of front.error.issues) {
      const field =
        issue.path.length > 0
          ? issue.path.join('.')
          : issue.code === 'unrecognized_keys'
            ? issue.keys.join(', ')
            : undefined;
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown field; the fields are ${Object.keys(InfoFrontMatter.shape).join(', ')}`
          : issue.message;
      problems.push({ file, ...(field ? { field } : {}), message });
    }
    return undefined;
  }
  if (lang === 'en' && !front.data.url) {
    problems.push({
      file,
      field: 'url',
      message: 'English pages need the web address of the matching online page (it becomes the QR code)',
    });
    return undefined;
  }
  const keyPoints = KeyPoints.safeParse(read.page.keyPoints);
  if (!keyPoints.success) {
    const issue = keyPoints.error.issues[0];
    problems.push({
      file,
      field: issue && issue.path.length > 0 ? `keyPoints.${issue.path.join('.')}` : 'keyPoints',
      message: issue?.message ?? 'key points are not valid',
    });
    return undefined;
  }
  return { slug, lang, front: front.data, keyPoints: keyPoints.data };
}
