import type { ComposeForm } from '../compose/compose-form';
import { type Connection, connectionLabel } from '../connection/connection';
import { describeError } from '../run/describe-error';
import type { RunEnd } from '../run/use-timed-generation';
import type { NewRun } from './gallery-store';

export interface FiledAs {
  /** The settings the answer belongs to (a recording's, or a compare column's own). */
  form: ComposeForm;
  modelName: string;
  connection: Connection;
  /** For a comparison's winner: the other models' names. */
  comparedWith?: readonly string[];
}

/** A finished run as the gallery files it: outcome, images, text, cost, timing, why it failed. */
export function newRunFrom(end: RunEnd<unknown>, filed: FiledAs): NewRun {
  const { result, reason, error } = end;
  return {
    form: filed.form,
    modelName: filed.modelName,
    connectionLabel: connectionLabel(filed.connection),
    // A run a newer one replaced after it had begun answering is filed as stopped.
    outcome: reason === 'completed' ? 'success' : reason === 'superseded' ? 'aborted' : reason,
    text: result?.text ?? '',
    images: (result?.images ?? []).map((image, index) => ({ image, index })),
    cost: result?.usage?.cost,
    elapsedMs: end.elapsedMs,
    bytesReceived: end.bytesReceived,
    error:
      reason === 'error' && error !== undefined
        ? describeError(error, filed.connection)
        : undefined,
    finishedAt: Date.now(),
    seed: end.variables.seed,
    comparedWith: filed.comparedWith,
  };
}
