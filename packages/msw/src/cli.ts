import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LunosImageError } from '@lunos-image/core';
import { MockOptionsError } from './errors/mock-options-error';
import { startMockServer } from './node/start-mock-server';
import { startRecorder } from './node/start-recorder';
import { verifyFixtures } from './node/verify-fixtures';
import { parseChunkingSpec } from './replay/parse-chunking-spec';
import { parseFaultSpec } from './replay/parse-fault-spec';
import { parseTimingSpec } from './replay/parse-timing-spec';

const usage = `lunos-image-mock: a mock of the Lunos/OpenRouter image API

  lunos-image-mock serve  [--port 4010] [--host 127.0.0.1] [--fixtures DIR | --no-fixtures]
                          [--base-url PATH] [--timing instant|realtime|speed=N]
                          [--chunking event|bytes:N|...]
                          [--fault SPEC]... [--require-auth] [--on-unmatched synthesize|error]
                          [--allow-origin ORIGIN]...
  lunos-image-mock record --upstream URL [--out DIR] [--port 4011] [--host 127.0.0.1]
                          [--api-key-env NAME] [--prefix recorded] [--allow-origin ORIGIN]...
  lunos-image-mock verify [DIR]

serve     answers POST .../chat/completions, GET .../models and OpenRouter's Images API
          (POST .../images, GET .../images/models, GET .../images/models/AUTHOR/SLUG/endpoints),
          under /v1 (Lunos) and /api/v1 (OpenRouter), or only under PATH with --base-url,
          replaying the fixtures shipped in the package (or DIR's; none with --no-fixtures)
          or drawing an answer; control
          endpoints under /__mock/ (calls, reset, scenario, fixtures, health). Fault SPECs: http-error:429, network-error, drop@3,
          drop@2048b, truncate, stall@2[:ms], malformed@1, in-band-error@2[:code], keep-alive:N,
          slow-headers:ms.
record    a proxy to URL that writes each exchange with a route above (chat, model lists, the
          Images API) as a fixture in DIR (default ./fixtures): timing kept, images as blob
          files, no key, no cookie, no id.
verify    checks a fixtures folder: schema, blobs and their hashes, and a scan for credentials.
`;

function fail(message: string): never {
  process.stderr.write(`lunos-image-mock: ${message}\n`);
  process.exit(2);
}

function port(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new MockOptionsError('--port', `not a port: ${value}`);
  return n;
}

function untilSignal(close: () => Promise<void>): void {
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return;
  }
  if (command === 'serve') {
    const { values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        fixtures: { type: 'string' },
        'no-fixtures': { type: 'boolean' },
        'base-url': { type: 'string' },
        timing: { type: 'string' },
        chunking: { type: 'string' },
        fault: { type: 'string', multiple: true },
        'require-auth': { type: 'boolean' },
        'allow-origin': { type: 'string', multiple: true },
        'on-unmatched': { type: 'string' },
      },
    });
    const onUnmatched = values['on-unmatched'];
    if (onUnmatched !== undefined && onUnmatched !== 'synthesize' && onUnmatched !== 'error') {
      throw new MockOptionsError('--on-unmatched', 'must be synthesize or error');
    }
    if (values.fixtures !== undefined && values['no-fixtures']) {
      throw new MockOptionsError('--no-fixtures', 'cannot be combined with --fixtures');
    }
    const baseURL = values['base-url'];
    // The server answers on its own origin, so only a path makes sense here.
    if (baseURL !== undefined && !baseURL.startsWith('/')) {
      throw new MockOptionsError('--base-url', `must be a path such as /api/lunos, not ${baseURL}`);
    }
    const server = await startMockServer({
      port: port(values.port, 4010),
      host: values.host ?? '127.0.0.1',
      ...(values.fixtures !== undefined ? { fixturesDir: resolve(values.fixtures) } : {}),
      ...(values['no-fixtures'] ? { fixtures: false as const } : {}),
      ...(baseURL !== undefined ? { baseURL } : {}),
      ...(values.timing ? { timing: parseTimingSpec(values.timing, '--timing') } : {}),
      ...(values.chunking ? { chunking: parseChunkingSpec(values.chunking, '--chunking') } : {}),
      faults: (values.fault ?? []).flatMap((f) => parseFaultSpec(f, '--fault')),
      requireAuth: values['require-auth'] ?? false,
      allowedOrigins: values['allow-origin'] ?? [],
      onUnmatched: onUnmatched ?? 'synthesize',
    });
    process.stdout.write(
      baseURL !== undefined
        ? `lunos-image-mock serving on ${server.url}\n  base URL: ${server.url}${baseURL.replace(/\/+$/, '')}\n`
        : `lunos-image-mock serving on ${server.url}\n  Lunos base URL:      ${server.url}/v1\n  OpenRouter base URL: ${server.url}/api/v1\n`,
    );
    untilSignal(server.close);
    return;
  }
  if (command === 'record') {
    const { values } = parseArgs({
      args: rest,
      options: {
        upstream: { type: 'string' },
        out: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key-env': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        prefix: { type: 'string' },
      },
    });
    if (!values.upstream) fail('record needs --upstream URL (e.g. https://openrouter.ai)');
    const keyName = values['api-key-env'];
    const apiKey = keyName ? process.env[keyName] : undefined;
    if (keyName && !apiKey) fail(`the environment variable ${keyName} is empty`);
    const recorder = await startRecorder({
      upstream: values.upstream,
      out: resolve(values.out ?? 'fixtures'),
      port: port(values.port, 4011),
      host: values.host ?? '127.0.0.1',
      ...(apiKey ? { apiKey } : {}),
      allowedOrigins: values['allow-origin'] ?? [],
      ...(values.prefix ? { prefix: values.prefix } : {}),
      onWrite: (path) => process.stdout.write(`wrote ${path}\n`),
      onError: (error) =>
        process.stderr.write(
          `not recorded: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
    });
    process.stdout.write(`lunos-image-mock recording ${values.upstream} through ${recorder.url}\n`);
    untilSignal(recorder.close);
    return;
  }
  if (command === 'verify') {
    const dir = resolve(rest[0] ?? 'fixtures');
    const report = await verifyFixtures(dir);
    for (const problem of report.problems) process.stdout.write(`✗ ${problem}\n`);
    process.stdout.write(
      `${report.problems.length === 0 ? '✓' : '✗'} ${report.fixtures} fixtures, ${report.blobs} blobs, ${report.problems.length} problems in ${dir}\n`,
    );
    process.exitCode = report.problems.length === 0 ? 0 : 1;
    return;
  }
  fail(`unknown command "${command}"\n\n${usage}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    LunosImageError.isInstance(error) || error instanceof Error ? error.message : String(error);
  fail(message);
});
