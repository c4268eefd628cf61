/**
 * Marker shared by every copy of this package: `Symbol.for` returns the same symbol across
 * bundles and realms, so `isInstance` works where `instanceof` fails (two installed copies of
 * core, errors crossing an iframe or a test VM).
 */
const kindsKey = Symbol.for('@lunos-image/core.error-kinds');

type TErrorClass = { readonly kind: string };

export interface LunosImageErrorOptions {
  cause?: unknown;
}

/** Base class of every error lunos-image throws. */
export class LunosImageError extends Error {
  /** Stable class name, also used as `name`; survives minification unlike `constructor.name`. */
  static readonly kind: string = 'LunosImageError';

  declare readonly [kindsKey]: readonly string[];

  constructor(message: string, options: LunosImageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const kinds: string[] = [];
    for (let c: unknown = new.target; c && c !== Error; c = Object.getPrototypeOf(c)) {
      const kind = (c as Partial<TErrorClass>).kind;
      if (typeof kind === 'string' && Object.hasOwn(c as object, 'kind')) kinds.push(kind);
    }
    Object.defineProperty(this, kindsKey, { value: Object.freeze(kinds), enumerable: false });
    Object.defineProperty(this, 'name', {
      value: kinds[0] ?? 'LunosImageError',
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }

  /**
   * True when `value` is an error of this class (or a subclass), even when it was thrown by
   * another copy of the package.
   */
  static isInstance<TThis extends abstract new (...args: never[]) => LunosImageError>(
    this: TThis & TErrorClass,
    value: unknown,
  ): value is InstanceType<TThis> {
    if (typeof value !== 'object' || value === null) return false;
    const kinds = (value as { [kindsKey]?: unknown })[kindsKey];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  /** Plain data for logs and transport; subclasses add their own fields. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    if (this.cause instanceof Error)
      json.cause = { name: this.cause.name, message: this.cause.message };
    return json;
  }
}
