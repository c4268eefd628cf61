import type { ImageModel } from '@lunos-image/core';
import type { Ref } from 'react';
import { CompareModelPicker } from '../compare/compare-model-picker';
import { ModelPicker } from '../models/model-picker';
import { CostLine, type CostLineProps } from '../run/cost-line';
import type { ErrorDescription } from '../run/describe-error';
import { ErrorPanel } from '../run/error-panel';
import { SegmentedControl } from '../ui/segmented-control';
import { AspectRatioPicker } from './aspect-ratio-picker';
import type { ComposeForm } from './compose-form';
import { ImageSizePicker } from './image-size-picker';
import { ImagesSettings } from './images-settings';
import type { ModelOptions } from './model-options';
import { PromptBox } from './prompt-box';
import { ReferenceImages } from './reference-images';

export type RunMode = 'single' | 'compare';

const MODES: readonly { value: RunMode; label: string }[] = [
  { value: 'single', label: 'One model' },
  { value: 'compare', label: 'Compare models' },
];

export interface ComposePanelProps {
  ref?: Ref<HTMLElement>;
  form: ComposeForm;
  onFormChange(update: (form: ComposeForm) => ComposeForm): void;
  mode: RunMode;
  onModeChange(mode: RunMode): void;
  models: readonly ImageModel[];
  modelsLoading: boolean;
  /** Why the models could not be loaded, with a retry. */
  catalogError: ErrorDescription | undefined;
  /** `Date.now()` the catalog error is counted from (a Retry-After on the model list). */
  catalogErrorAt: number;
  onRetryCatalog(): void;
  /** The model of the single mode. */
  model: ImageModel | undefined;
  /** The models of the compare mode, by `modelKey`. */
  compared: readonly string[];
  onComparedChange(ids: readonly string[]): void;
  /** The chosen model (the first compared one), and what the form offers for it. */
  lead: ImageModel | undefined;
  options: ModelOptions | undefined;
  /** `1344 × 768`, for the chosen ratio and size. */
  pixels: string | undefined;
  takesImages: boolean;
  cost: CostLineProps;
  running: boolean;
  canGenerate: boolean;
  /** Set while a Retry-After holds Generate. */
  waitSeconds: number | undefined;
  onGenerate(): void;
  onStop(): void;
  /** Under the buttons: why a mock scenario could not be armed, or what a remix restored. */
  notes: readonly { text: string; tone: 'warning' | 'note' }[];
}

/** The form: one model or several, the prompt, ratio, size, references, Generate and Stop. */
export function ComposePanel(props: ComposePanelProps) {
  const { form, onFormChange, mode, model, catalogError } = props;
  const set =
    <K extends keyof ComposeForm>(key: K) =>
    (value: ComposeForm[K]) =>
      onFormChange((f) => ({ ...f, [key]: value }));
  return (
    <section ref={props.ref} className="panel compose" aria-label="Compose">
      <SegmentedControl
        label="Generate with"
        options={MODES}
        value={mode}
        onChange={props.onModeChange}
      />
      {catalogError ? (
        <ErrorPanel
          error={{ ...catalogError, title: `Could not load models: ${catalogError.title}` }}
          at={props.catalogErrorAt}
          onRetry={props.onRetryCatalog}
        />
      ) : mode === 'compare' ? (
        <CompareModelPicker
          models={props.models}
          chosen={props.compared}
          onChange={props.onComparedChange}
        />
      ) : (
        <ModelPicker
          models={props.models}
          value={model}
          loading={props.modelsLoading}
          onChange={(m) => onFormChange((f) => ({ ...f, modelId: m.id, api: m.api ?? 'chat' }))}
        />
      )}
      <PromptBox value={form.prompt} onChange={set('prompt')} onSubmit={props.onGenerate} />
      {(mode === 'compare' ? props.compared.length > 0 : model) && props.options && (
        <>
          <AspectRatioPicker
            options={props.options.aspectRatios}
            noOptions={
              props.lead?.api === 'images'
                ? 'This model lists no aspect ratio: it uses its own.'
                : 'This model’s aspect ratios are not documented: it uses its own default.'
            }
            value={form.aspectRatio}
            onChange={set('aspectRatio')}
          />
          <ImageSizePicker
            options={props.options.imageSizes}
            noOptions={
              props.lead?.api === 'images'
                ? 'This model lists no resolution: it picks its own size.'
                : 'This model’s output sizes are not documented: it picks its own.'
            }
            value={form.imageSize}
            pixels={props.pixels}
            onChange={set('imageSize')}
          />
          <ImagesSettings options={props.options} form={form} onFormChange={onFormChange} />
          {mode === 'compare' && (
            <p className="hint">
              Settings as the first model takes them; a model that does not take one gets its own
              default (each column says what it sent).
            </p>
          )}
        </>
      )}
      <ReferenceImages
        files={form.references}
        supported={props.takesImages}
        onChange={set('references')}
      />
      <div className="actions">
        <label className="switch">
          <input
            type="checkbox"
            checked={form.stream}
            onChange={(event) => set('stream')(event.target.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
          Stream
        </label>
        <CostLine {...props.cost} />
        <div className="action-buttons">
          <button
            type="button"
            className="button is-secondary"
            disabled={!props.running}
            onClick={props.onStop}
          >
            {mode === 'compare' ? 'Stop all' : 'Stop'}
          </button>
          <button
            type="button"
            className="button is-primary"
            disabled={!props.canGenerate}
            onClick={props.onGenerate}
          >
            {props.waitSeconds !== undefined
              ? `Generate (wait ${props.waitSeconds} s)`
              : props.running
                ? 'Generate again'
                : 'Generate'}
          </button>
        </div>
      </div>
      {props.notes.map((note) => (
        <p key={note.text} className={`hint is-${note.tone}`} data-testid={`compose-${note.tone}`}>
          {note.text}
        </p>
      ))}
    </section>
  );
}
