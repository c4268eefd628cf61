import type { ImageApi } from '../models/image-model';
import { type ImageField, ROUTES, type RouteName } from '../routes/route-table';

/** A string where a job stream may have put an image's URL, and where the image's bytes go. */
export interface JobImageSlot {
  /** The object holding the URL. */
  readonly holder: Record<string, unknown>;
  /** Its member holding the URL (`url`). */
  readonly key: string;
  /** The member the image goes in, as the wire has it (`url` for chat, `b64_json` for the Images API). */
  readonly target: string;
  readonly url: string;
}

/** The image fields of each wire's route (`routes/route-table.ts`). */
const FIELDS = (() => {
  const byWire = new Map<ImageApi, readonly ImageField[]>();
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const route = ROUTES[name];
    if ('wire' in route && 'imageFields' in route) byWire.set(route.wire, route.imageFields);
  }
  return byWire;
})();

/** Deeper than any event of the wires: what lies below is not looked at. */
const MAX_DEPTH = 32;

function endsWith(names: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > names.length) return false;
  const offset = names.length - suffix.length;
  return suffix.every((name, i) => names[offset + i] === name);
}

/**
 * The strings of a parsed job stream event (or `lunos.answer`) that sit where the wire's image
 * fields put an image's URL (`urlPath`, else `path`): chat's `images[].image_url.url`, the Images
 * API's `url` in place of `b64_json`. Whether each is a URL to fetch is the caller's to decide.
 */
export function jobImageSlots(json: unknown, wire: ImageApi): JobImageSlot[] {
  const fields = FIELDS.get(wire) ?? [];
  const slots: JobImageSlot[] = [];
  const names: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      names.push('[]');
      for (const item of node) visit(item, depth + 1);
      names.pop();
      return;
    }
    const holder = node as Record<string, unknown>;
    for (const key of Object.keys(holder)) {
      const value = holder[key];
      names.push(key);
      if (typeof value === 'string') {
        const field = fields.find((f) => endsWith(names, f.urlPath ?? f.path));
        if (field) slots.push({ holder, key, target: field.path.at(-1) as string, url: value });
      } else visit(value, depth + 1);
      names.pop();
    }
  };
  visit(json, 0);
  return slots;
}
