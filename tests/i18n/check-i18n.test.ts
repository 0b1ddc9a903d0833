/**
 * The translation check (`npm run i18n:check`) against small made-up repositories: it must fail,
 * naming the fault, for each way a translation can be incomplete — and pass the real repository.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { check, keysInSource } from '../../scripts/check-i18n.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const meta = { reviewedBy: null, status: 'machine-draft-needs-review' };

function repo(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'i18n-check-'));
  roots.push(root);
  const all: Record<string, unknown> = {
    'locales/languages.json': {
      defaultLanguage: 'en',
      publicNamespaces: ['kiosk'],
      languages: [
        { code: 'en', nativeName: 'English', dir: 'ltr' },
        { code: 'ar', nativeName: 'العربية', dir: 'rtl' },
      ],
    },
    'renderer/kiosk/Screen.tsx': "const { t } = useTranslation('kiosk');\nt('hello');\nt('wait', { count: 3 });\n",
    'locales/en/kiosk.json': {
      hello: 'Hello',
      wait_one: 'About {{count}} minute',
      wait_other: 'About {{count}} minutes',
    },
    'locales/en/staff.json': { signIn: 'Sign in' },
    'locales/ar/kiosk.json': {
      _meta: meta,
      hello: 'مرحبًا',
      wait_zero: 'أقل من دقيقة',
      wait_one: 'دقيقة واحدة',
      wait_two: 'دقيقتان',
      wait_few: '{{count}} دقائق',
      wait_many: '{{count}} دقيقة',
      wait_other: '{{count}} دقيقة',
    },
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    if (content === undefined) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('translation check', () => {
  it('passes a complete repository, and the real one', () => {
    expect(check(repo({}))).toEqual([]);
    expect(check()).toEqual([]);
  });

  it('names a key used in code that English does not have', () => {
    const faults = check(
      repo({ 'renderer/kiosk/Other.tsx': "const { t } = useTranslation('kiosk');\nconst a = 1;\nt('goodbye');\n" }),
    );
    expect(faults).toEqual(['renderer/kiosk/Other.tsx:3: "kiosk:goodbye" is not in locales/en/kiosk.json']);
  });

  it('names a namespaced key in a missing namespace, and ignores keys in comments', () => {
    const faults = check(repo({ 'renderer/x.tsx': "// t('kiosk:nothing')\nt('reports:title');\n" }));
    expect(faults).toEqual(['renderer/x.tsx:2: namespace "reports" has no file locales/en/reports.json (key "title")']);
  });

  it('names every Arabic plural form that is missing', () => {
    const faults = check(
      repo({
        'locales/ar/kiosk.json': {
          _meta: meta,
          hello: 'مرحبًا',
          wait_one: 'دقيقة واحدة',
          wait_other: '{{count}} دقيقة',
        },
      }),
    );
    expect(faults.sort()).toEqual([
      'locales/ar/kiosk.json: missing "wait_few"',
      'locales/ar/kiosk.json: missing "wait_many"',
      'locales/ar/kiosk.json: missing "wait_two"',
      'locales/ar/kiosk.json: missing "wait_zero"',
    ]);
  });

  it('names a public file with no review status, a missing file, and a variable English does not give', () => {
    expect(check(repo({ 'locales/ar/kiosk.json': undefined }))).toEqual([
      'locales/ar/kiosk.json is missing (3 keys to translate)',
    ]);
    const noMeta = check(
      repo({
        'locales/ar/kiosk.json': {
          hello: 'مرحبًا {{name}}',
          wait_zero: 'a',
          wait_one: 'b',
          wait_two: 'c',
          wait_few: 'd',
          wait_many: 'e',
          wait_other: 'f',
        },
      }),
    );
    expect(noMeta).toContain(
      'locales/ar/kiosk.json has no "_meta": {"reviewedBy", "status"} saying whether a council translator has reviewed it',
    );
    expect(noMeta).toContain('locales/ar/kiosk.json: "hello" uses {{name}}, which English does not provide');
  });

  it('does not ask for English-only namespaces in other languages', () => {
    expect(check(repo({})).some((f) => f.includes('staff'))).toBe(false);
  });

  it('finds keys by useTranslation namespace, explicit namespace and i18nKey', () => {
    const keys = keysInSource('useTranslation(\'info\');\nt(\'a\');\nt("common:b");\n<Trans i18nKey="c" />', 'f.tsx');
    expect(keys.map((k) => `${k.namespace}:${k.key}@${k.where}`)).toEqual([
      'info:a@f.tsx:2',
      'common:b@f.tsx:3',
      'info:c@f.tsx:4',
    ]);
  });
});
