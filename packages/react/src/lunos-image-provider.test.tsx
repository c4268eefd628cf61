import { createLunosImageClient, type LunosImageClient } from '@lunos-image/core';
import { render, renderHook, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { LunosImageProvider } from './lunos-image-provider';
import { MissingClientError } from './missing-client-error';
import { useImageGeneration } from './use-image-generation';
import { useImageModels } from './use-image-models';
import { useLunosImageClient } from './use-lunos-image-client';

const clientA = createLunosImageClient({ baseURL: 'https://a.invalid/v1' });
const clientB = createLunosImageClient({ baseURL: 'https://b.invalid/v1', dialect: 'openrouter' });

const withProvider =
  (props: { client: LunosImageClient } | { options: { baseURL: string } }) =>
  ({ children }: { children: ReactNode }) => (
    <LunosImageProvider {...props}>{children}</LunosImageProvider>
  );

class Catch extends Component<{ children: ReactNode }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? (
      <p data-testid="caught">{String(this.state.error)}</p>
    ) : (
      this.props.children
    );
  }
}

function NeedsClient(props: { use: () => unknown }) {
  props.use();
  return null;
}

describe('LunosImageProvider and useLunosImageClient', () => {
  it('hands its client to the hooks below it', () => {
    const { result } = renderHook(() => useLunosImageClient(), {
      wrapper: withProvider({ client: clientA }),
    });
    expect(result.current).toBe(clientA);
  });

  it('a client passed to the hook wins over the provider', () => {
    const { result } = renderHook(() => useLunosImageClient(clientB), {
      wrapper: withProvider({ client: clientA }),
    });
    expect(result.current).toBe(clientB);
  });

  it('creates one client from options and keeps it across renders', () => {
    const { result, rerender } = renderHook(() => useLunosImageClient(), {
      wrapper: withProvider({ options: { baseURL: 'https://proxy.invalid/v1/' } }),
    });
    const first = result.current;
    expect(first.baseURL).toBe('https://proxy.invalid/v1');
    expect(first.dialect).toBe('lunos');
    rerender();
    expect(result.current).toBe(first);
  });

  it.each([
    ['useLunosImageClient', () => useLunosImageClient()],
    ['useImageModels', () => useImageModels()],
    ['useImageGeneration', () => useImageGeneration()],
  ])('%s without a provider or client throws MissingClientError', (_, use) => {
    // React (19 on the console, 18 through jsdom's error event) reports what a boundary caught.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', onError);
    try {
      render(
        <Catch>
          <NeedsClient use={use} />
        </Catch>,
      );
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(screen.getByTestId('caught').textContent).toMatch(
      /^MissingClientError: No LunosImageClient: render this component inside <LunosImageProvider/,
    );
  });

  it('MissingClientError is a LunosImageError with a stable name', () => {
    const error = new MissingClientError();
    expect(MissingClientError.isInstance(error)).toBe(true);
    expect(error.name).toBe('MissingClientError');
  });
});
