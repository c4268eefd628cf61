/**
 * The model list with only the allowed entries, in the shape it came in: a bare array (Lunos),
 * `{ data: [...] }` (both) or `{ models: [...] }`. Entries without a string `id` are dropped, and
 * `undefined` means the body is none of those shapes (the handler then answers 502 rather than
 * relay a list it could not filter).
 */
export function filterModelList(json: unknown, isAllowed: (id: string) => boolean): unknown {
  const keep = (entries: unknown[]) =>
    entries.filter(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { id?: unknown }).id === 'string' &&
        isAllowed((entry as { id: string }).id),
    );
  if (Array.isArray(json)) return keep(json);
  if (typeof json === 'object' && json !== null) {
    const o = json as { data?: unknown; models?: unknown };
    if (Array.isArray(o.data)) return { ...o, data: keep(o.data) };
    if (Array.isArray(o.models)) return { ...o, models: keep(o.models) };
  }
  return undefined;
}
