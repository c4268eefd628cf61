/** An answer's `usage.cost`: USD, or `invalid` when usage came with a cost that is no amount. */
export type SeenCost = number | 'invalid';

/**
 * The `usage.cost` of a parsed event or answer: the cost when it is a finite number >= 0,
 * `invalid` when `usage` is there with anything else as its cost (missing, negative, a string),
 * undefined when there is no usage at all (most events).
 */
export function usageCostOf(json: unknown): SeenCost | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const usage = (json as { usage?: unknown }).usage;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const cost = (usage as { cost?: unknown }).cost;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : 'invalid';
}

/**
 * The `usage.cost` in the text of one JSON value, whole or cut (the start or the end of a line
 * too long to hold, which carries an image): the whole value parsed when it parses, else the
 * object after its last `"usage":`. Text naming a usage that does not parse (`NaN`, a cut in the
 * middle) is `invalid`; text without `"usage"` is undefined, and costs no parse.
 */
export function usageCostIn(text: string): SeenCost | undefined {
  const at = text.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  try {
    return usageCostOf(JSON.parse(text));
  } catch {
    // cut, or not JSON: the usage object alone
  }
  const value = /^"usage"\s*:\s*/.exec(text.slice(at));
  if (!value) return 'invalid';
  const start = at + value[0].length;
  if (text.startsWith('null', start)) return undefined;
  const end = objectEnd(text, start);
  if (end === -1) return 'invalid';
  try {
    return usageCostOf({ usage: JSON.parse(text.slice(start, end + 1)) });
  } catch {
    return 'invalid';
  }
}

/** Where the JSON object opening at `start` closes (braces inside strings skipped), or -1. */
function objectEnd(text: string, start: number): number {
  if (text[start] !== '{') return -1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
