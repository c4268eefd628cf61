import { type ImageModel, imagePixelSize } from '@lunos-image/core';
import type { MockCall } from '@lunos-image/msw';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CodePanel } from './code/code-panel';
import { CompareBoard, type CompareBoardHandle } from './compare/compare-board';
import { COMPARE_MAX } from './compare/compare-model-picker';
import { type ComposeForm, completeForm } from './compose/compose-form';
import { ComposePanel, type RunMode } from './compose/compose-panel';
import { modelOptionsOf } from './compose/model-options';
import { pickSupported } from './compose/pick-supported';
import { variablesFor } from './compose/variables-for';
import { withRunSeed } from './compose/with-run-seed';
import { type Connection, DIALECT_LABELS } from './connection/connection';
import { liveCost } from './connection/live-cost';
import { GalleryPanel } from './gallery/gallery-panel';
import type { GalleryStore } from './gallery/gallery-store';
import { newRunFrom } from './gallery/new-run-from';
import type { RunRecord } from './gallery/run-record';
import { useGallery } from './gallery/use-gallery';
import type { MockControl } from './mock/mock-control';
import { MockPanel } from './mock/mock-panel';
import { findModel } from './models/find-model';
import { apiOf, modelKey } from './models/model-key';
import { useCatalog } from './models/use-catalog';
import { describeError } from './run/describe-error';
import { OutputPanel } from './run/output-panel';
import { useSingleRun } from './run/use-single-run';
import type { RunEnd } from './run/use-timed-generation';

export interface WorkbenchProps {
  connection: Connection;
  form: ComposeForm;
  onFormChange(update: (form: ComposeForm) => ComposeForm): void;
  gallery: GalleryStore;
  /** Present for the two mock modes. */
  mock: { control: MockControl; where: string } | undefined;
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

/** In one column the output is below the form: bring `element` into view to watch the run. */
function revealOnPhone(element: HTMLElement | null) {
  if (window.matchMedia('(max-width: 860px)').matches) {
    element?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

/**
 * Everything below the connection: the model list, the form, the run in progress (one model, or
 * a comparison of several), the output and the gallery. Mounted once per connection (its `key`),
 * so a new client starts clean.
 */
export function Workbench({ connection, form, onFormChange, gallery, mock }: WorkbenchProps) {
  const {
    chat: catalog,
    images: imagesCatalog,
    hasImagesApi,
    models,
  } = useCatalog(connection.dialect);
  // An Images API model chosen before (another connection, a remix) is waited for, not replaced
  // by the first chat model while its catalog is still loading.
  const waitingForImages = form.api === 'images' && hasImagesApi && imagesCatalog.isLoading;
  const model = waitingForImages
    ? undefined
    : (findModel(models, form.modelId, form.api) ?? models[0]);
  const [mode, setMode] = useState<RunMode>('single');
  const comparing = mode === 'compare';
  // Until the user picks, a comparison offers the first three models of the list.
  const [picked, setPicked] = useState<readonly string[]>();
  const comparedKeys = picked ?? models.slice(0, 3).map(modelKey);
  const compared = comparedKeys.flatMap((key) => models.filter((m) => modelKey(m) === key));
  // The pickers follow the chosen model (the first compared one).
  const lead = comparing ? compared[0] : model;
  const options = useMemo(() => (lead ? modelOptionsOf(lead) : undefined), [lead]);
  const ratios = options?.aspectRatios;
  const sizes = options?.imageSizes;

  // Keep the form on what the chosen model takes: its id and wire, a ratio and size it documents.
  useEffect(() => {
    if (!model || !lead) return;
    onFormChange((f) => {
      const aspectRatio = pickSupported(f.aspectRatio, ratios, '1:1');
      const imageSize = pickSupported(f.imageSize, sizes, '1K');
      const api = apiOf(model);
      return f.modelId === model.id &&
        f.api === api &&
        f.aspectRatio === aspectRatio &&
        f.imageSize === imageSize
        ? f
        : { ...f, modelId: model.id, api, aspectRatio, imageSize };
    });
  }, [model, lead, ratios, sizes, onFormChange]);

  const snapshot = useGallery(gallery);
  const [viewingId, setViewingId] = useState<number>();
  const viewing = snapshot.runs.find((run) => run.id === viewingId);
  const [remixNote, setRemixNote] = useState<string>();
  const [calls, setCalls] = useState<readonly MockCall[]>([]);
  const [compareRunning, setCompareRunning] = useState(false);
  const board = useRef<CompareBoardHandle>(null);
  const composeRef = useRef<HTMLElement>(null);
  const outputRef = useRef<HTMLElement>(null);
  const boardRef = useRef<HTMLDivElement>(null);

  const refreshCalls = useCallback(() => {
    mock?.control
      .calls()
      .then(setCalls)
      .catch(() => {});
  }, [mock]);
  useEffect(() => {
    if (catalog.status === 'success') refreshCalls();
  }, [catalog.status, refreshCalls]);

  const single = useSingleRun({
    connection,
    gallery,
    models,
    model,
    mock,
    onFinished: refreshCalls,
  });
  const { generation } = single.timed;
  const waiting = !comparing && single.waitsFor(model);
  const running = comparing ? compareRunning : generation.isRunning;
  const canGenerate =
    !!form.prompt.trim() && !waiting && (comparing ? compared.length >= 2 : !!model);

  const generate = () => {
    if (!canGenerate) return;
    setViewingId(undefined);
    setRemixNote(undefined);
    // A seed left to chance is drawn now and shown in the form, so it can be locked afterwards.
    const run = withRunSeed(form, comparing ? compared : model ? [model] : []);
    if (run.seed !== form.seed) onFormChange((f) => ({ ...f, seed: run.seed }));
    if (comparing) {
      board.current?.start(run);
      revealOnPhone(boardRef.current);
    } else if (model) {
      void single.generate(run, model);
      revealOnPhone(outputRef.current);
    }
  };
  const stop = () => (comparing ? board.current?.stop() : generation.stop());
  const stopRef = useRef({ running, stop });
  stopRef.current = { running, stop };

  // Escape stops the run(s) from anywhere on the page; an open listbox or dialog handles it first.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !stopRef.current.running) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      stopRef.current.stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const compareRunningChange = useCallback(
    (isRunning: boolean) => {
      setCompareRunning(isRunning);
      if (!isRunning) refreshCalls();
    },
    [refreshCalls],
  );

  const pickWinner = (end: RunEnd<ComposeForm>, winner: ImageModel, others: readonly string[]) =>
    void gallery.add(
      newRunFrom(end, {
        form: end.context,
        modelName: winner.name,
        connection,
        comparedWith: others,
      }),
    );

  const remix = (run: RunRecord) => {
    const restored = completeForm(run.form);
    const known = findModel(models, restored.modelId, restored.api);
    onFormChange(() => restored);
    setMode('single');
    setRemixNote(
      known || !restored.modelId
        ? `Settings of the run from ${new Date(run.finishedAt).toLocaleTimeString()} restored.`
        : `Settings restored, but ${restored.modelId}${restored.api === 'images' ? ' (Images API)' : ''} is not offered by this connection: ${model?.id ?? 'no model'} is chosen instead.`,
    );
    composeRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  // The pixels of Gemini's documented table: an Images API model's provider decides its own.
  const pixels =
    lead &&
    apiOf(lead) === 'chat' &&
    sizes !== undefined &&
    ratios !== undefined &&
    form.aspectRatio &&
    form.imageSize
      ? (() => {
          const { width, height } = imagePixelSize(form.aspectRatio, form.imageSize);
          return `${width} × ${height}`;
        })()
      : undefined;

  const catalogError = catalog.error ? describeError(catalog.error, connection) : undefined;
  // What the status line says before a run: never "Ready" when Generate cannot be pressed.
  const idleText = catalogError
    ? 'Not ready: the models could not be loaded. See the error above, then try again.'
    : catalog.isLoading || waitingForImages
      ? 'Loading the models…'
      : !model
        ? 'Not ready: this connection lists no image model.'
        : !form.prompt.trim()
          ? 'Write a prompt to generate.'
          : 'Ready. Press Enter in the prompt to generate.';

  const costRequests = (comparing ? compared : model ? [model] : []).map((m) => ({
    model: m,
    variables: variablesFor(form, m),
  }));
  const imagesCatalogNote =
    hasImagesApi && imagesCatalog.error && !catalogError
      ? `The Images API models could not be loaded (${describeError(imagesCatalog.error, connection).title}): only the chat models are listed.`
      : undefined;

  return (
    <div className="layout">
      <div className="column compose-column">
        <ComposePanel
          ref={composeRef}
          form={form}
          onFormChange={onFormChange}
          mode={mode}
          onModeChange={setMode}
          models={models}
          modelsLoading={catalog.isLoading || waitingForImages}
          catalogError={catalogError}
          catalogErrorAt={single.timed.endedAt}
          onRetryCatalog={() => void catalog.refetch()}
          model={model}
          compared={comparedKeys}
          onComparedChange={(ids) => setPicked(ids.slice(0, COMPARE_MAX))}
          lead={lead}
          options={options}
          pixels={pixels}
          takesImages={lead ? lead.inputModalities.includes('image') : true}
          cost={{
            requests: costRequests,
            billed:
              !comparing &&
              generation.status === 'success' &&
              generation.variables?.model === model?.id
                ? generation.usage?.cost
                : undefined,
            ...liveCost(connection, generation.budget),
          }}
          running={running}
          canGenerate={canGenerate}
          waitSeconds={waiting ? Math.ceil(single.retryWaitMs / 1000) : undefined}
          onGenerate={generate}
          onStop={stop}
          notes={[
            ...(single.armError ? [{ text: single.armError, tone: 'warning' as const }] : []),
            ...(imagesCatalogNote ? [{ text: imagesCatalogNote, tone: 'warning' as const }] : []),
            ...(remixNote ? [{ text: remixNote, tone: 'note' as const }] : []),
          ]}
        />
        <CodePanel form={form} model={lead} connection={connection} />
        {mock && (
          <MockPanel
            scenarioId={single.scenarioId}
            api={model ? apiOf(model) : 'chat'}
            onScenarioChange={single.setScenarioId}
            calls={calls}
            where={mock.where}
            disabled={comparing}
            disabledHint="In a comparison each column has its own mock answer, above its status."
          />
        )}
      </div>
      <div className="column output-column">
        {comparing && (
          <div ref={boardRef} className="compare-slot">
            <CompareBoard
              ref={board}
              models={compared}
              form={form}
              connection={connection}
              mocked={mock !== undefined}
              onPick={pickWinner}
              onRunningChange={compareRunningChange}
            />
          </div>
        )}
        {(!comparing || viewing) && (
          <OutputPanel
            ref={outputRef}
            live={single.timed.view}
            viewing={viewing}
            startedAt={single.timed.startedAt}
            idleText={idleText}
            runId={generation.runId}
            prompt={generation.variables?.prompt ?? form.prompt}
            endedAt={single.timed.endedAt}
            onRetry={generate}
            intro={introFor(connection)}
            onBack={() => setViewingId(undefined)}
            onRemix={remix}
          />
        )}
        <GalleryPanel
          gallery={snapshot}
          selectedId={viewing?.id}
          onSelect={(run) => {
            setViewingId(run.id);
            // After the render that shows it (while comparing, the output mounts for it).
            requestAnimationFrame(() => revealOnPhone(outputRef.current));
          }}
          onRemix={remix}
          onClear={() => {
            setViewingId(undefined);
            void gallery.clear();
          }}
        />
      </div>
    </div>
  );
}
