'use client';
import { type RefObject, useInsertionEffect, useRef } from 'react';

/**
 * A ref that holds the value of the last committed render. Written in an insertion effect (the
 * earliest point after commit, and a no-op on the server), not during render, so a render React
 * throws away never leaks its props into callbacks.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
