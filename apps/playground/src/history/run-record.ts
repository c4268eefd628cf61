import type { ComposeForm } from '../compose/compose-form';
import type { ErrorDescription } from '../run/describe-error';

/** One image of a finished run, with an object URL the history owns (and revokes). */
export interface RunImage {
  index: number;
  url: string;
  mimeType: string;
  width: number | undefined;
  height: number | undefined;
  byteLength: number | undefined;
}

/** A finished run of this session, kept to click back to. */
export interface RunRecord {
  /** Unique in the session (not the hook's runId, which restarts with each connection). */
  id: number;
  form: ComposeForm;
  modelName: string;
  connectionLabel: string;
  outcome: 'success' | 'error' | 'aborted';
  text: string;
  images: readonly RunImage[];
  cost: number | undefined;
  elapsedMs: number;
  bytesReceived: number;
  error: ErrorDescription | undefined;
  finishedAt: number;
}
