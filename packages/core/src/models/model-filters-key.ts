import type { ModelFilters } from '../request/dialect';
import type { Modality } from '../schemas/chat-request-schema';

interface TFilledFilters {
  input: readonly Modality[];
  output: readonly Modality[];
}

/** The filters with their defaults filled in (input `text`, output `image`), order kept for the wire. */
export function withDefaultFilters(filters: ModelFilters = {}): TFilledFilters {
  return { input: filters.input ?? ['text'], output: filters.output ?? ['image'] };
}

/** The filters with defaults filled in and each list sorted: equal filters give equal values. */
export function normalizeModelFilters(filters: ModelFilters = {}): TFilledFilters {
  const { input, output } = withDefaultFilters(filters);
  return { input: [...input].sort(), output: [...output].sort() };
}

/** A string equal for equal filters (defaults filled in, order ignored): a cache key part. */
export function modelFiltersKey(filters: ModelFilters = {}): string {
  const { input, output } = normalizeModelFilters(filters);
  const api = filters.api === 'images' ? '|api=images' : '';
  return `in=${input.join(',')}|out=${output.join(',')}${api}`;
}
