'use client';
import { estimateMaxCost, type GenerationStatus, RateLimitError } from '@lunos-image/core';
import { LunosImageProvider, useImageGeneration, useImageModels } from '@lunos-image/react';
import { type FormEvent, useId, useState } from 'react';
import { BudgetLine } from './budget-line';
import { errorText } from './error-text';
import { MAX_PROMPT_CHARS } from './max-prompt-chars';

/** What each state of a run reads as on the page. */
const STATUS_TEXT: Record<GenerationStatus, string> = {
  idle: 'Ready.',
  submitted: 'Sending the request…',
  processing: 'The model is working…',
  streaming: 'Receiving the image…',
  success: 'Done.',
  error: 'Failed.',
  aborted: 'Stopped.',
};

/**
 * The client half of the example. The provider's client calls the app's own route handler
 * (`/api/lunos`) and holds no key: the handler adds it on the server.
 */
export function ImageStudio() {
  return (
    <LunosImageProvider options={{ baseURL: '/api/lunos' }}>
      <Generator />
    </LunosImageProvider>
  );
}

function Generator() {
  const ids = { model: useId(), prompt: useId() };
  const models = useImageModels();
  // The running job's id is kept in sessionStorage: after a reload the run goes on where it was.
  const { generate, stop, status, text, images, error, isRunning, variables, jobId, budget } =
    useImageGeneration({ resume: 'session' });
  const [chosen, setChosen] = useState('');
  const [prompt, setPrompt] = useState('');
  const model = chosen || models.models?.[0]?.id || '';
  // Generate sends a model and a prompt, no n, size or ratio: priced as the handler reserves it.
  const listed = models.models?.find((m) => m.id === model);
  const estimateUsd = listed && estimateMaxCost(listed, {});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (model && prompt.trim()) generate({ model, prompt: prompt.trim() });
  }

  return (
    <>
      <form onSubmit={onSubmit} aria-label="Image generation">
        <label htmlFor={ids.model}>Model</label>
        <select
          id={ids.model}
          value={model}
          onChange={(event) => setChosen(event.target.value)}
          disabled={!models.models?.length}
          aria-busy={models.isLoading}
        >
          {models.isLoading && <option value="">Loading models…</option>}
          {models.models?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        {models.error && (
          <p role="alert">
            The models could not be loaded: {models.error.message}{' '}
            <button type="button" onClick={() => models.refetch()}>
              Retry
            </button>
          </p>
        )}

        <label htmlFor={ids.prompt}>Prompt</label>
        <textarea
          id={ids.prompt}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          maxLength={MAX_PROMPT_CHARS}
          rows={3}
          required
        />

        <div className="actions">
          <button type="submit" disabled={!model || !prompt.trim() || isRunning}>
            Generate
          </button>
          <button type="button" onClick={stop} disabled={!isRunning}>
            Stop
          </button>
        </div>
        <BudgetLine estimateUsd={estimateUsd} budgetUsd={budget} />
      </form>

      <section aria-label="Result" aria-busy={isRunning}>
        <p role="status" data-status={status} data-job-id={jobId}>
          {STATUS_TEXT[status]}
        </p>
        {/* A stopped run carries an AbortError too; the status already says it stopped. */}
        {status === 'error' && error && (
          <p
            role="alert"
            data-error-type={RateLimitError.isInstance(error) ? error.errorType : undefined}
          >
            {errorText(error)}
          </p>
        )}
        {text && <p>{text}</p>}
        {images.map((image) => (
          <figure key={image.index}>
            {/* biome-ignore lint/performance/noImgElement: an object URL of bytes already in the page; next/image has nothing to optimize */}
            <img
              src={image.url}
              width={image.width}
              height={image.height}
              alt={
                images.length > 1 ? `${variables?.prompt} (${image.index + 1})` : variables?.prompt
              }
            />
            <figcaption>
              {image.width && image.height ? `${image.width}×${image.height} ` : ''}
              {image.mimeType}
            </figcaption>
          </figure>
        ))}
      </section>
    </>
  );
}
