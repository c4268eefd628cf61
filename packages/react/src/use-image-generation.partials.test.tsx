import type { LunosImageClient } from '@lunos-image/core';
import { render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { CITY } from './test-utils/city-stream-variables';
import { setupMockApi } from './test-utils/mock-api';
import { objectUrls } from './test-utils/object-url-fakes';
import { type UseImageGenerationResult, useImageGeneration } from './use-image-generation';

const api = await setupMockApi();

interface SlotsLog {
  commits: { status: string; previews: (number | undefined)[]; finals: number; live: number }[];
  previewUrls: Set<string>;
  partialEvents: number;
  controls?: UseImageGenerationResult;
}

/** Shows each slot as `images[i] ?? partials[i]`, as the README says, and logs every commit. */
function Slots(props: { client: LunosImageClient; log: SlotsLog }) {
  const { log } = props;
  const g = useImageGeneration({
    client: props.client,
    onPartialImage: () => {
      log.partialEvents++;
    },
  });
  log.controls = g;
  useLayoutEffect(() => {
    for (const view of [...g.images, ...g.partials]) {
      if (view && objectUrls.isRevoked(view.url)) throw new Error(`committed revoked ${view.url}`);
    }
    for (const preview of g.partials) if (preview) log.previewUrls.add(preview.url);
    log.commits.push({
      status: g.status,
      previews: g.partials.map((p) => p?.partialIndex),
      finals: g.images.filter(Boolean).length,
      live: objectUrls.live().length,
    });
  });
  const slots = Math.max(g.images.length, g.partials.length);
  return (
    <ul>
      {Array.from({ length: slots }, (_, i) => {
        const view = g.images[i] ?? g.partials[i];
        // biome-ignore lint/suspicious/noArrayIndexKey: a slot is its position in the run
        return <li key={i}>{view && <img alt={`slot ${i}`} src={view.url} />}</li>;
      })}
    </ul>
  );
}

describe('useImageGeneration: partial previews of an n-image Images API run', () => {
  it('shows each slot’s latest preview until its image arrives, revoking every replaced URL', async () => {
    objectUrls.reset();
    const log: SlotsLog = { commits: [], previewUrls: new Set(), partialEvents: 0 };
    // Recorded gaps of seconds, played 100 times faster: each event is its own network read.
    api.mock.next({ route: 'images', timing: { speed: 100 } });
    const view = render(<Slots client={api.client('openrouter')} log={log} />);
    const result = await log.controls!.generateAsync(CITY);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.images).toHaveLength(2);

    // Previews came for both slots, the second slot's while the first already had its image.
    const withPreview = log.commits.filter((c) => c.previews.some((p) => p !== undefined));
    expect(withPreview.length).toBeGreaterThan(1);
    expect(log.commits.some((c) => c.finals === 1 && c.previews[1] !== undefined)).toBe(true);
    expect(log.partialEvents).toBeGreaterThanOrEqual(2);

    // The end: two final images, no preview, every preview URL revoked, only the finals live.
    const last = log.commits.at(-1)!;
    expect(last).toMatchObject({ status: 'success', previews: [], finals: 2 });
    // (The last preview goes after the commit that stops showing it, never before.)
    for (const url of log.previewUrls) expect(objectUrls.isRevoked(url)).toBe(true);
    expect(objectUrls.live()).toHaveLength(2);
    expect(log.previewUrls.size).toBe(log.partialEvents);

    // Renders stay bounded by status changes + images + previews.
    expect(log.commits.length).toBeLessThanOrEqual(1 + 4 + 2 + log.partialEvents);

    view.unmount();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(objectUrls.live()).toEqual([]);
  });

  it('a reset while previews are shown revokes them at once', async () => {
    objectUrls.reset();
    const log: SlotsLog = { commits: [], previewUrls: new Set(), partialEvents: 0 };
    api.mock.next({ route: 'images', timing: { speed: 20 } });
    render(<Slots client={api.client('openrouter')} log={log} />);
    const run = log.controls!.generateAsync(CITY);
    run.catch(() => {});
    while (log.previewUrls.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    log.controls!.reset();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.commits.at(-1)).toMatchObject({ status: 'idle', previews: [], finals: 0 });
    for (const url of log.previewUrls) expect(objectUrls.isRevoked(url)).toBe(true);
    expect(objectUrls.live()).toEqual([]);
  });
});
