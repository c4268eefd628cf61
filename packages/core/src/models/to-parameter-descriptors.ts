import type { SupportedParameters } from '../schemas/parameter-descriptor-schema';
import type { ParameterDescriptor } from './image-model';

const SUPPORTED: ParameterDescriptor = Object.freeze({ type: 'boolean' });

/**
 * `supported_parameters` as received → typed descriptors. A descriptor of a type this package
 * does not know yet, or a bare name (a plain list), still says "supported": it becomes
 * `{ type: 'boolean' }`, so the parameter is sent unchecked rather than refused.
 */
export function toParameterDescriptors(
  supported: SupportedParameters | null | undefined,
): Record<string, ParameterDescriptor> {
  if (!supported) return {};
  if (Array.isArray(supported)) return Object.fromEntries(supported.map((n) => [n, SUPPORTED]));
  const out: Record<string, ParameterDescriptor> = {};
  for (const [name, d] of Object.entries(supported)) {
    if (d.type === 'enum' && 'values' in d && Array.isArray(d.values)) {
      out[name] = { type: 'enum', values: d.values };
    } else if (d.type === 'range' && typeof d.min === 'number' && typeof d.max === 'number') {
      out[name] = { type: 'range', min: d.min, max: d.max };
    } else {
      out[name] = SUPPORTED;
    }
  }
  return out;
}

/**
 * What several endpoints accept together (the model-level union): values of enums joined, ranges
 * widened; two descriptors of different types, or a plain `boolean`, leave the parameter
 * unconstrained.
 */
export function unionParameterDescriptors(
  sets: readonly Readonly<Record<string, ParameterDescriptor>>[],
): Record<string, ParameterDescriptor> {
  const out: Record<string, ParameterDescriptor> = {};
  for (const set of sets) {
    for (const [name, d] of Object.entries(set)) {
      const seen = out[name];
      if (!seen) out[name] = d;
      else if (seen.type === 'enum' && d.type === 'enum') {
        out[name] = { type: 'enum', values: [...new Set([...seen.values, ...d.values])] };
      } else if (seen.type === 'range' && d.type === 'range') {
        out[name] = {
          type: 'range',
          min: Math.min(seen.min, d.min),
          max: Math.max(seen.max, d.max),
        };
      } else out[name] = SUPPORTED;
    }
  }
  return out;
}
