/**
 * Checks information page files before they go to a kiosk:
 *   npx tsx server/info/check-content.ts [content/info]
 * Prints one line per problem (file, line or field, what is wrong); exit code 1 when there is any.
 */
import { resolve } from 'node:path';
import { infoLanguages } from '../../contract/info.js';
import { describeProblem, InfoLibrary } from './library.js';
import { defaultContentDir } from './module.js';

const dir = resolve(process.argv[2] ?? defaultContentDir);
const library = InfoLibrary.load(dir);
const pages = library.list('en');
for (const problem of library.problems) console.error(describeProblem(problem));
const missing = infoLanguages
  .filter((lang) => lang !== 'en')
  .map((lang) => [lang, pages.filter((p) => library.page(p.slug, lang)?.lang !== lang).map((p) => p.slug)] as const)
  .filter(([, slugs]) => slugs.length > 0);
console.log(`${pages.length} pages in ${dir}; ${library.problems.length} problem(s).`);
for (const [lang, slugs] of missing) console.log(`  ${lang}: shown in English for ${slugs.join(', ')}`);
process.exit(library.problems.length > 0 ? 1 : 0);
