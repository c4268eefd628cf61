import type { AspectRatio, ImageModel, ImageSize } from '@lunos-image/core';
import type { Ref } from 'react';
import { ModelPicker } from '../models/model-picker';
import { CostLine, type CostLineProps } from '../run/cost-line';
import type { ErrorDescription } from '../run/describe-error';
import { ErrorPanel } from '../run/error-panel';
import { AspectRatioPicker } from './aspect-ratio-picker';
import type { ComposeForm } from './compose-form';
import { ImageSizePicker } from './image-size-picker';
import { PromptBox } from './prompt-box';
import { ReferenceImages } from './reference-images';

export interface ComposePanelProps {
  ref?: Ref<HTMLElement>;
  form: ComposeForm;
  onFormChange(update: (form: ComposeForm) => ComposeForm): void;
  models: readonly ImageModel[];
  modelsLoading: boolean;
  /** Why the models could not be loaded, with a retry. */
  catalogError: ErrorDescription | undefined;
  /** `Date.now()` the catalog error is counted from (a Retry-After on the model list). */
  catalogErrorAt: number;
  onRetryCatalog(): void;
  model: ImageModel | undefined;
  /** What the chosen model documents; undefined: its default applies. */
  ratios: readonly AspectRatio[] | undefined;
  sizes: readonly ImageSize[] | undefined;
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

/** The form: the model, the prompt, ratio, size, references, Generate and Stop. */
export function ComposePanel(props: ComposePanelProps) {
  const { form, onFormChange, model, catalogError } = props;
  const set =
    <K extends keyof ComposeForm>(key: K) =>
    (value: ComposeForm[K]) =>
      onFormChange((f) => ({ ...f, [key]: value }));
  return (
    <section ref={props.ref} className="panel compose" aria-label="Compose">
      {catalogError ? (
        <ErrorPanel
          error={{ ...catalogError, title: `Could not load models: ${catalogError.title}` }}
          at={props.catalogErrorAt}
          onRetry={props.onRetryCatalog}
        />
      ) : (
        <ModelPicker
          models={props.models}
          value={model}
          loading={props.modelsLoading}
          onChange={(m) => onFormChange((f) => ({ ...f, modelId: m.id }))}
        />
      )}
      <PromptBox value={form.prompt} onChange={set('prompt')} onSubmit={props.onGenerate} />
      {model && (
        <>
          <AspectRatioPicker
            options={props.ratios}
            value={form.aspectRatio}
            onChange={set('aspectRatio')}
          />
          <ImageSizePicker
            options={props.sizes}
            value={form.imageSize}
            pixels={props.pixels}
            onChange={set('imageSize')}
          />
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
            Stop
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
