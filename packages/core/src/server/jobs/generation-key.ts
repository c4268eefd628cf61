import type { ImageApi } from '../../models/image-model';
import { sha256Hex } from './sha256-hex';

/** The value with every object's keys sorted, so the same request written in any order is one text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, v]) => [key, sorted(v)]));
}

/**
 * What identical generations share (`dedupe`, `cache`): SHA-256 (hex) of the wire, the owner and
 * the checked body with its keys sorted and `stream` left out (a job stream answers either way).
 */
export function generationKey(
  wire: ImageApi,
  owner: string | undefined,
  body: Record<string, unknown>,
): Promise<string> {
  const { stream: _stream, ...rest } = body;
  return sha256Hex(JSON.stringify([wire, owner ?? null, sorted(rest)]));
}
