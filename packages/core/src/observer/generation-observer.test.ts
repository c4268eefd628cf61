import { describe, expect, it, vi } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import type { GeneratedImage } from '../image/generated-image';
import { chunkedBody, fakeFetch, sseResponse } from '../test-utils/fake-fetch';
import { recordedSunsetReads } from '../test-utils/recorded-stream';
import { GenerationObserver, type ShownImagesHolder } from './generation-observer';

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };
const client = () =>
  createLunosImageClient({
    fetch: fakeFetch(() => sseResponse(chunkedBody(recordedSunsetReads()))),
  });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Records what the observer asks the holder to keep and release. */
function recordingHolder() {
  const log: string[] = [];
  const holder: ShownImagesHolder = {
    retain: (keep: ReadonlySet<GeneratedImage>) => log.push(`retain ${keep.size}`),
    releaseAll: () => log.push('release'),
  };
  return { holder, log };
}

describe('GenerationObserver', () => {
  it('tells listeners only about changes to fields that were read', async () => {
    const observer = new GenerationObserver(client());
    let calls = 0;
    const stop = observer.subscribe(() => {
      calls += 1;
    });
    await observer.generateAsync(vars);
    expect(calls).toBe(0);
    observer.track('status');
    observer.reset();
    expect(calls).toBe(1);
    stop();
  });

  it('trackResult: reading a field of the result tracks it; one result per snapshot', async () => {
    const observer = new GenerationObserver(client());
    let calls = 0;
    const stop = observer.subscribe(() => {
      calls += 1;
    });
    const idle = observer.trackResult(observer.getSnapshot());
    expect(observer.trackResult(observer.getSnapshot())).toBe(idle);
    // Nothing read yet: a whole run notifies no one.
    await idle.generateAsync(vars);
    expect(calls).toBe(0);
    const done = observer.trackResult(observer.getSnapshot());
    expect(done).not.toBe(idle);
    expect(done.status).toBe('success');
    expect(done.images).toHaveLength(1);
    const runId = done.generate(vars);
    expect(runId).toBe(2);
    expect(calls).toBeGreaterThan(0);
    await vi.waitFor(() => expect(observer.read(observer.getSnapshot(), 'status')).toBe('success'));
    stop();
  });

  it("trackResult shows a holder's views in place of the fields it has them for", async () => {
    const holder: ShownImagesHolder<{ images: string[] }> = {
      retain: () => {},
      releaseAll: () => {},
      views: { images: (s) => s.shown.images.map((image) => image.mimeType) },
    };
    const observer = new GenerationObserver(client(), {}, holder);
    const stop = observer.subscribe(() => {});
    await observer.generateAsync(vars);
    const result = observer.trackResult(observer.getSnapshot());
    expect(result.images).toEqual(['image/png']);
    expect(result.text).toBe(observer.read(observer.getSnapshot(), 'text'));
    stop();
  });

  it('derives isRunning and the other fields from the store snapshot', async () => {
    const observer = new GenerationObserver(client());
    const stop = observer.subscribe(() => {});
    const running: boolean[] = [];
    observer.track('status');
    observer.subscribe(() => running.push(observer.read(observer.getSnapshot(), 'isRunning')));
    await observer.generateAsync(vars);
    const state = observer.stateOf(observer.getSnapshot());
    expect(state).toMatchObject({ status: 'success', isRunning: false, runId: 1 });
    expect(state.images).toHaveLength(1);
    expect(running[0]).toBe(true);
    expect(running.at(-1)).toBe(false);
    stop();
  });

  it("keep 'previous' shows the last run's images until the new run's first image", async () => {
    const observer = new GenerationObserver(client());
    const stop = observer.subscribe(() => {});
    await observer.generateAsync(vars);
    const first = observer.getSnapshot().shown.images;
    const next = observer.generateAsync(vars);
    expect(observer.read(observer.getSnapshot(), 'status')).toBe('submitted');
    expect(observer.read(observer.getSnapshot(), 'images')).toBe(first);
    await next;
    const after = observer.read(observer.getSnapshot(), 'images');
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first[0]);
    stop();
  });

  it("keep 'none' empties images when a new run starts", async () => {
    const observer = new GenerationObserver(client(), { keep: 'none' });
    const stop = observer.subscribe(() => {});
    await observer.generateAsync(vars);
    const next = observer.generateAsync(vars);
    expect(observer.read(observer.getSnapshot(), 'images')).toEqual([]);
    await next;
    stop();
  });

  it('has the holder retain shown and committed images, and release a tick after the last subscriber', async () => {
    const { holder, log } = recordingHolder();
    const observer = new GenerationObserver(client(), {}, holder);
    const stop = observer.subscribe(() => {});
    await observer.generateAsync(vars);
    observer.commit(observer.getSnapshot());
    expect(log.at(-1)).toBe('retain 1');
    stop();
    expect(log).not.toContain('release');
    await tick();
    expect(log.at(-1)).toBe('release');
  });

  it('does not release when a subscriber comes back within the tick (StrictMode)', async () => {
    const { holder, log } = recordingHolder();
    const observer = new GenerationObserver(client(), {}, holder);
    observer.subscribe(() => {})();
    const again = observer.subscribe(() => {});
    await tick();
    expect(log).not.toContain('release');
    again();
  });
});
