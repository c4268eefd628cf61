import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as adapter from './adapter';
import * as core from './index';
import * as sse from './sse';
import { chunkedBody, fakeFetch, jsonResponse, sseResponse } from './test-utils/fake-fetch';
import {
  finalPng,
  gptImageEndpoints,
  imagesEvent,
  imagesJsonAnswer,
  imagesModelList,
  imagesUsage,
  secondPng,
  seedreamEndpoints,
} from './test-utils/images-wire-examples';
import { recordedSunsetReads, recordedSunsetResponse } from './test-utils/recorded-stream';
import { lunosImageModelExample, lunosModelExample } from './test-utils/wire-examples';

/** What OpenRouter's Images API answers for the README's calls; undefined for other routes. */
function imagesApiAnswer(url: string, body: string | undefined): Response | undefined {
  if (url.endsWith('/images/models')) return jsonResponse(imagesModelList);
  if (url.endsWith('/endpoints')) {
    return jsonResponse(url.includes('seedream') ? seedreamEndpoints : gptImageEndpoints);
  }
  if (!url.endsWith('/images')) return undefined;
  const request = JSON.parse(body ?? '{}');
  if (!request.stream) return jsonResponse(imagesJsonAnswer());
  // Four asked for: two images, then an error event ends the third.
  const events =
    request.n === 4
      ? [
          imagesEvent.completed(finalPng, { ...imagesUsage, cost: 0.04 }),
          imagesEvent.completed(secondPng, { ...imagesUsage, cost: 0.08 }),
          imagesEvent.error,
        ]
      : [imagesEvent.partial(0), imagesEvent.partial(1), imagesEvent.completed()];
  return sseResponse(
    chunkedBody([...events.map((e) => `data: ${JSON.stringify(e)}\n\n`), 'data: [DONE]\n\n']),
  );
}

// Runs every ```ts block of README.md (not marked no-run) against a recorded answer and checks
// what it logs against its `// prints:` comments, so the documented examples cannot rot.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

function toRunnable(code: string): string {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  return js.replace(
    /import\s*\{([^}]*)\}\s*from\s*'@lunos-image\/core(\/adapter|\/sse)?';/g,
    (_, names: string, subpath: string | undefined) =>
      `const {${names.replace(/\bas\b/g, ':')}} = entries['${subpath ?? ''}'];`,
  );
}

/** The entry points the blocks import, by subpath. */
const entries = { '': core, '/adapter': adapter, '/sse': sse };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('README examples', () => {
  it('has runnable examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it.each(blocks.map((code, i) => [i + 1, code] as const))(
    'block %i runs and prints what it says',
    async (_, code) => {
      vi.stubGlobal(
        'fetch',
        fakeFetch((call) => {
          const images = imagesApiAnswer(call.url, call.body);
          if (images) return images;
          if (call.url.includes('/models'))
            return jsonResponse([lunosImageModelExample, lunosModelExample]);
          const body = JSON.parse(call.body ?? '{}');
          return body.stream
            ? sseResponse(chunkedBody(recordedSunsetReads()))
            : jsonResponse(recordedSunsetResponse());
        }),
      );
      const printed: string[] = [];
      const console = { log: (...args: unknown[]) => printed.push(format(...args)) };
      await new AsyncFunction('entries', 'console', 'process', toRunnable(code))(entries, console, {
        env: {},
      });
      const expected = [...code.matchAll(/\/\/ prints: ?(.*)/g)].map((m) =>
        (m[1] as string).trimEnd(),
      );
      const lines = printed
        .join('\n')
        .split('\n')
        .map((line) => line.trimEnd());
      expect(lines.filter((l, i) => l !== '' || i < lines.length - 1)).toEqual(expected);
    },
  );
});
