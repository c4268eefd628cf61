import { ChoiceChips } from './choice-chips';
import type { ComposeForm } from './compose-form';
import type { ModelOptions } from './model-options';
import { SeedField } from './seed-field';

export interface ImagesSettingsProps {
  options: ModelOptions;
  form: ComposeForm;
  onFormChange(update: (form: ComposeForm) => ComposeForm): void;
}

const DEFAULT = '';
const FORMAT_LABELS: Record<string, string> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' };
const formatName = (format: string) => FORMAT_LABELS[format] ?? format;
const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** One of the form's closed-set settings, with the values the model lists for it. */
interface EnumChoice {
  key: 'quality' | 'outputFormat' | 'background';
  label: string;
  values: readonly string[] | undefined;
  name(value: string): string;
}

/** The form's value when the model offers it, else `Default`. */
const chosen = (value: string | undefined, values: readonly string[]) =>
  value !== undefined && values.includes(value) ? value : DEFAULT;

/** `Default` (nothing sent, the model decides), then the model's values. */
function withDefault<T extends string>(
  values: readonly T[],
  label: (value: T) => string,
): { value: T | typeof DEFAULT; label: string }[] {
  return [
    { value: DEFAULT, label: 'Default' },
    ...values.map((value) => ({ value, label: label(value) })),
  ];
}

/**
 * The Images API's own settings, each shown only when the chosen model's parameters list it: how
 * many images (one slot each), the seed, quality, output format and background. A chat model, or
 * an Images API model that lists none of them, shows nothing here.
 */
export function ImagesSettings({ options, form, onFormChange }: ImagesSettingsProps) {
  const set = (patch: Partial<ComposeForm>) => onFormChange((f) => ({ ...f, ...patch }));
  const { maxImages, takesSeed, qualities, outputFormats, backgrounds } = options;
  const counts = Array.from({ length: maxImages }, (_, i) => String(i + 1));
  // Closed sets the model lists: each a row of chips, `Default` first.
  const enumChoices: readonly EnumChoice[] = [
    { key: 'quality', label: 'Quality', values: qualities, name: capitalized },
    { key: 'outputFormat', label: 'Output format', values: outputFormats, name: formatName },
    { key: 'background', label: 'Background', values: backgrounds, name: capitalized },
  ];
  return (
    <>
      {maxImages > 1 && (
        <ChoiceChips
          label="Images"
          options={counts.map((count) => ({ value: count, label: count }))}
          value={String(Math.min(form.n, maxImages))}
          onChange={(count) => set({ n: Number(count) })}
        />
      )}
      {takesSeed && (
        <SeedField
          seed={form.seed}
          locked={form.seedLocked}
          onChange={({ seed, locked }) => set({ seed, seedLocked: locked })}
        />
      )}
      {enumChoices.map(
        ({ key, label, values, name }) =>
          values && (
            <ChoiceChips
              key={key}
              label={label}
              options={withDefault(values, name)}
              value={chosen(form[key], values)}
              onChange={(value) => set({ [key]: value || undefined })}
            />
          ),
      )}
    </>
  );
}
