// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Type-checks every ```ts / ```tsx block of README.md against this package's sources (with the
// repo's strict compiler options), so the copy-paste examples cannot drift from the API.
const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```(tsx?)\n([\s\S]*?)```/g)].map((m) => ({
  ext: m[1] as string,
  code: m[2] as string,
}));

function typeErrors(): string[] {
  const configPath = join(packageDir, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json did not parse');
  const files = new Map(
    blocks.map((block, i) => [
      join(packageDir, `src/readme-example-${i + 1}.${block.ext}`),
      block.code,
    ]),
  );
  const options: ts.CompilerOptions = {
    ...config.options,
    // The examples import the package by its name, as users do.
    paths: { '@lunos-image/react': [join(packageDir, 'src/index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, ...rest)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const name = d.file!.fileName.slice(dirname(d.file!.fileName).length + 1);
      return `${name}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('README examples', () => {
  it('has examples for both hooks, the provider, the proxy and TanStack Query', () => {
    const all = blocks.map((b) => b.code).join('\n');
    for (const name of [
      'useImageGeneration(',
      'useImageModels(',
      'LunosImageProvider',
      'imageModelsQueryOptions(',
      'createLunosImageHandler(',
    ]) {
      expect(all).toContain(name);
    }
  });

  it('type-check', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);
});
