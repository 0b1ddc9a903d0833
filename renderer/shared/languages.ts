/**
 * The kiosk's languages, from locales/languages.json: each named in its own language, with its
 * writing direction and which namespaces are translated for residents.
 */
import languagesFile from '../../locales/languages.json';

export interface Language {
  code: string;
  nativeName: string;
  englishName: string;
  dir: 'ltr' | 'rtl';
}

export const languages: readonly Language[] = languagesFile.languages.map((l) => ({
  ...l,
  dir: l.dir === 'rtl' ? 'rtl' : 'ltr',
}));
export const defaultLanguage: string = languagesFile.defaultLanguage;
export const publicNamespaces: readonly string[] = languagesFile.publicNamespaces;

export function findLanguage(code: string | null | undefined): Language | undefined {
  return languages.find((l) => l.code === code);
}
