/** Model ids a handler passes on: exact ids, or patterns tested against the whole id. */
export type ModelAllowList = readonly (string | RegExp)[];

/**
 * `undefined` allows every model. A pattern with the `g` or `y` flag keeps a `lastIndex` between
 * calls (and would then allow an id once and refuse it the next time), so patterns are copied
 * without those flags.
 */
export function modelMatcher(allow: ModelAllowList | undefined): (id: string) => boolean {
  if (allow === undefined) return () => true;
  const ids = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of allow) {
    if (typeof entry === 'string') ids.add(entry);
    else patterns.push(new RegExp(entry.source, entry.flags.replace(/[gy]/g, '')));
  }
  return (id) => ids.has(id) || patterns.some((pattern) => pattern.test(id));
}
