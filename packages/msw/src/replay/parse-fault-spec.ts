import { MockOptionsError } from '../errors/mock-options-error';
import { type Fault, faultSchema } from './fault-schema';

const compact = /^([a-z-]+)(?:@(\d+)(b?))?(?::([^,]+))?$/;

function fromCompact(text: string, option: string): Fault {
  const m = compact.exec(text.trim());
  if (!m) throw new MockOptionsError(option, `cannot read fault "${text}"`);
  const [, type, at, bytes, arg] = m;
  const afterEvents = at !== undefined && !bytes ? Number(at) : undefined;
  const num = arg !== undefined && /^\d+(\.\d+)?$/.test(arg) ? Number(arg) : undefined;
  const position = afterEvents === undefined ? {} : { afterEvents };
  switch (type) {
    case 'http-error':
      if (num === undefined)
        throw new MockOptionsError(option, 'http-error needs a status, e.g. http-error:429');
      return { type, status: num };
    case 'network-error':
      return { type };
    case 'slow-headers':
      if (num === undefined)
        throw new MockOptionsError(option, 'slow-headers needs ms, e.g. slow-headers:2000');
      return { type, ms: num };
    case 'drop':
      return bytes ? { type, afterBytes: Number(at) } : { type, ...position };
    case 'truncate':
      return { type, ...position };
    case 'stall':
      return { type, ...position, ...(num === undefined ? {} : { ms: num }) };
    case 'malformed':
      return { type, ...position };
    case 'in-band-error':
      return { type, ...position, ...(arg === undefined ? {} : { code: num ?? arg }) };
    case 'keep-alive':
      return { type, ...(num === undefined ? {} : { count: num }) };
    default:
      throw new MockOptionsError(option, `unknown fault type "${type}"`);
  }
}

/**
 * Reads faults from a header, CLI flag or query value: a JSON fault or array of faults, or a
 * comma-separated compact list such as `http-error:429`, `drop@3`, `drop@2048b`, `stall@2:1500`,
 * `stall@2` (forever), `truncate`, `malformed@1`, `in-band-error@2:502`, `keep-alive:3`,
 * `network-error`, `slow-headers:2000`.
 */
export function parseFaultSpec(text: string, option = 'fault'): Fault[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let faults: unknown[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new MockOptionsError(option, 'not valid JSON', { cause: error });
    }
    faults = Array.isArray(json) ? json : [json];
  } else {
    faults = trimmed.split(',').map((part) => fromCompact(part, option));
  }
  return faults.map((fault, i) => {
    const parsed = faultSchema.safeParse(fault);
    if (!parsed.success) {
      throw new MockOptionsError(
        `${option}[${i}]`,
        parsed.error.issues[0]?.message ?? 'invalid fault',
      );
    }
    return fault as Fault;
  });
}
