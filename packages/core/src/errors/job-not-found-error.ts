import { type APIError, NotFoundError } from './api-error';

/**
 * The route handler does not know the job (404): its id is unknown, it expired (jobs are kept
 * for the handler's `ttlMs`), it was evicted, or it belongs to another user. The handler says
 * which of these it is to no one, so ids cannot be probed.
 */
export class JobNotFoundError extends NotFoundError {
  static override readonly kind: string = 'JobNotFoundError';

  readonly jobId: string;

  /** `answer`: the 404 as the client read it. */
  constructor(jobId: string, answer: APIError) {
    super(
      {
        status: answer.status,
        message: `The job ${jobId} is gone: unknown, expired or not yours (${answer.message})`,
        code: answer.code,
        errorType: answer.errorType,
        body: answer.body,
      },
      { cause: answer },
    );
    this.jobId = jobId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobId: this.jobId };
  }
}
