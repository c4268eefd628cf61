import type { ImageField } from '../../routes/route-table';

/** A string of a parsed event where its route's `imageFields` say an image sits. */
export interface FoundImageString {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly field: ImageField;
  readonly value: string;
}

/** Deeper than any answer of the API: a value nested deeper is not looked into. */
const MAX_DEPTH = 32;

function endsWith(path: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > path.length) return false;
  const offset = path.length - suffix.length;
  return suffix.every((name, i) => path[offset + i] === name);
}

/**
 * Every string of `root` (a parsed JSON answer or stream event) whose path ends as one of `fields`
 * says (`[]` matching any array element), in document order: the order its images arrived in.
 */
export function findImageStrings(root: unknown, fields: readonly ImageField[]): FoundImageString[] {
  const found: FoundImageString[] = [];
  const path: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > MAX_DEPTH) return;
    const container = node as Record<string, unknown> | unknown[];
    const keys: (string | number)[] = Array.isArray(container)
      ? container.map((_, i) => i)
      : Object.keys(container);
    for (const key of keys) {
      path.push(typeof key === 'number' ? '[]' : key);
      const value = (container as Record<string | number, unknown>)[key];
      if (typeof value === 'string') {
        const field = fields.find((f) => endsWith(path, f.path));
        if (field) found.push({ container, key, field, value });
      } else {
        visit(value, depth + 1);
      }
      path.pop();
    }
  };
  visit(root, 0);
  return found;
}
