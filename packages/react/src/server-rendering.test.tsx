// @vitest-environment node
import { createLunosImageClient, type ImageModel } from '@lunos-image/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LunosImageProvider } from './lunos-image-provider';
import { useImageGeneration } from './use-image-generation';
import { useImageModels } from './use-image-models';

// Runs in plain Node: no window, no document. Touching either while rendering would throw here.
const client = createLunosImageClient({
  baseURL: 'https://proxy.invalid/v1',
  // A tripwire, not a mock: server rendering must not send anything.
  fetch: () => {
    throw new Error('server rendering sent a request');
  },
});

const seed: ImageModel = {
  id: 'google/gemini-2.5-flash-image',
  name: 'Gemini 2.5 Flash Image',
  provider: 'google',
  inputModalities: ['text', 'image'],
  outputModalities: ['image', 'text'],
  pricing: {},
  supportedParameters: [],
  contextLength: undefined,
  raw: {},
};

function Models(props: { initialData?: readonly ImageModel[] }) {
  const { models, status, isLoading } = useImageModels(
    undefined,
    props.initialData ? { initialData: props.initialData } : {},
  );
  return (
    <p>
      {status}|{String(isLoading)}|{models?.map((m) => m.name).join(',')}
    </p>
  );
}

function Generator() {
  const { status, images, text, isRunning } = useImageGeneration();
  return (
    <p>
      {status}|{images.length}|{text}|{String(isRunning)}
    </p>
  );
}

describe('server rendering', () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('useImageModels renders initialData, without a request', () => {
    const html = renderToString(
      <LunosImageProvider client={client}>
        <Models initialData={[seed]} />
      </LunosImageProvider>,
    );
    expect(html).toBe(
      '<p>success<!-- -->|<!-- -->false<!-- -->|<!-- -->Gemini 2.5 Flash Image</p>',
    );
  });

  it('useImageModels without initialData renders the loading state', () => {
    const html = renderToString(
      <LunosImageProvider client={client}>
        <Models />
      </LunosImageProvider>,
    );
    expect(html).toBe('<p>loading<!-- -->|<!-- -->true<!-- -->|</p>');
  });

  it('useImageGeneration renders idle', () => {
    const html = renderToString(
      <LunosImageProvider options={{ baseURL: 'https://proxy.invalid/v1' }}>
        <Generator />
      </LunosImageProvider>,
    );
    expect(html).toBe('<p>idle<!-- -->|<!-- -->0<!-- -->|<!-- -->|<!-- -->false</p>');
  });
});
