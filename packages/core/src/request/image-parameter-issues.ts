import type { ValidationIssue } from '../errors/validation-error';
import type { ImageModel, ParameterDescriptor } from '../models/image-model';
import type { ImagesRequest } from '../schemas/images-request-schema';

/** Request fields checked against a model's descriptors, with the variable each comes from. */
const CHECKED = {
  n: 'n',
  aspect_ratio: 'aspectRatio',
  resolution: 'imageSize',
  size: 'size',
  quality: 'quality',
  output_format: 'outputFormat',
  background: 'background',
  output_compression: 'outputCompression',
  seed: 'seed',
  input_references: 'referenceImages',
} as const satisfies Partial<Record<keyof ImagesRequest, string>>;

type TChecked = keyof typeof CHECKED;

const variableName = (wire: string) => (CHECKED as Record<string, string>)[wire] ?? wire;

/** Wire values that name the same thing (`512` is `0.5K`). */
const ALIASES: Record<string, string> = { '512': '0.5K', '0.5K': '512' };

function enumIncludes(values: readonly (string | number)[], value: unknown): boolean {
  const text = String(value);
  return values.some((v) => String(v) === text || String(v) === ALIASES[text]);
}

/** An issue when `value` is outside what `d` allows, else undefined. */
function valueIssue(
  path: string,
  value: unknown,
  d: ParameterDescriptor,
  modelId: string,
): ValidationIssue | undefined {
  if (d.type === 'enum' && !enumIncludes(d.values, value)) {
    return {
      path,
      code: 'unsupported',
      allowed: d.values,
      message: `${String(value)} is not supported by ${modelId} (supported: ${d.values.join(', ')})`,
    };
  }
  if (d.type === 'range' && typeof value === 'number' && (value < d.min || value > d.max)) {
    return {
      path,
      code: 'out_of_range',
      allowed: [d.min, d.max],
      message: `${value} is out of range for ${modelId} (${d.min} to ${d.max})`,
    };
  }
  return undefined;
}

/**
 * The request checked against the model's typed capabilities (`ImageModel.parameters`, from the
 * Images API catalog): a parameter the model does not list, a value outside its enum or range,
 * references to a model without image input. Each issue names the variable and what is allowed.
 * Not `n`: it is an upper bound, more than the model makes is only a warning
 * (`nBeyondModelWarning`). Without descriptors there is nothing to check against: none.
 */
export function imageParameterIssues(json: ImagesRequest, model: ImageModel): ValidationIssue[] {
  const parameters = model.parameters;
  if (!parameters) return [];
  const issues: ValidationIssue[] = [];
  const takes = Object.keys(parameters).map(variableName);
  for (const wire of Object.keys(CHECKED) as TChecked[]) {
    const value = json[wire];
    const path = CHECKED[wire];
    if (value === undefined) continue;
    const d = parameters[wire];
    if (wire === 'input_references') {
      const count = (value as readonly unknown[]).length;
      const inputs = model.inputModalities;
      if (inputs.length > 0 && !inputs.includes('image')) {
        issues.push({
          path,
          code: 'unsupported',
          message: `${model.id} takes no image input (input: ${inputs.join(', ')})`,
        });
      } else if (d?.type === 'range' && (count < d.min || count > d.max)) {
        issues.push({
          path,
          code: 'out_of_range',
          allowed: [d.min, d.max],
          message: `holds ${count} images; ${model.id} takes ${d.min} to ${d.max}`,
        });
      }
      continue;
    }
    // `n` is an upper bound: more than the model makes is a warning (`nBeyondModelWarning`).
    if (wire === 'n') continue;
    // `size` is a shorthand the API turns into `resolution`: a tier is checked as one, pixels
    // are left to the API.
    if (wire === 'size' && !d) {
      const resolution = parameters.resolution;
      if (resolution && !String(value).includes('x')) {
        const issue = valueIssue(path, value, resolution, model.id);
        if (issue) issues.push(issue);
      }
      continue;
    }
    if (!d) {
      issues.push({
        path,
        code: 'unsupported',
        allowed: takes,
        message: `is not supported by ${model.id} (it takes: ${takes.join(', ') || 'no parameters'})`,
      });
      continue;
    }
    const issue = valueIssue(path, value, d, model.id);
    if (issue) issues.push(issue);
  }
  return issues;
}
