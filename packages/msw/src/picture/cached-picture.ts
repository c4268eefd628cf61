// Rendering a 4K picture takes a moment; the same request asked again reuses it.
const pictureCache = new Map<string, Promise<Uint8Array>>();
const CACHE_SIZE = 8;

/** The PNG rendered for `key`, rendered once while it stays among the last few used. */
export function cachedPicture(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
  let hit = pictureCache.get(key);
  if (hit) {
    pictureCache.delete(key);
  } else {
    hit = render();
    hit.catch(() => pictureCache.delete(key));
  }
  pictureCache.set(key, hit);
  while (pictureCache.size > CACHE_SIZE) pictureCache.delete(pictureCache.keys().next().value!);
  return hit;
}
