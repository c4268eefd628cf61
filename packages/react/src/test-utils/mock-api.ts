import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  createLunosImageClient,
  type GenerateImageVariables,
  type LunosImageClient,
  type LunosImageClientOptions,
} from '@lunos-image/core';
import {
  type Clock,
  createFixtureSet,
  createLunosMock,
  type Fixture,
  type FixtureSet,
  type LunosMock,
} from '@lunos-image/msw';
import { loadFixtureSet } from '@lunos-image/msw/node';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The repo's /fixtures folder, found through the workspace package that holds it. */
const FIXTURES_DIR = dirname(
  createRequire(import.meta.url).resolve('@lunos-image/fixtures/package.json'),
);

export const BASE_URLS = {
  lunos: 'https://api.lunos.tech/v1',
  openrouter: 'https://openrouter.ai/api/v1',
} as const;

export interface MockApi {
  readonly mock: LunosMock;
  readonly fixtures: FixtureSet;
  /** A client of the fixture's dialect pointed at the mock; no key, no retries. */
  clientFor(fixtureId: string, options?: LunosImageClientOptions): LunosImageClient;
  /** A client of `dialect` pointed at the mock; no key, no retries. */
  client(dialect: 'lunos' | 'openrouter', options?: LunosImageClientOptions): LunosImageClient;
  /** The variables a user would pass to send the request the fixture recorded. */
  variablesOf(fixtureId: string): GenerateImageVariables;
}

export interface MockApiOptions {
  /** Fixtures made by the test (from the repo's), added to the repo's. */
  extraFixtures?: (repo: FixtureSet) => readonly Fixture[];
  /** Timers the replay waits on (default: the real ones). */
  clock?: Clock;
}

/**
 * The API mock from @lunos-image/msw replaying the repo's fixtures through msw's `setupServer`,
 * listening for the whole test file; calls and queued scenarios are forgotten after each test.
 */
export async function setupMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const repo = await loadFixtureSet(FIXTURES_DIR);
  const extra = options.extraFixtures?.(repo) ?? [];
  const fixtures =
    extra.length > 0
      ? createFixtureSet({ fixtures: [...repo.fixtures, ...extra], loadBlob: repo.loadBlob })
      : repo;
  const mock = createLunosMock({
    fixtures,
    onUnmatched: 'error',
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.reset());
  afterAll(() => server.close());

  const client = (dialect: 'lunos' | 'openrouter', clientOptions: LunosImageClientOptions = {}) =>
    createLunosImageClient({
      dialect,
      baseURL: BASE_URLS[dialect],
      maxRetries: 0,
      ...clientOptions,
    });
  return {
    mock,
    fixtures,
    client,
    clientFor: (fixtureId, clientOptions) => client(fixtures.get(fixtureId).dialect, clientOptions),
    variablesOf(fixtureId) {
      const body = fixtures.get(fixtureId).request.body as {
        model: string;
        messages: { content: string }[];
        modalities?: ('image' | 'text')[];
        image_config?: { aspect_ratio?: string; image_size?: string };
        stream?: boolean;
      };
      const prompt = body.messages[0]?.content;
      if (typeof prompt !== 'string') throw new Error(`${fixtureId} has no plain text prompt`);
      return {
        model: body.model,
        prompt,
        ...(body.modalities ? { modalities: body.modalities } : {}),
        ...(body.image_config?.aspect_ratio
          ? { aspectRatio: body.image_config.aspect_ratio as never }
          : {}),
        ...(body.image_config?.image_size
          ? { imageSize: body.image_config.image_size as never }
          : {}),
        stream: body.stream === true,
      };
    },
  };
}
