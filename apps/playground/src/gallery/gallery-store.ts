import type { GeneratedImage } from '@lunos-image/core';
import { Subscribable } from '@lunos-image/core/adapter';
import { formatBytes } from '../format/format-bytes';
import type { GalleryDb } from './gallery-db';
import type { RunRecord, StoredImage, StoredRun } from './run-record';
import { storedRunBytes } from './stored-run-bytes';

/** A finished run as the page hands it over: its images still core's `GeneratedImage`s. */
export type NewRun = Omit<RunRecord, 'id' | 'images' | 'bytes' | 'saved'> & {
  images: readonly { index: number; image: GeneratedImage }[];
};

export interface GallerySnapshot {
  /** `saved`: IndexedDB works; `session`: runs last until the page is closed or reloaded. */
  storage: 'loading' | 'saved' | 'session';
  /** Newest first. */
  runs: readonly RunRecord[];
  /** What the runs take, never more than `maxBytes`. */
  bytes: number;
  maxBytes: number;
  /** What went wrong with storage, said on screen (a failure here never breaks the page). */
  problem: string | undefined;
  /** A `?galleryMB=` that could not be read. */
  limitWarning: string | undefined;
}

export interface GalleryStoreOptions {
  /** The most the runs may take together; the oldest go first. */
  maxBytes: number;
  /** Shown with the size when the limit asked for could not be read. */
  warning?: string | undefined;
  /** Opens the database; a rejection means "this session only". */
  open(): Promise<GalleryDb>;
}

function reason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return 'the browser’s storage for this site is full';
  }
  return error instanceof Error ? error.message : String(error);
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

function toStoredImage({ index, image }: NewRun['images'][number]): StoredImage {
  return {
    index,
    mimeType: image.mimeType,
    width: image.width,
    height: image.height,
    byteLength: image.byteLength,
    blob: image.remote ? undefined : image.blob(),
    remoteUrl: image.remote ? image.url : undefined,
  };
}

/**
 * The gallery: every finished run with its images, newest first, kept in IndexedDB so it survives
 * a reload. Bounded by `maxBytes` (the oldest runs are deleted to make room); where IndexedDB is
 * missing or full it keeps runs for the session and says so in `problem`. It owns the object
 * URLs of the images it shows: made on load and add, revoked when a run goes. Never holds a key:
 * a run carries the form, the model's name, the connection's label and the error as shown.
 */
export class GalleryStore extends Subscribable {
  #snapshot: GallerySnapshot;
  #db: GalleryDb | undefined;
  readonly #urls = new Map<number, string[]>();
  /** Operations run one at a time, in order: an add never races the load or a clear. */
  #work: Promise<void>;
  #lastId = 0;

  constructor(options: GalleryStoreOptions) {
    super();
    this.getSnapshot = this.getSnapshot.bind(this);
    this.#snapshot = {
      storage: 'loading',
      runs: [],
      bytes: 0,
      maxBytes: options.maxBytes,
      problem: undefined,
      limitWarning: options.warning,
    };
    this.#work = this.#load(options.open);
  }

  getSnapshot(): GallerySnapshot {
    return this.#snapshot;
  }

  /**
   * Files a finished run: it shows at once (its images from memory), and is saved in the
   * background after the oldest runs past the limit are deleted. Resolves once it is saved, or
   * kept for the session with `problem` saying why.
   */
  add(run: NewRun): Promise<void> {
    const id = Math.max(Date.now(), this.#lastId + 1);
    this.#lastId = id;
    const stored: StoredRun = { ...run, id, images: run.images.map(toStoredImage), bytes: 0 };
    stored.bytes = storedRunBytes(stored);
    const { maxBytes, storage, runs } = this.#snapshot;
    if (stored.bytes > maxBytes) {
      this.#set({
        problem: `The last run (${formatBytes(stored.bytes)}) is larger than the gallery’s limit of ${formatBytes(maxBytes)}, so it was not kept.`,
      });
      return Promise.resolve();
    }
    this.#set({ runs: [this.#record(stored, storage !== 'session'), ...runs] });
    return this.#queue(() => this.#persist(stored));
  }

  /** Deletes every run, saved or not. */
  clear(): Promise<void> {
    const { runs, storage, problem } = this.#snapshot;
    // Clearing frees room, so a "not saved" note no longer holds; "session only" still does.
    this.#set({ runs: [], problem: storage === 'session' ? problem : undefined });
    this.#release(runs.map((run) => run.id));
    return this.#queue(async () => {
      try {
        await this.#db?.clear();
      } catch (error) {
        this.#set({ problem: `The saved runs could not be deleted: ${reason(error)}.` });
      }
    });
  }

  #queue(operation: () => Promise<void>): Promise<void> {
    this.#work = this.#work.then(operation, operation);
    return this.#work;
  }

  #set(patch: Partial<GallerySnapshot>) {
    const next = { ...this.#snapshot, ...patch };
    next.bytes = next.runs.reduce((sum, run) => sum + run.bytes, 0);
    this.#snapshot = next;
    this.notify();
  }

  #record(stored: StoredRun, saved: boolean): RunRecord {
    const urls: string[] = [];
    const images = stored.images.map((image) => {
      let url = image.remoteUrl ?? '';
      if (image.blob) {
        url = URL.createObjectURL(image.blob);
        urls.push(url);
      }
      const { blob: _blob, remoteUrl: _remote, ...shown } = image;
      return { ...shown, url };
    });
    this.#urls.set(stored.id, urls);
    return { ...stored, images, saved };
  }

  #release(ids: Iterable<number>) {
    for (const id of ids) {
      for (const url of this.#urls.get(id) ?? []) URL.revokeObjectURL(url);
      this.#urls.delete(id);
    }
  }

  async #load(open: () => Promise<GalleryDb>) {
    let stored: StoredRun[];
    try {
      this.#db = await open();
      stored = await this.#db.all();
    } catch (error) {
      this.#db = undefined;
      this.#set({
        storage: 'session',
        // Runs filed while the database was opening stay, for the session.
        runs: this.#snapshot.runs.map((run) => ({ ...run, saved: false })),
        problem: `Runs are kept for this session only: ${reason(error)}.`,
      });
      return;
    }
    this.#lastId = Math.max(this.#lastId, ...stored.map((run) => run.id));
    const runs = [...this.#snapshot.runs, ...stored.map((run) => this.#record(run, true))];
    this.#set({ storage: 'saved', runs: runs.sort((a, b) => b.id - a.id) });
    // A lower limit than when they were saved (?galleryMB=): trim to it.
    await this.#makeRoom();
  }

  /** Deletes the oldest runs (never `keep`) until all of them fit under the limit. */
  async #makeRoom(keep?: number): Promise<void> {
    const { runs, maxBytes } = this.#snapshot;
    let total = runs.reduce((sum, run) => sum + run.bytes, 0);
    const gone: RunRecord[] = [];
    for (const run of [...runs].reverse()) {
      if (total <= maxBytes) break;
      if (run.id === keep) continue;
      gone.push(run);
      total -= run.bytes;
    }
    await this.#remove(gone);
  }

  async #remove(gone: readonly RunRecord[]) {
    if (gone.length === 0) return;
    const ids = new Set(gone.map((run) => run.id));
    const saved = gone.filter((run) => run.saved).map((run) => run.id);
    this.#set({ runs: this.#snapshot.runs.filter((run) => !ids.has(run.id)) });
    this.#release(ids);
    if (saved.length > 0 && this.#db) {
      try {
        await this.#db.delete(saved);
      } catch (error) {
        this.#set({ problem: `Older runs could not be deleted: ${reason(error)}.` });
      }
    }
  }

  /** Makes room for a run already shown, then writes it; says so if it cannot be saved. */
  async #persist(stored: StoredRun) {
    // Cleared (or pushed out by newer runs) before its turn came: nothing left to save.
    if (!this.#snapshot.runs.some((run) => run.id === stored.id)) return;
    await this.#makeRoom(stored.id);
    if (!this.#db) return;
    for (;;) {
      try {
        await this.#db.put(stored);
        this.#set({ problem: undefined });
        return;
      } catch (error) {
        // A full quota: delete the oldest saved run and try again, while there is one.
        const oldest = this.#snapshot.runs.filter((r) => r.saved && r.id !== stored.id).at(-1);
        if (isQuotaError(error) && oldest) {
          await this.#remove([oldest]);
          continue;
        }
        this.#set({
          runs: this.#snapshot.runs.map((r) => (r.id === stored.id ? { ...r, saved: false } : r)),
          problem: `The last run could not be saved (${reason(error)}): it is shown until you reload.`,
        });
        return;
      }
    }
  }
}
