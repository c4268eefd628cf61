import { MockOptionsError } from '../errors/mock-options-error';

/**
 * Node's `fs/promises`, `path`, `url` and `crypto`, taken from `process.getBuiltinModule` at call
 * time. The fixture loader is reached from the main entry (the shipped set is
 * `createLunosMock()`'s default), which must also load in a browser bundle: a static `node:`
 * import there would break bundlers, this does not. Outside Node it throws a MockOptionsError
 * naming `what` and the way to pass fixtures there.
 */
export function nodeBuiltins(what: string) {
  const get = (globalThis as { process?: Partial<Pick<NodeJS.Process, 'getBuiltinModule'>> })
    .process?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new MockOptionsError(
      'fixtures',
      `${what} reads fixture files, which needs Node (>= 20.16). In a browser pass fixtures: fixtureSetFromGlob(...), or fixtures: false for synthesized answers only.`,
    );
  }
  return {
    fs: get('node:fs/promises'),
    path: get('node:path'),
    url: get('node:url'),
    crypto: get('node:crypto'),
  };
}

/** Whether {@link nodeBuiltins} can work here. */
export function hasNodeBuiltins(): boolean {
  return (
    typeof (globalThis as { process?: { getBuiltinModule?: unknown } }).process
      ?.getBuiltinModule === 'function'
  );
}
