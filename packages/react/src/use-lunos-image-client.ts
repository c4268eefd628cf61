'use client';
import type { LunosImageClient } from '@lunos-image/core';
import { useContext } from 'react';
import { LunosImageContext } from './lunos-image-context';
import { MissingClientError } from './missing-client-error';

/**
 * The client to use: the one passed in, else the nearest `LunosImageProvider`'s. Throws
 * `MissingClientError` when there is neither.
 */
export function useLunosImageClient(client?: LunosImageClient): LunosImageClient {
  const fromContext = useContext(LunosImageContext);
  const resolved = client ?? fromContext;
  if (!resolved) throw new MissingClientError();
  return resolved;
}
