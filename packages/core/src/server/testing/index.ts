/**
 * `@lunos-image/core/server/testing`: the contract tests a `JobStore` must pass, for the authors
 * of stores. Needs vitest (an optional peer dependency of core); nothing else imports it.
 */
export { describeJobStore, type JobStoreHarness } from '../jobs/describe-job-store';
export { describeLimitStore, type LimitStoreHarness } from '../limits/describe-limit-store';
