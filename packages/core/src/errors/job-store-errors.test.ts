import { describe, expect, it } from 'vitest';
import { JobStoreFullError } from './job-store-full-error';
import { JobStoreUnavailableError } from './job-store-unavailable-error';
import { LunosImageError } from './lunos-image-error';

describe('job store errors', () => {
  it('JobStoreFullError carries its retry hint in the message and as data', () => {
    const error = new JobStoreFullError({
      retryAfterMs: 4_200,
      detail: 'running jobs hold 9 of 8 bytes',
    });
    expect(error.retryAfterMs).toBe(4_200);
    expect(error.message).toBe(
      'The job store is full (running jobs hold 9 of 8 bytes): retry in 5 s',
    );
    expect(LunosImageError.isInstance(error)).toBe(true);
    expect(JobStoreUnavailableError.isInstance(error)).toBe(false);
    expect(error.toJSON()).toEqual({
      name: 'JobStoreFullError',
      message: error.message,
      retryAfterMs: 4_200,
    });
  });

  it('JobStoreUnavailableError keeps the backend error as its cause', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const error = new JobStoreUnavailableError({ detail: 'Redis did not answer', cause });
    expect(error.name).toBe('JobStoreUnavailableError');
    expect(error.message).toBe('The job store is unavailable: Redis did not answer');
    expect(error.cause).toBe(cause);
    expect(JobStoreUnavailableError.isInstance(error)).toBe(true);
    expect(new JobStoreUnavailableError().message).toBe('The job store is unavailable');
  });
});
