'use client';
import {
  createLunosImageClient,
  type LunosImageClient,
  type LunosImageClientOptions,
} from '@lunos-image/core';
import { type JSX, type ReactNode, useState } from 'react';
import { LunosImageContext } from './lunos-image-context';

export type LunosImageProviderProps = {
  children?: ReactNode;
} & (
  | {
      /** The client the hooks below use. Wins over `options`. */
      client: LunosImageClient;
      options?: undefined;
    }
  | {
      client?: undefined;
      /**
       * Options for a client the provider creates once, on its first render (later changes are
       * ignored: pass `client`, or give the provider a new `key`, to switch clients).
       */
      options?: LunosImageClientOptions;
    }
);

/**
 * Hands a `LunosImageClient` to `useImageModels` and `useImageGeneration` below it. Model lists
 * are cached per client, so keep the client stable: create it outside the component or let the
 * provider create it from `options`.
 */
export function LunosImageProvider(props: LunosImageProviderProps): JSX.Element {
  const { client, options, children } = props;
  // Created lazily and only when no client is given; the state keeps it for the provider's life.
  const [own, setOwn] = useState<LunosImageClient | undefined>(() =>
    client ? undefined : createLunosImageClient(options),
  );
  let value = client ?? own;
  if (!value) {
    // A client prop was removed: fall back to a client of our own, made once.
    value = createLunosImageClient(options);
    setOwn(value);
  }
  return <LunosImageContext.Provider value={value}>{children}</LunosImageContext.Provider>;
}
