import { ConnectionError } from '../errors/transport-errors';

/**
 * A module of core loaded by `import()` where first used. In a browser that fetches a chunk,
 * which can fail like any request: it is said as a `ConnectionError` naming what was loading,
 * not the bundler's bare `TypeError`.
 */
export function loadChunk<T>(load: () => Promise<T>, what: string): Promise<T> {
  return load().catch((cause: unknown) => {
    throw new ConnectionError(
      `Loading the code that ${what} failed (a chunk of @lunos-image/core could not be fetched)`,
      { cause },
    );
  });
}
