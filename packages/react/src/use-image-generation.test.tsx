import {
  AbortError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  type GeneratedImage,
  type GenerateImageVariables,
  type LunosImageClient,
  NoImageGeneratedError,
  NotFoundError,
  PaymentRequiredError,
  RateLimitError,
  StreamError,
  ValidationError,
} from '@lunos-image/core';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode, startTransition, useDeferredValue, useEffect, useLayoutEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { manualClock } from './test-utils/manual-clock';
import { setupMockApi } from './test-utils/mock-api';
import { objectUrls } from './test-utils/object-url-fakes';
import {
  type UseImageGenerationOptions,
  type UseImageGenerationResult,
  useImageGeneration,
} from './use-image-generation';

const clock = manualClock();
const api = await setupMockApi({ clock });

const SUNSET = 'chat/sunset-stream';
const PROGRESSIVE = 'chat/restaurant-progressive-stream';

/** A client whose requests' abort signals the test can look at (the fetch is the real one). */
function watchedClient(fixtureId: string): { client: LunosImageClient; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const client = api.clientFor(fixtureId, {
    fetch: (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return fetch(input, init);
    },
  });
  return { client, signals };
}

/** Renders the hook, recording what every render saw. */
function renderGeneration(
  options: UseImageGenerationOptions,
  read: (g: UseImageGenerationResult) => unknown = (g) => g.status,
  renderOptions: { reactStrictMode?: boolean } = {},
) {
  const seen: unknown[] = [];
  const view = renderHook(
    (props: UseImageGenerationOptions) => {
      const g = useImageGeneration(props);
      seen.push(read(g));
      return g;
    },
    { initialProps: options, ...renderOptions },
  );
  return { ...view, seen };
}

/** Shows the images as <img> and checks, at every render and commit, that no URL is revoked. */
function Gallery({ options }: { options: UseImageGenerationOptions }) {
  const g = useImageGeneration(options);
  for (const image of g.images) {
    if (objectUrls.isRevoked(image.url)) throw new Error(`rendered a revoked URL ${image.url}`);
  }
  useLayoutEffect(() => {
    for (const image of g.images) {
      if (objectUrls.isRevoked(image.url)) throw new Error(`committed a revoked URL ${image.url}`);
    }
  });
  useEffect(() => {
    galleryControls.current = g;
  });
  return (
    <div>
      <p data-testid="status">{g.status}</p>
      <p data-testid="text">{g.text}</p>
      {g.images.map((image) => (
        <img key={image.index} alt={`generated ${image.index}`} src={image.url} />
      ))}
    </div>
  );
}
const galleryControls: { current: UseImageGenerationResult | undefined } = { current: undefined };

/** Renders the text and images through useDeferredValue, as a slow gallery in an app would. */
function DeferredGallery(props: { client: LunosImageClient; log: string[] }) {
  const g = useImageGeneration({ client: props.client });
  galleryControls.current = g;
  const text = useDeferredValue(g.text);
  const images = useDeferredValue(g.images);
  useLayoutEffect(() => {
    props.log.push(`${g.status}|${text.length}|${images.length}`);
  });
  return (
    <div>
      <p data-testid="status">{g.status}</p>
      <p data-testid="text">{text}</p>
      {images.map((image) => (
        <img key={image.index} alt={`generated ${image.index}`} src={image.url} />
      ))}
    </div>
  );
}

/** Generates as soon as it mounts. */
function AutoStart(props: { client: LunosImageClient; variables: GenerateImageVariables }) {
  const g = useImageGeneration({ client: props.client });
  const { generate } = g;
  useEffect(() => {
    generate(props.variables);
  }, [generate, props.variables]);
  return <p data-testid="status">{g.status}</p>;
}

const dedupe = (list: unknown[]) => list.filter((v, i) => i === 0 || v !== list[i - 1]);

describe('useImageGeneration: a streamed generation', () => {
  it('goes idle → submitted → processing → streaming → success, one render per status', async () => {
    const client = api.clientFor(SUNSET);
    const { result, seen } = renderGeneration({ client });
    result.current.generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(result.current.status).toBe('success'));
    // The render reads only `status`, so text, image, usage and timing updates render nothing.
    expect(seen).toEqual(['idle', 'submitted', 'processing', 'streaming', 'success']);
    expect(result.current.runId).toBe(1);
    expect(result.current.isRunning).toBe(false);
    expect(api.mock.calls).toHaveLength(1);
  });

  it('shows the text before the image, then the image with an object URL and its size', async () => {
    const client = api.clientFor(SUNSET);
    const { result, seen } = renderGeneration({ client }, (g) => ({
      status: g.status,
      text: g.text,
      images: g.images.length,
    }));
    result.current.generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(seen).toContainEqual({ status: 'streaming', text: 'Here is your sunset! ', images: 0 });
    expect(seen).toContainEqual({ status: 'streaming', text: 'Here is your sunset! ', images: 1 });
    const [image] = result.current.images;
    expect(image).toMatchObject({
      index: 0,
      mimeType: 'image/png',
      width: 1024,
      height: 1024,
      runId: 1,
      url: objectUrls.created[0],
    });
    expect(image?.byteLength).toBe(image?.image.byteLength);
    expect(objectUrls.created).toHaveLength(1);
    expect(objectUrls.live()).toEqual([image?.url]);
    expect(result.current.usage?.cost).toBeGreaterThan(0);
    expect(result.current.finishReason).toBe('stop');
    expect(result.current.variables).toEqual(api.variablesOf(SUNSET));
    expect(result.current.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(result.current.bytesReceived).toBeGreaterThan(0);
  });

  it('replaces a progressive preview and revokes its URL once the final image is shown', async () => {
    const client = api.clientFor(PROGRESSIVE);
    const onImage = vi.fn();
    const { result, seen } = renderGeneration({ client, onImage }, (g) => g.images[0]?.url);
    result.current.generate(api.variablesOf(PROGRESSIVE));
    await waitFor(() => expect(result.current.status).toBe('success'));
    const urls = dedupe(seen.filter(Boolean));
    expect(urls).toHaveLength(2);
    const [preview, final] = urls as [string, string];
    expect(objectUrls.created).toEqual([preview, final]);
    expect(objectUrls.revoked).toEqual([preview]);
    expect(result.current.images[0]).toMatchObject({ url: final, width: 5376, height: 3072 });
    expect(onImage).toHaveBeenCalledTimes(2);
    expect(onImage.mock.calls.map((call) => call[1])).toEqual([0, 0]);
  });

  it('never renders or commits a revoked URL in a gallery', async () => {
    const client = api.clientFor(PROGRESSIVE);
    render(<Gallery options={{ client }} />);
    galleryControls.current?.generate(api.variablesOf(PROGRESSIVE));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
    const img = screen.getByRole('img') as HTMLImageElement;
    expect(objectUrls.isRevoked(img.src)).toBe(false);
    expect(objectUrls.created).toHaveLength(2);
    expect(objectUrls.revoked).toHaveLength(1);
  });
});

describe('useImageGeneration: errors', () => {
  const variables = {
    model: 'google/gemini-2.5-flash-image',
    prompt: 'A sunset',
    modalities: ['image', 'text'] as ('image' | 'text')[],
  };
  type ErrorClass = { isInstance(value: unknown): boolean; readonly kind: string };
  const cases: [string, ErrorClass][] = [
    ['errors/400-bad-aspect-ratio', BadRequestError],
    ['errors/401-unauthorized', AuthenticationError],
    ['errors/402-insufficient-credits', PaymentRequiredError],
    ['errors/404-wrong-modalities', NotFoundError],
    ['errors/429-rate-limited', RateLimitError],
    ['errors/502-provider-error', BadGatewayError],
    ['chat/in-band-error-stream', StreamError],
    ['chat/safety-block-stream', NoImageGeneratedError],
  ];

  it.each(cases)('%s puts a %O in `error`', async (fixtureId, kind) => {
    const client = api.clientFor(fixtureId);
    const onError = vi.fn();
    const onFinish = vi.fn();
    const { result } = renderGeneration({ client, onError, onFinish });
    api.mock.next({ fixture: fixtureId });
    result.current.generate(variables);
    await waitFor(() => expect(result.current.status).toBe('error'));
    const error = result.current.error;
    expect(kind.isInstance(error), String(error)).toBe(true);
    expect(onError).toHaveBeenCalledExactlyOnceWith(error, expect.objectContaining({ runId: 1 }));
    expect(onFinish).toHaveBeenCalledExactlyOnceWith({
      result: undefined,
      reason: 'error',
      error,
      runId: 1,
      variables,
      elapsedMs: expect.any(Number),
      bytesReceived: expect.any(Number),
    });
    if (fixtureId === 'chat/safety-block-stream') {
      expect(
        result.current.nativeFinishReason ?? (error as NoImageGeneratedError).nativeFinishReason,
      ).toBe('IMAGE_SAFETY');
    }
  });

  it('invalid variables put a ValidationError in `error` and send nothing', async () => {
    const client = api.clientFor(SUNSET);
    const { result } = renderGeneration({ client });
    result.current.generate({ model: 'google/gemini-2.5-flash-image', prompt: '   ' });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(ValidationError.isInstance(result.current.error)).toBe(true);
    expect(api.mock.calls).toHaveLength(0);
  });

  it('generateAsync rejects with the same typed error', async () => {
    const client = api.clientFor('errors/402-insufficient-credits');
    const { result } = renderGeneration({ client });
    api.mock.next({ fixture: 'errors/402-insufficient-credits' });
    const error = await result.current.generateAsync(variables).catch((e: unknown) => e);
    expect(PaymentRequiredError.isInstance(error)).toBe(true);
    await waitFor(() => expect(result.current.error).toBe(error));
  });
});

describe('useImageGeneration: stopping, superseding, unmounting', () => {
  it('stop() mid-stream aborts the request and ends in `aborted`, keeping the text so far', async () => {
    const { client, signals } = watchedClient(SUNSET);
    const onFinish = vi.fn();
    const { result } = renderGeneration({ client, onFinish }, (g) => [g.status, g.text]);
    api.mock.next({ fixture: SUNSET, timing: 'realtime' });
    const done = result.current.generateAsync(api.variablesOf(SUNSET)).catch((e: unknown) => e);
    await clock.until(() => result.current.text !== '');
    expect(result.current.status).toBe('streaming');
    act(() => result.current.stop());
    expect(AbortError.isInstance(await done)).toBe(true);
    expect(result.current.status).toBe('aborted');
    expect(result.current.text).toBe('Here is your sunset! ');
    expect(signals[0]?.aborted).toBe(true);
    expect(onFinish).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ result: undefined, reason: 'aborted' }),
    );
    // Time moves on: nothing of the stopped run arrives.
    await clock.advance(60_000);
    expect(result.current.status).toBe('aborted');
    expect(result.current.images).toEqual([]);
  });

  it('a generate while one runs supersedes it: the older is aborted and never writes', async () => {
    const { client, signals } = watchedClient(SUNSET);
    const { result, seen } = renderGeneration({ client }, (g) => [g.runId, g.status, g.text]);
    api.mock.next({ fixture: SUNSET, timing: 'realtime' });
    const first = result.current.generateAsync(api.variablesOf(SUNSET)).catch((e: unknown) => e);
    await clock.until(() => result.current.text !== '');
    const second = result.current.generateAsync(api.variablesOf(SUNSET));
    expect(AbortError.isInstance(await first)).toBe(true);
    expect(signals[0]?.aborted).toBe(true);
    const outcome = await second;
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.runId).toBe(2);
    expect(result.current.text).toBe(outcome.text);
    expect(seen).not.toContainEqual([1, 'aborted', expect.anything()]);
    expect(seen.at(-1)).toEqual([2, 'success', 'Here is your sunset! ']);
    await clock.advance(60_000);
    expect(result.current.runId).toBe(2);
    expect(api.mock.calls).toHaveLength(2);
  });

  it('generate returns the run id, and onFinish names the run a newer one superseded', async () => {
    const onFinish = vi.fn();
    const { result } = renderGeneration({ client: api.clientFor(SUNSET), onFinish });
    api.mock.next({ fixture: SUNSET, timing: 'realtime' });
    let first = 0;
    act(() => {
      first = result.current.generate(api.variablesOf(SUNSET));
    });
    expect(first).toBe(1);
    await clock.until(() => result.current.text !== '');
    let second = 0;
    act(() => {
      second = result.current.generate(api.variablesOf(SUNSET));
    });
    expect(second).toBe(2);
    expect(onFinish).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ runId: 1, reason: 'superseded', result: undefined }),
    );
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(onFinish).toHaveBeenLastCalledWith(
      expect.objectContaining({ runId: 2, reason: 'completed' }),
    );
    expect(result.current.runId).toBe(second);
  });

  it('unmounting mid-stream aborts the request, revokes the URLs and updates nothing', async () => {
    const { client, signals } = watchedClient(SUNSET);
    const onFinish = vi.fn();
    const { result, seen, unmount } = renderGeneration({ client, onFinish }, (g) => [
      g.status,
      g.images.map((i) => i.url),
    ]);
    api.mock.next({
      fixture: SUNSET,
      timing: 'realtime',
      faults: [{ type: 'stall', afterEvents: 4 }],
    });
    result.current.generate(api.variablesOf(SUNSET));
    await clock.until(() => result.current.images.length === 1);
    expect(objectUrls.live()).toHaveLength(1);
    const renders = seen.length;
    unmount();
    await vi.waitFor(() => expect(signals[0]?.aborted).toBe(true));
    await vi.waitFor(() => expect(objectUrls.live()).toEqual([]));
    expect(onFinish).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ reason: 'aborted' }),
    );
    await clock.advance(60_000);
    expect(seen).toHaveLength(renders);
    // The setup fails the test on any console.error, e.g. a React warning about the update.
  });
});

describe('useImageGeneration: StrictMode', () => {
  it('a double mount neither aborts nor sends twice', async () => {
    const { client, signals } = watchedClient(SUNSET);
    const { result, seen } = renderGeneration({ client }, (g) => g.status, {
      reactStrictMode: true,
    });
    result.current.generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(dedupe(seen)).toEqual(['idle', 'submitted', 'processing', 'streaming', 'success']);
    expect(api.mock.calls).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
  });

  it('a generate from a mount effect runs once to success, even though StrictMode runs the effect twice', async () => {
    const client = api.clientFor(SUNSET);
    const variables = api.variablesOf(SUNSET);
    render(
      <StrictMode>
        <AutoStart client={client} variables={variables} />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
    // The first run is superseded before its request goes out.
    expect(api.mock.calls).toHaveLength(1);
  });

  it('object URLs made under StrictMode are revoked on unmount', async () => {
    const client = api.clientFor(PROGRESSIVE);
    const { unmount } = render(
      <StrictMode>
        <Gallery options={{ client }} />
      </StrictMode>,
    );
    galleryControls.current?.generate(api.variablesOf(PROGRESSIVE));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
    expect(objectUrls.live()).toHaveLength(1);
    unmount();
    await vi.waitFor(() => expect(objectUrls.live()).toEqual([]));
    expect(objectUrls.created).toHaveLength(2);
  });
});

describe('useImageGeneration: concurrent rendering', () => {
  it('a run started in a transition, shown through deferred values, ends consistent', async () => {
    const client = api.clientFor(PROGRESSIVE);
    const log: string[] = [];
    render(<DeferredGallery client={client} log={log} />);
    startTransition(() => {
      galleryControls.current?.generate(api.variablesOf(PROGRESSIVE));
    });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
    await waitFor(() =>
      expect(screen.getByRole('img').getAttribute('src')).toBe(objectUrls.created[1]),
    );
    expect(screen.getByTestId('text').textContent).toBe(galleryControls.current?.text);
    expect(objectUrls.live()).toEqual([objectUrls.created[1]]);
    expect(log.at(-1)).toBe(`success|${galleryControls.current?.text.length}|1`);
  });

  it('a new client starts a new generator; the old run is stopped', async () => {
    const first = watchedClient(SUNSET);
    const second = api.clientFor(SUNSET);
    const { result, rerender } = renderGeneration({ client: first.client }, (g) => g.status);
    api.mock.next({ fixture: SUNSET, timing: 'realtime' });
    result.current.generate(api.variablesOf(SUNSET));
    await clock.until(() => result.current.status === 'processing');
    rerender({ client: second });
    expect(result.current.status).toBe('idle');
    await vi.waitFor(() => expect(first.signals[0]?.aborted).toBe(true));
    result.current.generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.runId).toBe(1);
  });
});

describe('useImageGeneration: callbacks and options', () => {
  it('reads callbacks from the latest render: a new callback gets the rest, nothing restarts', async () => {
    const client = api.clientFor(SUNSET);
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderGeneration({ client, onImage: first }, (g) => g.status);
    api.mock.next({ fixture: SUNSET, timing: 'realtime' });
    result.current.generate(api.variablesOf(SUNSET));
    await clock.until(() => result.current.status === 'streaming');
    rerender({ client, onImage: second });
    await clock.until(() => result.current.status === 'success');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect((second.mock.calls[0]![0] as GeneratedImage).mimeType).toBe('image/png');
    expect(api.mock.calls).toHaveLength(1);
  });

  it('stream: false waits for the whole answer', async () => {
    const client = api.clientFor('chat/sunset');
    const { result, seen } = renderGeneration({ client, stream: false }, (g) => g.text);
    result.current.generate({ ...api.variablesOf('chat/sunset'), stream: undefined });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(dedupe(seen)).toEqual(['', 'Here is a beautiful sunset over the mountains.']);
    expect((api.mock.calls[0]!.body as { stream?: boolean }).stream).toBe(false);
    expect(result.current.text).toBe('Here is a beautiful sunset over the mountains.');
    expect(api.mock.calls[0]?.answer.fixtureId).toBe('chat/sunset');
  });

  it('reset() stops the run, returns to idle and revokes the URLs', async () => {
    const client = api.clientFor(SUNSET);
    const { result } = renderGeneration({ client }, (g) => [g.status, g.images]);
    await act(() => result.current.generateAsync(api.variablesOf(SUNSET)));
    await waitFor(() => expect(result.current.images).toHaveLength(1));
    act(() => result.current.reset());
    expect(result.current.status).toBe('idle');
    expect(result.current.images).toEqual([]);
    expect(result.current.runId).toBe(1);
    await waitFor(() => expect(objectUrls.live()).toEqual([]));
  });
});
