import { StreamError } from './stream-errors';

/**
 * A job of the route handler ended as `lost`: the server instance running it stopped renewing its
 * lease (it died or was cut off) before the job ended, so no one will finish it. Reported instead
 * of waiting forever for events that cannot come.
 */
export class JobLostError extends StreamError {
  static override readonly kind: string = 'JobLostError';

  readonly reason = 'lost';
  readonly jobId: string;

  constructor(jobId: string) {
    super({
      message: `The job ${jobId} was lost: the server running it stopped before it ended`,
      errorType: 'job_lost',
    });
    this.jobId = jobId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, jobId: this.jobId };
  }
}
