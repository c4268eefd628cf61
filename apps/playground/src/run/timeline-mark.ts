/** A moment of a run: when it was sent, when the provider said it was working, and so on. */
export interface TimelineMark {
  phase:
    | 'submitted'
    | 'resumed'
    | 'processing'
    | 'caption'
    | 'preview'
    | 'image'
    | 'done'
    | 'failed'
    | 'stopped';
  /** Milliseconds since the run was submitted. */
  atMs: number;
}

export const PHASE_LABELS: Record<TimelineMark['phase'], string> = {
  submitted: 'Submitted',
  resumed: 'Resumed',
  processing: 'Processing',
  caption: 'Caption',
  preview: 'Preview',
  image: 'Image',
  done: 'Done',
  failed: 'Failed',
  stopped: 'Stopped',
};
