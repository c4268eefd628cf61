import type { ComposeForm } from '../compose/compose-form';
import type { ErrorDescription } from '../run/describe-error';

/** One image of a filed run, with an object URL the gallery owns (and revokes). */
export interface RunImage {
  index: number;
  url: string;
  mimeType: string;
  width: number | undefined;
  height: number | undefined;
  byteLength: number | undefined;
}

/** A finished run in the gallery: kept in IndexedDB across reloads, or for this session. */
export interface RunRecord {
  /**
   * Unique and increasing: the time it was filed (ms), moved past the newest id if needed, so it
   * stays unique across reloads and sorts oldest first for eviction.
   */
  id: number;
  /** What the run was asked with; "use these settings again" puts it back into the form. */
  form: ComposeForm;
  modelName: string;
  connectionLabel: string;
  outcome: 'success' | 'error' | 'aborted';
  text: string;
  images: readonly RunImage[];
  cost: number | undefined;
  elapsedMs: number;
  bytesReceived: number;
  /** Why it failed, as the screen said it (never holds the key: core's messages are scrubbed). */
  error: ErrorDescription | undefined;
  finishedAt: number;
  /** The seed it was generated with, when the request or the API gave one (the chat API has none). */
  seed: number | undefined;
  /** For the winner of a comparison: the other models' names. */
  comparedWith: readonly string[] | undefined;
  /** Its size in storage (images, references, text), counted against the gallery's limit. */
  bytes: number;
  /** In IndexedDB; false when it is shown for this session only. */
  saved: boolean;
}

/** A run's image as IndexedDB keeps it: the bytes, or the URL of an https image. */
export interface StoredImage {
  index: number;
  mimeType: string;
  width: number | undefined;
  height: number | undefined;
  byteLength: number | undefined;
  blob: Blob | undefined;
  remoteUrl: string | undefined;
}

/** A run as IndexedDB keeps it (structured-cloned: the references stay `File`s). */
export type StoredRun = Omit<RunRecord, 'images' | 'saved'> & { images: readonly StoredImage[] };
