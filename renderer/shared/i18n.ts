/**
 * i18next for every screen. Translations live in locales/<lang>/<namespace>.json and are bundled as
 * one small chunk per file, fetched only when that language is chosen (so the kiosk's first load
 * carries English only). Plural forms come from Intl.PluralRules (i18next's JSON v4 suffixes
 * `_zero/_one/_two/_few/_many/_other`: Arabic uses all six). `lang` and `dir` on <html> follow the
 * chosen language, so the layout mirrors for Arabic (the styles use logical properties).
 */
import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, findLanguage, languages } from './languages';

type Resource = Record<string, unknown>;
const loaders = import.meta.glob<Resource>('../../locales/*/*.json', { import: 'default' });

/** Loads locales/<lng>/<ns>.json; a namespace a language does not have is empty (English fills in). */
const bundledBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = loaders[`../../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (resource) => callback(null, withoutMeta(resource)),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

function withoutMeta(resource: Resource): Resource {
  const { _meta: _ignored, ...rest } = resource;
  return rest;
}

export function directionOf(code: string): 'ltr' | 'rtl' {
  return findLanguage(code)?.dir ?? (i18next.dir(code) === 'rtl' ? 'rtl' : 'ltr');
}

function applyToDocument(code: string): void {
  document.documentElement.lang = code;
  document.documentElement.dir = directionOf(code);
}

export interface I18nOptions {
  /** Namespaces this page uses; the first is the default for t('key'). `common` is always added. */
  namespaces: string[];
  /** Start language; anything not in locales/languages.json falls back to English. */
  language?: string | null;
}

export async function initI18n({ namespaces, language }: I18nOptions): Promise<typeof i18next> {
  const ns = [...new Set([...namespaces, 'common'])];
  const lng = findLanguage(language)?.code ?? defaultLanguage;
  await i18next
    .use(bundledBackend)
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: defaultLanguage,
      supportedLngs: languages.map((l) => l.code),
      load: 'currentOnly',
      ns,
      defaultNS: ns[0],
      fallbackNS: 'common',
      interpolation: { escapeValue: false },
      returnEmptyString: false,
      react: { useSuspense: false, bindI18n: 'languageChanged loaded' },
    });
  applyToDocument(i18next.language);
  i18next.on('languageChanged', applyToDocument);
  return i18next;
}

/** Changes language and waits until its files are loaded, so the next paint is whole. */
export async function changeLanguage(code: string): Promise<void> {
  const target = findLanguage(code)?.code ?? defaultLanguage;
  if (i18next.language === target) return;
  await i18next.changeLanguage(target);
}

export { i18next };
