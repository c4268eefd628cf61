import { useSyncExternalStore } from 'react';
import type { GallerySnapshot, GalleryStore } from './gallery-store';

/** The gallery's runs, size and storage state; re-renders when they change. */
export function useGallery(store: GalleryStore): GallerySnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
