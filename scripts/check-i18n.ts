/**
 * `npm run i18n:check`: the translation check (our own; i18next-cli needs Node 22).
 *
 * 1. Every key the renderer uses — t('ns:key'), t('key') under useTranslation('ns'), i18nKey="…" —
 *    exists in English (a plural key counts when its `_one`/`_other`… forms exist).
 * 2. Every English key of a public namespace (locales/languages.json `publicNamespaces`) exists in
 *    every language, with every plural form that language needs (Intl.PluralRules: Arabic needs six).
 * 3. Every non-English public file says whether a council translator has reviewed it (`_meta`).
 *
 * Keys built at run time (t(`services.${id}`)) cannot be checked here; they always have a fallback.
 * Exits 1 with a list of every fault.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

interface LanguagesFile {
  defaultLanguage: string;
  publicNamespaces: string[];
  languages: Array<{ code: string; nativeName: string; dir: 'ltr' | 'rtl' }>;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Flattens nested objects to dotted keys, skipping `_meta` / `_comment` (review status, notes). */
export function flattenKeys(value: Json, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    if (prefix === '' && key.startsWith('_')) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (child !== null && typeof child === 'object' && !Array.isArray(child))
      for (const [k, v] of flattenKeys(child, path)) out.set(k, v);
    else out.set(path, typeof child === 'string' ? child : JSON.stringify(child));
  }
  return out;
}

function readJson(file: string, root: string): Json {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (error) {
    throw new Error(`${relative(root, file)} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface UsedKey {
  namespace: string;
  key: string;
  where: string;
}

/** Finds translation keys in one source file. The file's default namespace is its first useTranslation('ns'). */
/** Blanks out comments (keeping line numbers), so an example in a comment is not taken for a use. */
function withoutComments(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[\s;{}()])\/\/[^\n]*/g, (m) => blank(m));
}

export function keysInSource(rawSource: string, where: string, fallbackNamespace = 'common'): UsedKey[] {
  const source = withoutComments(rawSource);
  const nsMatch = /useTranslation\(\s*(?:\[\s*)?['"]([\w-]+)['"]/.exec(source);
  const defaultNs = nsMatch?.[1] ?? fallbackNamespace;
  const keys: UsedKey[] = [];
  const patterns = [/\bt\(\s*['"]([^'"`]+)['"]/g, /\bi18nKey=["']([^"']+)["']/g, /\bi18next\.t\(\s*['"]([^'"`]+)['"]/g];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const raw = match[1] ?? '';
      const line = source.slice(0, match.index).split('\n').length;
      const [namespace, key] = raw.includes(':') ? (raw.split(':', 2) as [string, string]) : [defaultNs, raw];
      keys.push({ namespace, key, where: `${where}:${line}` });
    }
  }
  return keys;
}

function hasKey(keys: Map<string, string>, key: string): boolean {
  if (keys.has(key)) return true;
  return [...keys.keys()].some((k) => k.replace(pluralSuffix, '') === key && pluralSuffix.test(k));
}

/** Checks the repository at `root` (its `locales/` and `renderer/`); returns every fault found. */
export function check(root: string = repositoryRoot): string[] {
  const faults: string[] = [];
  const localesDir = join(root, 'locales');
  const languagesPath = join(localesDir, 'languages.json');
  const languages = readJson(languagesPath, root) as unknown as LanguagesFile;
  const english = languages.defaultLanguage;
  const namespaces = (lang: string) =>
    existsSync(join(localesDir, lang))
      ? readdirSync(join(localesDir, lang))
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.replace(/\.json$/, ''))
      : [];
  const load = (lang: string, ns: string) => flattenKeys(readJson(join(localesDir, lang, `${ns}.json`), root));

  const englishKeys = new Map<string, Map<string, string>>();
  for (const ns of namespaces(english)) englishKeys.set(ns, load(english, ns));

  // 1. Keys used in code exist in English.
  for (const file of sourceFiles(join(root, 'renderer'))) {
    const where = relative(root, file);
    for (const used of keysInSource(readFileSync(file, 'utf8'), where)) {
      const keys = englishKeys.get(used.namespace);
      if (!keys)
        faults.push(
          `${used.where}: namespace "${used.namespace}" has no file locales/${english}/${used.namespace}.json (key "${used.key}")`,
        );
      else if (!hasKey(keys, used.key))
        faults.push(
          `${used.where}: "${used.namespace}:${used.key}" is not in locales/${english}/${used.namespace}.json`,
        );
    }
  }

  // 2. Every English key of a public namespace exists in every language, in every plural form it needs.
  for (const { code } of languages.languages) {
    if (code === english) continue;
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    for (const ns of languages.publicNamespaces) {
      const source = englishKeys.get(ns);
      if (!source) continue; // the namespace's owner has not added it yet
      const file = join(localesDir, code, `${ns}.json`);
      if (!existsSync(file)) {
        faults.push(`locales/${code}/${ns}.json is missing (${source.size} keys to translate)`);
        continue;
      }
      const json = readJson(file, root) as { _meta?: { status?: string } };
      if (!json._meta?.status)
        faults.push(
          `locales/${code}/${ns}.json has no "_meta": {"reviewedBy", "status"} saying whether a council translator has reviewed it`,
        );
      const translated = flattenKeys(json);
      const required = new Set<string>();
      for (const key of source.keys()) {
        const base = key.replace(pluralSuffix, '');
        if (base !== key) for (const category of categories) required.add(`${base}_${category}`);
        else required.add(key);
      }
      for (const key of required) if (!translated.has(key)) faults.push(`locales/${code}/${ns}.json: missing "${key}"`);
      for (const [key, value] of translated) {
        if (value.trim() === '') faults.push(`locales/${code}/${ns}.json: "${key}" is empty`);
        const englishValue = source.get(key) ?? source.get(key.replace(pluralSuffix, '_other'));
        if (englishValue === undefined) continue;
        const vars = (text: string) =>
          [...text.matchAll(/\{\{\s*(\w+)/g)]
            .map((m) => m[1])
            .sort()
            .join(',');
        const expected = new Set(vars(englishValue).split(',').filter(Boolean));
        for (const v of vars(value).split(',').filter(Boolean))
          if (!expected.has(v))
            faults.push(`locales/${code}/${ns}.json: "${key}" uses {{${v}}}, which English does not provide`);
      }
    }
  }
  return faults;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const faults = check();
    if (faults.length > 0) {
      console.error(`Translation check failed (${faults.length}):`);
      for (const fault of faults) console.error(`  - ${fault}`);
      process.exit(1);
    }
    console.log(
      'Translation check passed: every key used in code exists in English, and every public key exists in every language.',
    );
  } catch (error) {
    console.error(`Translation check could not run: ${(error as Error).message}`);
    process.exit(1);
  }
}
