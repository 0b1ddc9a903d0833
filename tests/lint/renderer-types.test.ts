/**
 * The screens' TypeScript project (renderer/tsconfig.json) has no Node types, so a Node module in
 * browser code is a type error as well as a lint error. A probe file, given to the compiler as text
 * only, joins the project's real files.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const probePath = join(root, 'renderer', 'node-import-probe.ts');
const probeText = [
  "import { readFileSync } from 'node:fs';",
  'export const read = readFileSync;',
  'export const environment = process.env;',
  '',
].join('\n');

let program: ts.Program;

beforeAll(() => {
  const project = ts.getParsedCommandLineOfConfigFile(
    join(root, 'renderer', 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (error) => {
        throw new Error(ts.flattenDiagnosticMessageText(error.messageText, ' '));
      },
    },
  );
  if (!project) throw new Error('renderer/tsconfig.json could not be read');
  const base = ts.createCompilerHost(project.options);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (file) => file === probePath || base.fileExists(file),
    readFile: (file) => (file === probePath ? probeText : base.readFile(file)),
    getSourceFile: (file, languageVersion, onError, shouldCreate) =>
      file === probePath
        ? ts.createSourceFile(file, probeText, languageVersion, true)
        : base.getSourceFile(file, languageVersion, onError, shouldCreate),
  };
  program = ts.createProgram({ rootNames: [...project.fileNames, probePath], options: project.options, host });
}, 60_000);

describe('renderer/ type-checks as browser code', () => {
  it('loads no Node types, not even through a dependency’s types', () => {
    const nodeTypes = program.getSourceFiles().filter((file) => file.fileName.includes('/@types/node/'));
    expect(nodeTypes.map((file) => file.fileName)).toEqual([]);
  });

  it('refuses a Node module and Node globals in a screen', () => {
    const probe = program.getSourceFile(probePath);
    if (!probe) throw new Error('the probe file is not in the program');
    const errors = ts
      .getPreEmitDiagnostics(program, probe)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '))
      .join('\n');
    expect(errors).toContain("Cannot find module 'node:fs'");
    expect(errors).toContain("Cannot find name 'process'");
  });
});
