import type { GeneratedImage } from '@lunos-image/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunImage, RunRecord } from './run-record';

/** Enough to scroll back through a session without holding hundreds of 4K images. */
export const MAX_HISTORY = 24;

export type NewRunRecord = Omit<RunRecord, 'id' | 'images'> & {
  images: readonly { index: number; image: GeneratedImage }[];
};

function ownUrl(image: GeneratedImage): { url: string; owned: boolean } {
  // The hook's object URLs are revoked on its next run, so the history makes its own copies.
  if (image.remote) return { url: image.url, owned: false };
  return { url: URL.createObjectURL(image.blob()), owned: true };
}

/**
 * The runs of this session, newest first. Images get object URLs owned by the history: made
 * when a run is added, revoked when it falls off the end and when the history unmounts.
 */
export function useRunHistory(): {
  runs: readonly RunRecord[];
  add(run: NewRunRecord): RunRecord;
  clear(): void;
} {
  const [runs, setRuns] = useState<readonly RunRecord[]>([]);
  const owned = useRef(new Map<number, string[]>());
  const nextId = useRef(1);

  const release = useCallback((ids: Iterable<number>) => {
    for (const id of ids) {
      for (const url of owned.current.get(id) ?? []) URL.revokeObjectURL(url);
      owned.current.delete(id);
    }
  }, []);

  const add = useCallback(
    (run: NewRunRecord): RunRecord => {
      const id = nextId.current++;
      const urls: string[] = [];
      const images: RunImage[] = run.images.map(({ index, image }) => {
        const { url, owned: mine } = ownUrl(image);
        if (mine) urls.push(url);
        return {
          index,
          url,
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
          byteLength: image.byteLength,
        };
      });
      owned.current.set(id, urls);
      const record: RunRecord = { ...run, id, images };
      setRuns((previous) => {
        const next = [record, ...previous];
        release(next.slice(MAX_HISTORY).map((r) => r.id));
        return next.slice(0, MAX_HISTORY);
      });
      return record;
    },
    [release],
  );

  const clear = useCallback(() => {
    setRuns((previous) => {
      release(previous.map((r) => r.id));
      return [];
    });
  }, [release]);

  useEffect(() => {
    const map = owned.current;
    return () => release([...map.keys()]);
  }, [release]);

  return { runs, add, clear };
}
