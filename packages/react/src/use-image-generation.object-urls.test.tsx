import type { KeepImages, LunosImageClient } from '@lunos-image/core';
import { GenerationObserver } from '@lunos-image/core/adapter';
import { render, screen, waitFor } from '@testing-library/react';
import * as React from 'react';
import { type ReactNode, useLayoutEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { ImageViews } from './image-views';
import { manualClock } from './test-utils/manual-clock';
import { setupMockApi } from './test-utils/mock-api';
import { objectUrls } from './test-utils/object-url-fakes';
import { type UseImageGenerationResult, useImageGeneration } from './use-image-generation';

const clock = manualClock();
const api = await setupMockApi({ clock });
const SUNSET = 'chat/sunset-stream';

interface GalleryLog {
  commits: { status: string; shown: string[]; runIds: number[]; live: number }[];
  controls?: UseImageGenerationResult;
}

/** Shows the images; records, at every commit, how many URLs are live and what is shown. */
function Gallery(props: { client: LunosImageClient; keep?: KeepImages; log: GalleryLog }) {
  const { client, keep, log } = props;
  const g = useImageGeneration(keep ? { client, keep } : { client });
  log.controls = g;
  useLayoutEffect(() => {
    for (const image of g.images) {
      if (objectUrls.isRevoked(image.url)) throw new Error(`committed revoked ${image.url}`);
    }
    log.commits.push({
      status: g.status,
      shown: g.images.map((i) => i.url),
      runIds: g.images.map((i) => i.runId),
      live: objectUrls.live().length,
    });
  });
  return (
    <div>
      <p data-testid="run">
        {g.runId}:{g.status}
      </p>
      {g.images.map((image) => (
        <img key={image.url} alt={`generated ${image.index}`} src={image.url} />
      ))}
    </div>
  );
}

function mountGallery(keep?: KeepImages) {
  const log: GalleryLog = { commits: [] };
  const view = render(<Gallery client={api.clientFor(SUNSET)} keep={keep} log={log} />);
  return { ...view, commits: log.commits, controls: () => log.controls! };
}

/**
 * Runs a generation to success, then starts a second one on the manual clock (paused before its
 * first event); returns the first run's URL.
 */
async function startSecondRun(controls: () => UseImageGenerationResult): Promise<string> {
  controls().generate(api.variablesOf(SUNSET));
  await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('1:success'));
  const first = objectUrls.created[0]!;
  api.mock.next({ fixture: SUNSET, timing: 'realtime' });
  controls().generate(api.variablesOf(SUNSET));
  return first;
}

describe('useImageGeneration: object URLs', () => {
  it('200 generations in a row in one mounted hook revoke every URL but the one shown', async () => {
    const { commits, controls, unmount } = mountGallery();
    const variables = api.variablesOf(SUNSET);
    for (let run = 1; run <= 200; run++) {
      controls().generate(variables);
      await waitFor(() => expect(screen.getByTestId('run').textContent).toBe(`${run}:success`));
      await waitFor(() =>
        expect(screen.getByRole('img').getAttribute('src')).toBe(objectUrls.created.at(-1)),
      );
    }
    expect(api.mock.calls).toHaveLength(200);
    expect(objectUrls.created).toHaveLength(200);
    expect(new Set(objectUrls.created).size).toBe(200);
    // Kept: the last run's image, on screen.
    expect(objectUrls.live()).toEqual([objectUrls.created[199]]);
    expect(objectUrls.revoked).toEqual(objectUrls.created.slice(0, 199));
    // keep 'previous': at most the old and the new image were ever live together.
    expect(Math.max(...commits.map((c) => c.live))).toBeLessThanOrEqual(2);
    unmount();
    await waitFor(() => expect(objectUrls.live()).toEqual([]));
    expect(objectUrls.revoked).toHaveLength(200);
  }, 60_000);

  it("keep 'previous' (default) shows the last run's images until the new run's first image", async () => {
    const { commits, controls } = mountGallery();
    const first = await startSecondRun(controls);
    await clock.until(() => controls().text !== '');
    expect(controls().status).toBe('streaming');
    expect(controls().images.map((i) => [i.url, i.runId])).toEqual([[first, 1]]);
    expect(objectUrls.isRevoked(first)).toBe(false);
    await clock.until(() => controls().status === 'success');
    await waitFor(() => expect(objectUrls.isRevoked(first)).toBe(true));
    const second = objectUrls.created[1];
    expect(controls().images.map((i) => [i.url, i.runId])).toEqual([[second, 2]]);
    // No commit ever showed an empty gallery after the first image.
    const afterFirst = commits.slice(commits.findIndex((c) => c.shown.length > 0));
    expect(afterFirst.every((c) => c.shown.length === 1)).toBe(true);
  });

  it("keep 'previous' keeps the images when the new run fails; reset() drops them", async () => {
    const { controls } = mountGallery();
    controls().generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('1:success'));
    api.mock.next({ fixture: 'errors/402-insufficient-credits' });
    controls().generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('2:error'));
    expect(controls().images.map((i) => i.runId)).toEqual([1]);
    expect(objectUrls.live()).toHaveLength(1);
    controls().reset();
    await waitFor(() => expect(screen.queryByRole('img')).toBeNull());
    await waitFor(() => expect(objectUrls.live()).toEqual([]));
  });

  it("keep 'none' empties the gallery as the new run starts and revokes its URL", async () => {
    const { commits, controls } = mountGallery('none');
    const first = await startSecondRun(controls);
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('2:submitted'));
    expect(screen.queryByRole('img')).toBeNull();
    await waitFor(() => expect(objectUrls.isRevoked(first)).toBe(true));
    await clock.until(() => controls().status === 'success');
    await waitFor(() =>
      expect(screen.getByRole('img').getAttribute('src')).toBe(objectUrls.created[1]),
    );
    expect(commits.some((c) => c.status === 'submitted' && c.shown.length === 0)).toBe(true);
  });
});

// React 19.2+ only: <Activity mode="hidden"> unmounts effects but keeps state, and shows it again.
const Activity = (
  React as { Activity?: (props: { mode: string; children: ReactNode }) => ReactNode }
).Activity;

describe('useImageGeneration: hidden and shown again', () => {
  it.skipIf(!Activity)('revokes the URLs while hidden and shows fresh ones after', async () => {
    const Hideable = Activity!;
    const log: GalleryLog = { commits: [] };
    const client = api.clientFor(SUNSET);
    const tree = (mode: string) => (
      <Hideable mode={mode}>
        <Gallery client={client} log={log} />
      </Hideable>
    );
    const { rerender } = render(tree('visible'));
    log.controls!.generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('1:success'));
    const [shown] = objectUrls.created;
    rerender(tree('hidden'));
    await waitFor(() => expect(objectUrls.live()).toEqual([]));
    rerender(tree('visible'));
    await waitFor(() => expect(objectUrls.live()).toHaveLength(1));
    const [fresh] = objectUrls.live();
    expect(fresh).not.toBe(shown);
    await waitFor(() => expect(screen.getByRole('img').getAttribute('src')).toBe(fresh));
    expect(screen.getByTestId('run').textContent).toBe('1:success');
  });
});

describe('GenerationObserver with ImageViews', () => {
  it('revokes its URLs a tick after the last subscriber leaves, and makes fresh ones for a new one', async () => {
    const views = new ImageViews();
    const observer = new GenerationObserver(api.clientFor(SUNSET), {}, views);
    const stop = observer.subscribe(() => {});
    await observer.generateAsync(api.variablesOf(SUNSET));
    const before = observer.getSnapshot();
    const [view] = views.viewsOf(before.shown);
    expect(objectUrls.live()).toEqual([view?.url]);
    expect(views.objectUrlCount).toBe(1);
    observer.commit(before);
    stop();
    // Within the tick (StrictMode's remount) nothing is revoked.
    expect(objectUrls.live()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(objectUrls.live()).toEqual([]);
    expect(views.objectUrlCount).toBe(0);
    // Hidden and shown again (React's <Activity>): a new snapshot, so React re-renders, with new URLs.
    const again = observer.subscribe(() => {});
    const after = observer.getSnapshot();
    expect(after).not.toBe(before);
    const [fresh] = views.viewsOf(after.shown);
    expect(fresh?.url).not.toBe(view?.url);
    expect(objectUrls.live()).toEqual([fresh?.url]);
    expect(observer.read(after, 'status')).toBe('success');
    again();
  });
});
