import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, transform } from 'esbuild';
import type { InstalledRuntime } from './install-runtime';
import { harnessVariant, readmeSnippet } from './readme-snippets';
import { RUNTIMES, type RuntimeName, WORKERD } from './runtimes';

/** What `harness/harness.mjs` gets: see `installHarness` there. */
export interface HarnessConfig {
  /** Where the providers' origins point (the relay in front of the mock). */
  upstream: string;
  /** The harness variant only: the options the handler gets instead of the snippet's. */
  handler?: {
    apiKey: string;
    allowModels: readonly string[];
    heartbeatMs: number;
  };
}

export interface ServerStart {
  name: RuntimeName;
  install: InstalledRuntime;
  /** Node 24, which runs miniflare and edge-runtime. */
  node24: InstalledRuntime;
  /** The app holding the packed packages and the harness files. */
  app: string;
  /** `readme`: the README's snippet as written; `harness`: with the suite's handler options. */
  variant: 'readme' | 'harness';
  config: HarnessConfig;
  /** The key the server holds, as the runtime's environment (or Worker secret) gives it. */
  apiKey: string;
}

export interface RuntimeServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything the server process printed so far. */
  stdout(): string;
  stderr(): string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** The `esbuild` options shared by the bundles: the snippet's TypeScript, the packed packages. */
function bundleOptions(app: string, entry: string, config: HarnessConfig, outfile: string) {
  return {
    stdin: { contents: entry, resolveDir: app, sourcefile: 'entry.mjs' },
    bundle: true,
    outfile,
    define: { __LUNOS_RUNTIME_HARNESS__: JSON.stringify(config) },
    logLevel: 'error' as const,
  };
}

/** The command that serves `snippetFile` on the runtime; bundles first where the platform does. */
async function command(
  start: ServerStart,
  snippetFile: string,
  snippet: string,
): Promise<[string, string[]]> {
  const { name, install, node24, app, config } = start;
  const out = snippetFile.replace(/\.ts$/, '');
  switch (name) {
    case 'node20':
    case 'node24': {
      // Node 20 cannot run TypeScript: the types are stripped, nothing else changes.
      const { code } = await transform(snippet, { loader: 'ts', format: 'esm' });
      writeFileSync(`${out}.mjs`, code);
      return [install.bin!, ['--import', './harness/preload-node.mjs', `${out}.mjs`]];
    }
    case 'bun':
      return [install.bin!, ['--preload', './harness/preload-bun.mjs', snippetFile]];
    case 'deno':
      // The permissions the README's command gives, and the harness's own variable.
      return [
        install.bin!,
        [
          'run',
          '--allow-net',
          '--allow-env=LUNOS_API_KEY,LUNOS_RUNTIME_HARNESS',
          '--preload',
          './harness/preload-deno.mjs',
          snippetFile,
        ],
      ];
    case 'workerd': {
      // As wrangler bundles a Worker: ES modules, the workerd conditions, cloudflare: built-ins.
      const entry = `import './harness/install-bundled.mjs';\nexport { default } from ${JSON.stringify(snippetFile)};\n`;
      await build({
        ...bundleOptions(app, entry, config, `${out}.bundle.mjs`),
        format: 'esm',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        conditions: ['workerd', 'worker', 'browser'],
        external: ['cloudflare:*'],
      });
      return [node24.bin!, ['./harness/host-miniflare.mjs', install.dir, `${out}.bundle.mjs`]];
    }
    case 'edge-runtime': {
      // As Next.js bundles an Edge route: one script, the edge-light conditions.
      const entry = [
        `import './harness/install-bundled.mjs';`,
        `import { serveRouteFile } from './harness/serve-route-file.mjs';`,
        `import * as route from ${JSON.stringify(snippetFile)};`,
        'serveRouteFile(route);',
      ].join('\n');
      await build({
        ...bundleOptions(app, entry, config, `${out}.bundle.js`),
        format: 'iife',
        platform: 'browser',
        conditions: ['edge-light', 'worker', 'browser'],
      });
      return [node24.bin!, ['./harness/host-edge-runtime.mjs', install.dir, `${out}.bundle.js`]];
    }
  }
}

/** Ends the server's whole process group (miniflare's workerd is a grandchild). */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    process.kill(-child.pid!, 'SIGTERM');
  });
}

/**
 * Serves README.md's snippet for the runtime with the runtime's own server (through the harness
 * preload, or bundled as its platform bundles), and resolves once it announces its loopback URL.
 */
export async function startRuntimeServer(start: ServerStart): Promise<RuntimeServer> {
  const { name, app, variant, config, apiKey } = start;
  const readme = readmeSnippet(RUNTIMES[name].snippet);
  const snippet = variant === 'harness' ? harnessVariant(readme) : readme;
  mkdirSync(join(app, 'servers'), { recursive: true });
  const snippetFile = join(app, 'servers', `${name}-${variant}.ts`);
  writeFileSync(snippetFile, snippet);
  const [cmd, args] = await command(start, snippetFile, snippet);
  const child = spawn(cmd, args, {
    cwd: app,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LUNOS_API_KEY: apiKey,
      LUNOS_RUNTIME_HARNESS: JSON.stringify(config),
      LUNOS_COMPATIBILITY_DATE: WORKERD.compatibilityDate,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${name} (${variant}) ${why}:\n${stdout}${stderr}`));
    };
    const timer = setTimeout(() => {
      stop(child);
      fail(`did not listen within ${START_TIMEOUT_MS / 1000} s`);
    }, START_TIMEOUT_MS);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited with ${signal ?? code} before listening`));
    child.stdout!.on('data', () => {
      const announced = /^lunos-runtime-listening (\S+)$/m.exec(stdout)?.[1];
      if (announced) {
        clearTimeout(timer);
        resolve(announced);
      }
    });
  });
  return { url, stdout: () => stdout, stderr: () => stderr, close: () => stop(child) };
}
