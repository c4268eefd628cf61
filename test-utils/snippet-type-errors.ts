import { basename } from 'node:path';
import ts from 'typescript';

export interface SnippetCheck {
  /** The tsconfig.json whose compiler options the snippets are checked with. */
  tsconfig: string;
  /** Snippet code by the (virtual) file path it is checked as. */
  files: ReadonlyMap<string, string>;
  /** Options over the tsconfig's, e.g. `paths` to import a package by its name, as users do. */
  options?: ts.CompilerOptions;
}

/**
 * Type-checks code snippets (README examples) as if they were files of a package, and returns
 * their diagnostics as `file:line: message` (only those in the snippets themselves). Shared by
 * the packages' README tests, so the copy-paste examples cannot drift from the API.
 */
export function snippetTypeErrors({ tsconfig, files, options }: SnippetCheck): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`${tsconfig} did not parse`);
  const compilerOptions = { ...config.options, ...options };
  const host = ts.createCompilerHost(compilerOptions);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, ...rest)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], compilerOptions, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return `${basename(d.file!.fileName)}:${line + 1}: ${message}`;
    });
}
