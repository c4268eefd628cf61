import type { LunosImageClient } from '@lunos-image/core';
import type { Clock } from '@lunos-image/msw';
import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupMockApi } from './test-utils/mock-api';
import {
  TEXT_DELTAS_FIXTURE,
  textDeltasFixture,
  textOfDeltas,
} from './test-utils/text-deltas-fixture';
import { type UseImageGenerationResult, useImageGeneration } from './use-image-generation';

// The replay and the store's throttle both run on Vitest's fake clock, so "200 deltas over two
// seconds, throttled to 50 ms" is exact and the test takes no real time.
const fakeTimersClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};
const api = await setupMockApi({
  clock: fakeTimersClock,
  extraFixtures: (repo) => [textDeltasFixture(repo)],
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

type TReader = (g: UseImageGenerationResult) => unknown;

interface ReaderLog {
  renders: unknown[];
  controls?: UseImageGenerationResult;
}

/** A component that reads one thing from the hook and counts its renders. */
function Reader(props: {
  client: LunosImageClient;
  read: TReader;
  throttleMs?: number;
  log: ReaderLog;
}) {
  const { client, throttleMs, log } = props;
  const g = useImageGeneration(throttleMs === undefined ? { client } : { client, throttleMs });
  log.controls = g;
  log.renders.push(props.read(g));
  return null;
}

function mountReader(client: LunosImageClient, read: TReader, throttleMs?: number) {
  const log: ReaderLog = { renders: [] };
  render(<Reader client={client} read={read} throttleMs={throttleMs} log={log} />);
  return { renders: log.renders, controls: () => log.controls! };
}

/** Runs the 200-delta stream to its end, moving the fake clock 10 ms at a time. */
async function stream(controls: UseImageGenerationResult) {
  api.mock.next({ fixture: TEXT_DELTAS_FIXTURE, timing: 'realtime' });
  let settled = false;
  const done = controls.generateAsync(api.variablesOf('chat/sunset-stream')).finally(() => {
    settled = true;
  });
  for (let t = 0; !settled && t < 10_000; t += 10) await vi.advanceTimersByTimeAsync(10);
  const result = await done;
  await vi.advanceTimersByTimeAsync(10);
  return result;
}

// Up to a thousand 10 ms steps of the fake clock, each a real await: on a loaded 2-core machine
// that takes longer than the default 5 s, though it measures no time.
describe('useImageGeneration: renders', { timeout: 30_000 }, () => {
  it('a component reading only `status` renders once per status change', async () => {
    const { renders, controls } = mountReader(api.clientFor('chat/sunset-stream'), (g) => g.status);
    await stream(controls());
    expect(renders).toEqual(['idle', 'submitted', 'processing', 'streaming', 'success']);
  });

  it('with throttleMs: 50, 200 text deltas over 2 s render the text reader at most 45 times', async () => {
    const { renders, controls } = mountReader(
      api.clientFor('chat/sunset-stream'),
      (g) => g.text,
      50,
    );
    const started = Date.now();
    const result = await stream(controls());
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(result.text).toBe(textOfDeltas());
    expect(renders.at(-1)).toBe(textOfDeltas());
    // The text grew in steps as it streamed, not in one piece at the end.
    expect(new Set(renders).size).toBeGreaterThan(20);
    expect(renders.length).toBeLessThanOrEqual(45);
  });

  it('without a throttle, the text reader renders for every network read', async () => {
    const { renders, controls } = mountReader(api.clientFor('chat/sunset-stream'), (g) => g.text);
    await stream(controls());
    expect(renders.length).toBeGreaterThan(200);
  });
});
