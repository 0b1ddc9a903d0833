/** Reads a site config file and lists every problem with its field path (schema and site rules). */
import { readFileSync } from 'node:fs';
import { SiteConfig } from '../../contract/config.js';
import { siteConfigProblems, type ConfigProblem } from '../queue/site-rules.js';

export type ConfigCheck = { ok: true; config: SiteConfig } | { ok: false; problems: ConfigProblem[] };

export function checkSiteConfigText(text: string): ConfigCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [
        { path: '(file)', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
  const parsed = SiteConfig.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.length > 0 ? issue.path.join('.') : '(top level)',
        message: issue.message,
      })),
    };
  }
  const problems = siteConfigProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: parsed.data };
}

export function checkSiteConfigFile(file: string): ConfigCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [
        { path: '(file)', message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
  return checkSiteConfigText(text);
}
