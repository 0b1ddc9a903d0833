/**
 * The architecture's import boundaries in eslint.config.js: in each folder a forbidden import fails
 * with that boundary's message, and an allowed one lints clean. The probe files exist only as text,
 * so they are linted without type information (the boundary rules need none).
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

/** Every problem ESLint reports for `code` as if it were the file at `filePath` (relative to the repo). */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages.map((message) => `${message.ruleId ?? 'parser'}: ${message.message}`);
}

/** A module that imports one name from each source and uses them. */
const importing = (...sources: string[]) =>
  [
    ...sources.map((source, i) => `import { thing${i} } from '${source}';`),
    `export const used = [${sources.map((_source, i) => `thing${i}`).join(', ')}];`,
    '',
  ].join('\n');

interface Refused {
  what: string;
  code: string;
  message: string;
}

/** Each refused import reports exactly one problem, carrying the boundary's message. */
function refuses(file: string, cases: Refused[]) {
  it.each(cases)(`${file} refuses $what`, async ({ code, message }) => {
    const found = await problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });
}

/** Each allowed import lints without a single problem. */
function allows(file: string, cases: { what: string; code: string }[]) {
  it.each(cases)(`${file} allows $what`, async ({ code }) => {
    expect(await problems(file, code)).toEqual([]);
  });
}

const electronOnly = 'Only electron/ imports electron';

describe('renderer/ runs in a browser and talks to the server over HTTP only', () => {
  const file = 'renderer/kiosk/boundary-probe.tsx';
  const noNode = 'renderer/ runs in a browser: no Node modules';
  const noNodePackage = 'renderer/ runs in a browser: no Node-only packages';
  const onlyOurs = 'renderer/ imports only contract/ and renderer/';
  refuses(file, [
    { what: 'a node: builtin', code: importing('node:fs'), message: noNode },
    { what: 'a bare builtin', code: importing('fs'), message: noNode },
    { what: 'a builtin subpath', code: importing('fs/promises'), message: noNode },
    { what: 'a prefix-only builtin', code: importing('node:test'), message: noNode },
    {
      what: 'a type-only import of a builtin',
      code: "import type { Stats } from 'node:fs';\nexport type FileStats = Stats;\n",
      message: noNode,
    },
    {
      what: 'a builtin re-export',
      code: "export { readFileSync } from 'node:fs';\n",
      message: noNode,
    },
    { what: 'a Node-only package', code: importing('better-sqlite3'), message: noNodePackage },
    { what: 'a Node-only scoped package', code: importing('@serialport/binding-mock'), message: noNodePackage },
    { what: 'the server', code: importing('../../server/app.js'), message: onlyOurs },
    { what: 'the hardware interface', code: importing('../../hardware/types.js'), message: onlyOurs },
    { what: 'the shell', code: importing('../../electron/preload.js'), message: onlyOurs },
    {
      what: 'the server through import()',
      code: "export const load = () => import('../../server/app.js');\n",
      message: onlyOurs,
    },
    { what: 'electron', code: importing('electron'), message: electronOnly },
  ]);
  it(`${file} refuses a builtin through an import() type`, async () => {
    const found = await problems(file, "export type Handle = import('node:fs/promises').FileHandle;\n");
    // consistent-type-imports refuses every import() type as well; the boundary must say why on its own.
    expect(
      found.filter((problem) => problem.startsWith('no-restricted-syntax:') && problem.includes(noNode)),
    ).toHaveLength(1);
  });
  allows(file, [
    {
      what: 'contract/, packages for the browser and its own files (even one named like a builtin)',
      code: importing('zod', 'react', '../../contract/queue.js', './path.js'),
    },
  ]);
});

describe('server/ reaches hardware/ only through its interface and device factory', () => {
  const file = 'server/http/boundary-probe.ts';
  const viaInterface = 'server/ reaches hardware/ only through hardware/types.ts';
  const plainNode = 'server/ runs in plain Node';
  refuses(file, [
    { what: 'a hardware module', code: importing('../../hardware/serial/connector.js'), message: viaInterface },
    {
      what: 'a hardware module through import()',
      code: "export const load = () => import('../../hardware/sim/hosting.js');\n",
      message: viaInterface,
    },
    {
      what: 'a hardware module through require()',
      code: [
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        "export const hosting: unknown = require('../../hardware/sim/hosting.js');",
        '',
      ].join('\n'),
      message: viaInterface,
    },
    { what: 'the screens', code: importing('../../renderer/kiosk/api.js'), message: plainNode },
    { what: 'the shell', code: importing('../../electron/main.js'), message: plainNode },
    { what: 'electron', code: importing('electron'), message: electronOnly },
    { what: 'an electron subpath', code: importing('electron/main'), message: electronOnly },
  ]);
  allows(file, [
    { what: 'the hardware interface', code: importing('../../hardware/types.js') },
    { what: 'the device factory', code: importing('../../hardware/kiosk-devices.js') },
    { what: 'Node and its packages', code: importing('node:fs', 'better-sqlite3') },
    { what: 'contract/', code: importing('../../contract/queue.js') },
  ]);
});

describe('hardware/ knows devices only', () => {
  const file = 'hardware/serial/boundary-probe.ts';
  const devicesOnly = 'hardware/ knows devices only';
  refuses(file, [
    { what: 'the server', code: importing('../../server/app.js'), message: devicesOnly },
    { what: 'the screens', code: importing('../../renderer/kiosk/api.js'), message: devicesOnly },
    { what: 'the shell', code: importing('../../electron/main.js'), message: devicesOnly },
    { what: 'electron', code: importing('electron'), message: electronOnly },
  ]);
  allows(file, [
    { what: 'contract/', code: importing('../../contract/devices.js') },
    { what: 'serialport', code: importing('serialport') },
  ]);
});

describe('contract/ depends on nothing of ours and runs in the browser too', () => {
  const file = 'contract/boundary-probe.ts';
  const noNode = 'contract/ is shared by the browser and Node: schemas and types only, no Node modules';
  const nothingOfOurs = 'contract/ depends on nothing of ours';
  refuses(file, [
    { what: 'a node: builtin', code: importing('node:crypto'), message: noNode },
    { what: 'a bare builtin', code: importing('crypto'), message: noNode },
    {
      what: 'a Node-only package',
      code: importing('fastify'),
      message: 'contract/ is shared by the browser and Node: schemas and types only, no Node-only packages',
    },
    { what: 'the server', code: importing('../server/app.js'), message: nothingOfOurs },
    { what: 'the hardware interface', code: importing('../hardware/types.js'), message: nothingOfOurs },
    { what: 'the screens', code: importing('../renderer/shared/api.js'), message: nothingOfOurs },
    { what: 'electron', code: importing('electron'), message: electronOnly },
  ]);
  allows(file, [{ what: 'zod and its own files', code: importing('zod', './queue.js') }]);
});

describe('raw IPC only in its two wrappers, electron only in electron/', () => {
  const rawIpc = 'Use the typed wrappers in electron/ipc-main.ts (main) and electron/preload.ts (bridge)';
  refuses('electron/boundary-probe.ts', [
    { what: 'ipcMain', code: "import { ipcMain } from 'electron';\nexport const used = ipcMain;\n", message: rawIpc },
    {
      what: 'ipcRenderer',
      code: "import { ipcRenderer } from 'electron';\nexport const used = ipcRenderer;\n",
      message: rawIpc,
    },
    {
      what: 'ipcMain through the default import',
      code: "import electron from 'electron';\nexport const used = electron.ipcMain;\n",
      message: rawIpc,
    },
    {
      what: 'ipcMain taken apart from import()',
      code: "export const load = async () => {\n  const { ipcMain } = await import('electron');\n  return ipcMain;\n};\n",
      message: rawIpc,
    },
  ]);
  allows('electron/boundary-probe.ts', [
    {
      what: 'the rest of electron, and the server it starts',
      code: importing('electron', '../server/app.js'),
    },
  ]);
  allows('electron/ipc-main.ts', [
    { what: 'ipcMain', code: "import { ipcMain } from 'electron';\nexport const used = ipcMain;\n" },
  ]);
  allows('electron/preload.ts', [
    { what: 'ipcRenderer', code: "import { ipcRenderer } from 'electron';\nexport const used = ipcRenderer;\n" },
  ]);
  allows('tests/electron/boundary-probe.test.ts', [{ what: 'electron', code: importing('electron') }]);
  for (const file of ['tests/boundary-probe.test.ts', 'bench/boundary-probe.ts', 'scripts/boundary-probe.mjs']) {
    refuses(file, [{ what: 'electron', code: importing('electron'), message: electronOnly }]);
    allows(file, [{ what: 'the server', code: importing('../server/app.js') }]);
  }
});
