import {
  AbortError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
  ServiceUnavailableError,
  StreamError,
  StreamTruncatedError,
  TimeoutError,
} from '@lunos-image/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLunosMock } from './handlers/create-lunos-mock';
import { clientFor, type ErrorClass, variablesOf } from './test-utils/client-replay-suite';
import { repoFixtures } from './test-utils/repo-fixtures';

const set = await repoFixtures();
const mock = createLunosMock({ fixtures: set });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const fixture = set.get('chat/sunset-stream');

async function outcome(fault: string, timeout?: Record<string, number>) {
  const client = clientFor(fixture, { 'x-lunos-mock-fault': fault });
  const stream = client.streamImage(await variablesOf(fixture, set), timeout ? { timeout } : {});
  const events: string[] = [];
  try {
    for await (const event of stream) events.push(event.type);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

describe('each fault surfaces as the error class core promises for it', () => {
  const cases: [string, ErrorClass, Record<string, number>?][] = [
    ['http-error:429', RateLimitError],
    ['http-error:500', InternalServerError],
    ['http-error:503', ServiceUnavailableError],
    ['network-error', ConnectionError],
    // Core reports a connection lost mid-body as a truncated stream, with the network error as cause.
    ['drop@3', StreamTruncatedError],
    ['drop@300b', StreamTruncatedError],
    ['truncate', StreamTruncatedError],
    ['malformed@2', InvalidResponseError],
    ['in-band-error@2:502', StreamError],
    ['stall@2', TimeoutError, { idleMs: 300 }],
    ['slow-headers:2000', TimeoutError, { firstByteMs: 300 }],
  ];
  // Named by the class's name: `%s` of a class prints its whole source.
  const named = cases.map(([fault, kind, timeout]) => ({ fault, kind, timeout, name: kind.name }));
  it.each(named)('$fault → $name', async ({ fault, kind, timeout }) => {
    const { error } = await outcome(fault, timeout);
    expect(kind.isInstance(error), `${fault}: ${String(error)}`).toBe(true);
    if (fault === 'http-error:429') expect((error as RateLimitError).retryAfterMs).toBe(16_000);
    if (fault.startsWith('drop')) expect((error as Error).cause).toBeDefined();
    if (fault === 'truncate') expect((error as Error).cause).toBeUndefined();
    expect(AbortError.isInstance(error)).toBe(false);
  });

  it('extra keep-alives only add processing events', async () => {
    const plain = await outcome('');
    const chatty = await outcome('keep-alive:3');
    expect(plain.error).toBeUndefined();
    expect(chatty.error).toBeUndefined();
    const count = (list: string[]) => list.filter((t) => t === 'processing').length;
    const dataEvents =
      fixture.response.body.kind === 'sse'
        ? fixture.response.body.events.filter((e) => 'data' in e).length
        : 0;
    expect(count(chatty.events) - count(plain.events)).toBe(dataEvents * 3);
    expect(chatty.events.filter((t) => t !== 'processing')).toEqual(
      plain.events.filter((t) => t !== 'processing'),
    );
  });
});
