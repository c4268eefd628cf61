import {
  canonicalModelId,
  capabilitiesOf,
  defaultModalities,
  type GenerateImageVariables,
  type ImageModel,
  imagePixelSize,
} from '@lunos-image/core';
import type { MockCall } from '@lunos-image/msw';
import { useImageGeneration, useImageModels } from '@lunos-image/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CodePanel } from './code/code-panel';
import { AspectRatioPicker } from './compose/aspect-ratio-picker';
import type { ComposeForm } from './compose/compose-form';
import { ImageSizePicker } from './compose/image-size-picker';
import { pickSupported } from './compose/pick-supported';
import { PromptBox } from './compose/prompt-box';
import { ReferenceImages } from './compose/reference-images';
import { type Connection, connectionLabel, DIALECT_LABELS } from './connection/connection';
import { HistoryList } from './history/history-list';
import type { RunRecord } from './history/run-record';
import type { useRunHistory } from './history/use-run-history';
import { FAULT_SCENARIOS, type FaultScenario } from './mock/fault-scenarios';
import type { MockControl } from './mock/mock-control';
import { MockPanel } from './mock/mock-panel';
import { MOCK_SERVE_COMMAND } from './mock/mock-serve-command';
import { ModelPicker } from './models/model-picker';
import { CostLine } from './run/cost-line';
import { describeError } from './run/describe-error';
import { ErrorPanel } from './run/error-panel';
import { ResultView } from './run/result-view';
import type { RunView } from './run/run-view';
import { StatusLine } from './run/status-line';
import { useRunTimeline } from './run/use-run-timeline';
import { useCountdown } from './ui/use-countdown';

export interface WorkbenchProps {
  connection: Connection;
  form: ComposeForm;
  onFormChange(update: (form: ComposeForm) => ComposeForm): void;
  history: ReturnType<typeof useRunHistory>;
  /** Present for the two mock modes. */
  mock: { control: MockControl; where: string } | undefined;
}

/** What a run was started with, for its history entry. */
interface RunContext {
  form: ComposeForm;
  model: ImageModel;
  /** `performance.now()` at submit. */
  startedAt: number;
  /** The mock scenario armed for it, if any. */
  scenario: FaultScenario | undefined;
  /** Set by the first stream event: the provider has answered. */
  responded: boolean;
  /** Set when a new generate replaced it (not the user's Stop). */
  superseded: boolean;
}

/**
 * The settings a run's answer really belongs to: a recording's answer is the recorded request's
 * (its model, prompt and size), whatever the form said.
 */
function answeredFor(run: RunContext): ComposeForm {
  const recorded = run.scenario?.recorded;
  if (!recorded) return run.form;
  return {
    ...run.form,
    modelId: recorded.model,
    prompt: recorded.prompt,
    aspectRatio: recorded.aspectRatio,
    imageSize: recorded.imageSize,
  };
}

/**
 * The catalog model `id` names: that exact id, else the same model under the other dialect's id
 * (the recordings were made in OpenRouter's dialect, `google/…`, while the Lunos catalog lists
 * the same models as `openrouter/google/…`).
 */
function findModel(models: readonly ImageModel[], id: string | undefined): ImageModel | undefined {
  if (id === undefined) return undefined;
  return (
    models.find((m) => m.id === id) ??
    models.find((m) => canonicalModelId(m.id) === canonicalModelId(id))
  );
}

/** Models the catalog lists in a stable order: image+text models first, then image-only ones. */
function byKind(models: readonly ImageModel[]): readonly ImageModel[] {
  const text = (m: ImageModel) => (m.outputModalities.includes('text') ? 0 : 1);
  return [...models].sort((a, b) => text(a) - text(b));
}

function introFor(connection: Connection): string {
  switch (connection.mode) {
    case 'mock':
      return 'This is the built-in mock: it replays the API’s real streams in this tab (keep-alives, the caption, then the image), with no key and no network. Switch to the live API under Connection.';
    case 'server':
      return `Requests go to the mock server at ${connection.serverUrl}: the same recorded streams, over real HTTP.`;
    case 'live':
      return connection.baseURL
        ? `Requests go to your proxy at ${connection.baseURL}.`
        : `Requests go straight to ${DIALECT_LABELS[connection.dialect]} and are billed to your account.`;
  }
}

/**
 * Everything below the connection: the model list, the form, the run in progress, the output and
 * the history. Mounted once per connection (its `key`), so a new client starts clean.
 */
export function Workbench({ connection, form, onFormChange, history, mock }: WorkbenchProps) {
  const catalog = useImageModels(undefined, { select: byKind });
  const models = catalog.models ?? [];
  const model = findModel(models, form.modelId) ?? models[0];
  const capabilities = model ? capabilitiesOf(model) : undefined;
  const ratios = capabilities?.aspectRatios;
  const sizes = capabilities?.imageSizes;
  const takesImages = model ? model.inputModalities.includes('image') : true;

  // Keep the form on what the chosen model takes: its id, a ratio and size it documents.
  useEffect(() => {
    if (!model) return;
    onFormChange((f) => {
      const aspectRatio = pickSupported(f.aspectRatio, ratios, '1:1');
      const imageSize = pickSupported(f.imageSize, sizes, '1K');
      return f.modelId === model.id && f.aspectRatio === aspectRatio && f.imageSize === imageSize
        ? f
        : { ...f, modelId: model.id, aspectRatio, imageSize };
    });
  }, [model, ratios, sizes, onFormChange]);

  const [scenarioId, setScenarioId] = useState('');
  const [calls, setCalls] = useState<readonly MockCall[]>([]);
  const [viewing, setViewing] = useState<RunRecord | undefined>();
  const [finished, setFinished] = useState({ elapsedMs: 0, at: 0 });
  const [armError, setArmError] = useState<string>();
  const timeline = useRunTimeline();
  const startedAt = useRef(0);
  const outputRef = useRef<HTMLElement>(null);
  // What each run was started with, found again by the variables object `onFinish` hands back
  // (a superseded run ends inside the next `generate`, before the new run's own end).
  const runs = useRef(new WeakMap<GenerateImageVariables, RunContext>());
  const latestRun = useRef<RunContext | undefined>(undefined);

  const refreshCalls = useCallback(() => {
    mock?.control
      .calls()
      .then(setCalls)
      .catch(() => {});
  }, [mock]);

  const generation = useImageGeneration({
    throttleMs: 33,
    // A new run starts empty: a stopped or failed run must not show the previous run's images.
    keep: 'none',
    // Marked from the events themselves, not from rendered status: a keep-alive phase shorter
    // than a frame still shows on the timeline.
    onEvent: (event) => {
      if (latestRun.current) latestRun.current.responded = true;
      if (event.type === 'processing') timeline.mark('processing');
      else if (event.type === 'text-delta') timeline.mark('caption');
      else if (event.type === 'image') timeline.mark('image');
    },
    onFinish: ({ result, reason, error, variables }) => {
      const run = runs.current.get(variables);
      if (!run) return;
      // A run replaced before the provider said anything (a double press of Generate) is not a
      // run the user stopped: filing it would leave a phantom "Stopped · 20 ms" entry.
      if (reason === 'aborted' && run.superseded && !run.responded) return;
      const elapsedMs = performance.now() - run.startedAt;
      // Only the latest run owns the timeline and the status line's final time.
      if (run === latestRun.current) {
        timeline.mark(
          reason === 'completed' ? 'done' : reason === 'aborted' ? 'stopped' : 'failed',
        );
        setFinished({ elapsedMs, at: Date.now() });
      }
      refreshCalls();
      const form = answeredFor(run);
      history.add({
        form,
        modelName:
          form.modelId === run.model.id
            ? run.model.name
            : (findModel(models, form.modelId)?.name ?? form.modelId ?? ''),
        connectionLabel: connectionLabel(connection),
        outcome: reason === 'completed' ? 'success' : reason,
        text: result?.text ?? '',
        images: (result?.images ?? []).map((image, index) => ({ image, index })),
        cost: result?.usage?.cost,
        elapsedMs,
        bytesReceived: generationRef.current.bytesReceived,
        error:
          reason === 'error' && error !== undefined ? describeError(error, connection) : undefined,
        finishedAt: Date.now(),
      });
    },
  });
  const generationRef = useRef(generation);
  generationRef.current = generation;
  const { isRunning } = generation;

  // A Retry-After holds Generate for the model that was refused (another model may go at once).
  const retryAfterMs =
    generation.status === 'error' && generation.error
      ? describeError(generation.error, connection).retryAfterMs
      : undefined;
  const retryWaitMs = useCountdown(
    retryAfterMs === undefined ? undefined : finished.at + retryAfterMs,
  );
  const waiting = retryWaitMs > 0 && generation.variables?.model === model?.id;

  useEffect(() => {
    if (catalog.status === 'success') refreshCalls();
  }, [catalog.status, refreshCalls]);

  const generate = useCallback(async () => {
    if (!model || !form.prompt.trim() || waiting) return;
    setArmError(undefined);
    const scenario = FAULT_SCENARIOS.find((s) => s.id === scenarioId);
    if (mock && scenario) {
      try {
        await mock.control.next({ ...scenario.scenario, route: 'chat' });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // The scenario could not be queued: leave the picker on a normal answer, so it does not
        // claim a scenario the mock will not play, and say how to get one that can.
        setScenarioId('');
        setArmError(
          /unknown fixture/i.test(message)
            ? `${message}: this mock server was started without the recordings. Restart it with ${MOCK_SERVE_COMMAND}.`
            : message,
        );
        return;
      }
      // A scenario is for one generation; the next one is normal unless armed again.
      setScenarioId('');
    }
    const variables: GenerateImageVariables = {
      model: model.id,
      prompt: form.prompt.trim(),
      stream: form.stream,
      // Image-only models answer 404 to ["image", "text"]: ask for what the model produces.
      modalities: defaultModalities(model),
      ...(form.aspectRatio && { aspectRatio: form.aspectRatio }),
      ...(form.imageSize && { imageSize: form.imageSize }),
      ...(takesImages && form.references.length > 0 && { referenceImages: [...form.references] }),
    };
    setViewing(undefined);
    startedAt.current = timeline.start();
    if (latestRun.current && generationRef.current.isRunning) latestRun.current.superseded = true;
    const run: RunContext = {
      form,
      model,
      startedAt: startedAt.current,
      scenario: mock ? scenario : undefined,
      responded: false,
      superseded: false,
    };
    runs.current.set(variables, run);
    latestRun.current = run;
    generation.generate(variables);
    // In one column the output is below the form: bring it into view so the run can be watched.
    if (window.matchMedia('(max-width: 860px)').matches) {
      outputRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }, [model, form, scenarioId, mock, takesImages, timeline, generation, waiting]);

  // Escape stops the run from anywhere on the page (a listbox that is open handles it first).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && generationRef.current.isRunning) {
        event.preventDefault();
        generationRef.current.stop();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const live: RunView = useMemo(
    () => ({
      source: 'live',
      status: generation.status,
      text: generation.text,
      images: generation.images.map((i) => ({
        index: i.index,
        url: i.url,
        mimeType: i.mimeType,
        width: i.width,
        height: i.height,
        byteLength: i.byteLength,
      })),
      error:
        generation.status === 'error' && generation.error
          ? describeError(generation.error, connection)
          : undefined,
      elapsedMs: finished.elapsedMs,
      bytesReceived: generation.bytesReceived,
      cost: generation.usage?.cost,
      timeline: timeline.marks,
      aspectRatio: generation.variables?.aspectRatio,
    }),
    [generation, connection, finished.elapsedMs, timeline.marks],
  );

  const view: RunView = viewing
    ? {
        source: 'history',
        status: viewing.outcome,
        text: viewing.text,
        images: viewing.images,
        error: viewing.error,
        elapsedMs: viewing.elapsedMs,
        bytesReceived: viewing.bytesReceived,
        cost: viewing.cost,
        timeline: [],
        aspectRatio: viewing.form.aspectRatio,
      }
    : live;

  const pixels =
    model && sizes !== undefined && ratios !== undefined && form.aspectRatio && form.imageSize
      ? (() => {
          const { width, height } = imagePixelSize(form.aspectRatio, form.imageSize);
          return `${width} × ${height}`;
        })()
      : undefined;

  const catalogError = catalog.error ? describeError(catalog.error, connection) : undefined;
  // What the status line says before a run: never "Ready" when Generate cannot be pressed.
  const idleText = catalogError
    ? 'Not ready: the models could not be loaded. See the error above, then try again.'
    : catalog.isLoading
      ? 'Loading the models…'
      : !model
        ? 'Not ready: this connection lists no image model.'
        : !form.prompt.trim()
          ? 'Write a prompt to generate.'
          : 'Ready. Press Enter in the prompt to generate.';

  return (
    <div className="layout">
      <div className="column compose-column">
        <section className="panel compose" aria-label="Compose">
          {catalogError ? (
            <ErrorPanel
              error={{ ...catalogError, title: `Could not load models: ${catalogError.title}` }}
              at={finished.at}
              onRetry={() => void catalog.refetch()}
            />
          ) : (
            <ModelPicker
              models={models}
              value={model}
              loading={catalog.isLoading}
              onChange={(m) => onFormChange((f) => ({ ...f, modelId: m.id }))}
            />
          )}
          <PromptBox
            value={form.prompt}
            onChange={(prompt) => onFormChange((f) => ({ ...f, prompt }))}
            onSubmit={() => void generate()}
          />
          {model && (
            <>
              <AspectRatioPicker
                options={ratios}
                value={form.aspectRatio}
                onChange={(aspectRatio) => onFormChange((f) => ({ ...f, aspectRatio }))}
              />
              <ImageSizePicker
                options={sizes}
                value={form.imageSize}
                pixels={pixels}
                onChange={(imageSize) => onFormChange((f) => ({ ...f, imageSize }))}
              />
            </>
          )}
          <ReferenceImages
            files={form.references}
            supported={takesImages}
            onChange={(references) => onFormChange((f) => ({ ...f, references }))}
          />
          <div className="actions">
            <label className="switch">
              <input
                type="checkbox"
                checked={form.stream}
                onChange={(event) => onFormChange((f) => ({ ...f, stream: event.target.checked }))}
              />
              <span className="switch-track" aria-hidden="true" />
              Stream
            </label>
            <CostLine
              model={model}
              imageSize={form.imageSize}
              billed={
                generation.status === 'success' && generation.variables?.model === model?.id
                  ? generation.usage?.cost
                  : undefined
              }
            />
            <div className="action-buttons">
              <button
                type="button"
                className="button is-secondary"
                disabled={!isRunning}
                onClick={() => generation.stop()}
              >
                Stop
              </button>
              <button
                type="button"
                className="button is-primary"
                disabled={!model || !form.prompt.trim() || waiting}
                onClick={() => void generate()}
              >
                {waiting
                  ? `Generate (wait ${Math.ceil(retryWaitMs / 1000)} s)`
                  : isRunning
                    ? 'Generate again'
                    : 'Generate'}
              </button>
            </div>
          </div>
          {armError && <p className="hint is-warning">{armError}</p>}
        </section>
        <CodePanel form={form} model={model} connection={connection} />
        {mock && (
          <MockPanel
            scenarioId={scenarioId}
            onScenarioChange={setScenarioId}
            calls={calls}
            where={mock.where}
          />
        )}
      </div>
      <div className="column output-column">
        <section ref={outputRef} className="panel output" aria-label="Output">
          <StatusLine view={view} startedAt={startedAt.current} idleText={idleText} />
          {viewing && (
            <p className="notice is-history">
              Showing run #{viewing.id} from {new Date(viewing.finishedAt).toLocaleTimeString()} on{' '}
              {viewing.connectionLabel}.{' '}
              <button type="button" className="link" onClick={() => setViewing(undefined)}>
                Back to the latest run
              </button>
            </p>
          )}
          <ResultView
            view={view}
            runLabel={viewing ? `h${viewing.id}` : String(generation.runId)}
            prompt={viewing?.form.prompt ?? generation.variables?.prompt ?? form.prompt}
            errorAt={finished.at}
            onRetry={viewing ? undefined : () => void generate()}
            intro={introFor(connection)}
          />
        </section>
        <HistoryList
          runs={history.runs}
          selectedId={viewing?.id}
          onSelect={(run) => {
            setViewing(run);
            onFormChange(() => run.form);
          }}
          onClear={() => {
            setViewing(undefined);
            history.clear();
          }}
        />
      </div>
    </div>
  );
}
