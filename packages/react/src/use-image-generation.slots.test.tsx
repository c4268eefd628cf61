import { type LunosImageClient, StreamError } from '@lunos-image/core';
import { render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { CITY } from './test-utils/city-stream-variables';
import { setupMockApi } from './test-utils/mock-api';
import { objectUrls } from './test-utils/object-url-fakes';
import { type UseImageGenerationResult, useImageGeneration } from './use-image-generation';

const api = await setupMockApi();
/** Keep-alive, two previews and the first image: then the stream ends the next slot with an error. */
const AFTER_FIRST_IMAGE = 4;

interface SlotsLog {
  /** Per commit, each slot as `status` (+ `:url` when it shows an image or a preview). */
  commits: string[][];
  controls?: UseImageGenerationResult;
}

/** Shows `slots` as a grid would: the image, the preview, or the status and error. */
function Grid(props: { client: LunosImageClient; log: SlotsLog }) {
  const g = useImageGeneration({ client: props.client });
  props.log.controls = g;
  useLayoutEffect(() => {
    props.log.commits.push(g.slots.map((slot) => slot.status));
  });
  return (
    <ul data-status={g.status}>
      {g.slots.map((slot) => (
        <li key={slot.index} data-status={slot.status}>
          {slot.image && <img alt={`slot ${slot.index + 1}`} src={slot.image.url} />}
          {slot.error && <p role="alert">{slot.error.message}</p>}
        </li>
      ))}
    </ul>
  );
}

describe('useImageGeneration: slots', () => {
  it('one failed image of n: the image that came stays, the failed slot shows its error', async () => {
    objectUrls.reset();
    const log: SlotsLog = { commits: [] };
    api.mock.next({
      route: 'images',
      timing: { speed: 100 },
      faults: [{ type: 'in-band-error', afterEvents: AFTER_FIRST_IMAGE, message: 'Slot failed' }],
    });
    const view = render(<Grid client={api.client('openrouter')} log={log} />);
    const result = await log.controls!.generateAsync(CITY);
    await new Promise((resolve) => setTimeout(resolve, 20));

    // From the start one slot per image asked for; a preview, then the image, in the first.
    expect(log.commits).toContainEqual(['waiting', 'waiting']);
    expect(log.commits).toContainEqual(['previewing', 'waiting']);
    expect(log.commits.at(-1)).toEqual(['done', 'failed']);

    const g = log.controls!;
    expect(g.status).toBe('success');
    expect(g.error).toBeUndefined();
    expect(result.images).toHaveLength(1);
    const [first, failed] = g.slots;
    // The slot's image is the same view as in `images`, with its live object URL.
    expect(first?.image).toBe(g.images[0]);
    expect(objectUrls.live()).toEqual([first?.image?.url]);
    expect(first?.cost).toBe(g.usage?.cost);
    expect(failed?.error).toBeInstanceOf(StreamError);
    expect(failed?.error?.message).toBe('Slot failed');
    expect(view.getAllByRole('img')).toHaveLength(1);
    expect(view.getByRole('alert').textContent).toBe('Slot failed');
  });

  it('a provider that makes fewer than n: the slots without an image are not made', async () => {
    // A real picture from the mock, answered alone to a request for three.
    api.mock.next({ route: 'images' });
    const [picture] = (await api.client('openrouter').generateImage({ ...CITY, stream: true }))
      .images;
    const answer = { data: [{ b64_json: picture!.base64 }], usage: { cost: 0.04 } };
    const client = api.client('openrouter', {
      fetch: async () => Response.json(answer),
    });
    const log: SlotsLog = { commits: [] };
    render(<Grid client={client} log={log} />);
    const result = await log.controls!.generateAsync({ ...CITY, n: 3, stream: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.images).toHaveLength(1);
    expect(log.commits).toContainEqual(['waiting', 'waiting', 'waiting']);
    expect(log.commits.at(-1)).toEqual(['done', 'not-made', 'not-made']);
    const g = log.controls!;
    expect(g.slots[0]).toMatchObject({ cost: 0.04, image: g.images[0] });
    expect(g.slots[1]).toMatchObject({ image: undefined, error: undefined, cost: undefined });
  });

  it('stopped mid-run: the slots that got no image say stopped', async () => {
    const log: SlotsLog = { commits: [] };
    api.mock.next({ route: 'images', timing: { speed: 20 } });
    render(<Grid client={api.client('openrouter')} log={log} />);
    const run = log.controls!.generateAsync(CITY).catch((e: unknown) => e);
    while (!log.commits.at(-1)?.includes('previewing')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    log.controls!.stop();
    await run;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.commits.at(-1)).toEqual(['stopped', 'stopped']);
  });
});
