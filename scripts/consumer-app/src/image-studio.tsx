import { useImageGeneration, useImageModels } from '@lunos-image/react';
import { useState } from 'react';

export const SUNSET_PROMPT = 'Generate a beautiful sunset over mountains';

/** What an app builds first: pick a model from the list, generate, show the picture. */
export function ImageStudio() {
  const { models, error: modelsError } = useImageModels();
  const [picked, setPicked] = useState<string>();
  const { generate, status, text, images, error, isRunning } = useImageGeneration();
  const model = picked ?? models?.[0]?.id;

  return (
    <section>
      {modelsError && <p role="alert">{modelsError.message}</p>}
      <select
        aria-label="Model"
        value={model ?? ''}
        onChange={(event) => setPicked(event.target.value)}
      >
        {models?.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={model === undefined || isRunning}
        onClick={() => model && generate({ model, prompt: SUNSET_PROMPT })}
      >
        Generate
      </button>
      <output aria-label="Status">{status}</output>
      {text && <p>{text}</p>}
      {images.map((image) => (
        <img
          key={image.index}
          src={image.url}
          width={image.width}
          height={image.height}
          alt={`Generated ${image.index + 1}`}
        />
      ))}
      {error && <p role="alert">{error.message}</p>}
    </section>
  );
}
