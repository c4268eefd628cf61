import type { StoredRun } from './run-record';

const DB_NAME = 'lunos-image-playground';
const DB_VERSION = 1;
const RUNS = 'runs';

/** The gallery's IndexedDB object store, as promises. */
export interface GalleryDb {
  all(): Promise<StoredRun[]>;
  put(run: StoredRun): Promise<void>;
  delete(ids: readonly number[]): Promise<void>;
  clear(): Promise<void>;
}

/**
 * One transaction on the runs store. It settles when the transaction does, not when its request
 * succeeds: a quota error shows up as the transaction aborting after the request looked fine.
 */
function transact<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    // Inside the executor, so a synchronous throw (a closed database, a value that cannot be
    // cloned) rejects like an asynchronous failure.
    const tx = db.transaction(RUNS, mode);
    const request = body(tx.objectStore(RUNS));
    tx.oncomplete = () => resolve(request?.result);
    tx.onabort = () =>
      reject(tx.error ?? request?.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
}

/**
 * Opens (creating on first use) the playground's database. Rejects where IndexedDB is missing or
 * refused (some private modes, a storage policy), which the gallery turns into "this session only".
 */
export function openGalleryDb(factory: IDBFactory | undefined = globalThis.indexedDB) {
  return new Promise<GalleryDb>((resolve, reject) => {
    if (!factory) throw new Error('this browser has no IndexedDB here');
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(RUNS, { keyPath: 'id' });
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open'));
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the page in another tab wants to upgrade: let it.
      db.onversionchange = () => db.close();
      resolve({
        all: async () => (await transact(db, 'readonly', (s) => s.getAll())) as StoredRun[],
        put: async (run) => {
          await transact(db, 'readwrite', (s) => s.put(run));
        },
        delete: async (ids) => {
          await transact(db, 'readwrite', (s) => {
            for (const id of ids) s.delete(id);
            return undefined;
          });
        },
        clear: async () => {
          await transact(db, 'readwrite', (s) => s.clear());
        },
      });
    };
  });
}
