/**
 * Checks a shell config without starting the kiosk, naming every field at fault:
 *   npx tsx electron/tools/check-shell-config.ts /etc/reception-kiosk/shell.json
 * With an embedded server it also checks the site config it names (same checks as
 * `npm run config -- check`) and that the kiosk id is one of the site's kiosks.
 */
import { readShellConfigFile, ShellConfigError } from '../config/shell-config.js';
import { checkSiteConfigFile } from '../../server/cli/site-config.js';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npx tsx electron/tools/check-shell-config.ts SHELL_CONFIG_FILE');
  process.exit(2);
}

try {
  const config = readShellConfigFile(file);
  const problems: string[] = [];
  const siteFile = config.server.mode === 'embedded' ? config.server.siteConfig : undefined;
  if (siteFile) {
    const site = checkSiteConfigFile(siteFile);
    if (!site.ok)
      problems.push(...site.problems.map((problem) => `site config ${siteFile}: ${problem.path}: ${problem.message}`));
    else if (config.role === 'kiosk' && !site.config.kiosks.some((kiosk) => kiosk.id === config.kioskId)) {
      problems.push(
        `"kioskId": "${config.kioskId}" is not one of the site's kiosks (${site.config.kiosks.map((kiosk) => kiosk.id).join(', ') || 'none'})`,
      );
    }
  }
  if (problems.length > 0) {
    console.error(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  const where =
    config.server.mode === 'hub'
      ? `the hub at ${config.server.url}`
      : config.server.mode === 'agent'
        ? `a kiosk agent in-process, tickets from ${config.server.hubUrl ?? 'the hub it joined'}`
        : config.server.demo
          ? 'the demo site, in-process'
          : `${config.server.siteConfig}, in-process`;
  console.log(
    `${file}: valid (role ${config.role}${config.kioskId ? ` "${config.kioskId}"` : ''}, server: ${where}, admin exit ${config.adminPinHash ? 'on' : 'off'}, updates ${config.updates ? 'on' : 'off'}).`,
  );
} catch (error) {
  if (error instanceof ShellConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
