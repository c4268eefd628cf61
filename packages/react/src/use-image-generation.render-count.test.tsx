import type { LunosImageClient } from '@lunos-image/core';
import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupMockApi } from './test-utils/mock-api';
import {
  TEXT_DELTAS_FIXTURE,
  textDeltasFixture,
  textOfDeltas,
} from './test-utils/text-deltas-fixture';
import { virtualClock } from './test-utils/virtual-clock';
import { type UseImageGenerationResult, useImageGeneration } from './use-image-generation';

// The replay and the store's throttle both run on one virtual clock, so "200 deltas over two
// seconds, throttled to 50 ms" is exact and the test takes no real time: the clock jumps from
// timer to timer, letting the work settle in between, and never waits for real time per step.
const clock = virtualClock();
const api = await setupMockApi({
  clock,
  extraFixtures: (repo) => [textDeltasFixture(repo)],
});

beforeEach(() => {
  clock.install();
});
afterEach(() => {
  clock.uninstall();
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

/** Runs the 200-delta stream to its end on the virtual clock, then 10 ms more. */
async function stream(controls: UseImageGenerationResult) {
  api.mock.next({ fixture: TEXT_DELTAS_FIXTURE, timing: 'realtime' });
  let settled = false;
  const done = controls.generateAsync(api.variablesOf('chat/sunset-stream')).finally(() => {
    settled = true;
  });
  await clock.until(() => settled);
  const result = await done;
  await clock.advance(10);
  return result;
}

describe('useImageGeneration: renders', () => {
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
