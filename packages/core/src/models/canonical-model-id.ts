/**
 * The id the API routes a model by: `openrouter/google/x:free` (a Lunos id of a free variant) →
 * `google/x`. Use it to compare ids across dialects.
 */
export function canonicalModelId(id: string): string {
  return id.replace(/^openrouter\//, '').replace(/:[\w-]+$/, '');
}
