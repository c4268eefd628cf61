import { redactText } from '@lunos-image/core';

/**
 * Scrubs a recording before it is written: every known secret becomes `<API_KEY>`, generation
 * ids become stable placeholders (`gen-FIXTURE-1`, ...) and user ids become `user_FIXTURE`, so a
 * re-recording diffs cleanly and nothing identifies the account.
 */
export function createRedactor(secrets: readonly string[]): <T>(value: T) => T {
  const ids = new Map<string, string>();
  const usable = secrets.filter((s) => s.length >= 4);
  const scrub = (text: string): string => {
    let out = text;
    // Long secrets: any run of 8+ of their characters (a cut or split key leaks nothing either).
    out = redactText(out, usable, '<API_KEY>');
    for (const secret of usable) out = out.split(secret).join('<API_KEY>');
    out = out.replace(/gen-\d{6,}-[A-Za-z0-9]{8,}/g, (id) => {
      let placeholder = ids.get(id);
      if (!placeholder) {
        placeholder = `gen-FIXTURE-${ids.size + 1}`;
        ids.set(id, placeholder);
      }
      return placeholder;
    });
    return out;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'user_id' ? 'user_FIXTURE' : scrub(value);
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return <T>(value: T) => walk(value) as T;
}
