import { createLunosImageClient, type LunosImageClient } from '@lunos-image/core';
import { type UseImageGenerationResult, useImageGeneration } from '@lunos-image/react';
import type { ReactElement } from 'react';
import { prompt } from './scenario';
import { scenariosOf, type ViewProps } from './scenarios-of';

type Props = ViewProps<LunosImageClient>;

/** The hook as an app uses it, with the run's outcome reported to the probe (no subscription). */
function useProbedGeneration({ probe, source, throttleMs }: Props): UseImageGenerationResult {
  const generation = useImageGeneration({
    client: source,
    ...(throttleMs !== undefined && { throttleMs }),
    onFinish: ({ result }) => {
      probe.finalText = result?.text ?? '';
      probe.finalImages = result?.images.length ?? 0;
      probe.settled = true;
    },
  });
  probe.start = () =>
    generation.generate({ model: 'openrouter/google/gemini-2.5-flash-image', prompt });
  return generation;
}

function FullView(props: Props): ReactElement {
  const { status, text, images } = useProbedGeneration(props);
  props.probe.shown = { status, text, images: images.length };
  return (
    <section>
      <p>{status}</p>
      <p>{text}</p>
      {images.map((image) => (
        <img key={image.url} src={image.url} width={image.width} height={image.height} alt="" />
      ))}
    </section>
  );
}

function StatusView(props: Props): ReactElement {
  const { status } = useProbedGeneration(props);
  props.probe.shown = { status };
  return <p>{status}</p>;
}

function TextView(props: Props): ReactElement {
  const { text } = useProbedGeneration(props);
  props.probe.shown = { status: props.probe.shown.status, text };
  return <p>{text}</p>;
}

/** Ours: `useImageGeneration` over `@lunos-image/core`'s client, fed by the replay. */
export const oursScenarios = scenariosOf<LunosImageClient>(
  { full: FullView, status: StatusView, text: TextView },
  (fetch) => createLunosImageClient({ fetch, maxRetries: 0 }),
);
