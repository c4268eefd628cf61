/**
 * `@lunos-image/msw/internal`: what the repository's own apps and bench use beyond the public
 * entries. No compatibility promise: names here change with any release. `replay` (the bench
 * serves one fixture as a `Response` without msw in between), `parseTimingSpec` (the playground's
 * `?mockTiming=` in the words of the `x-lunos-mock-timing` header).
 */
export { parseTimingSpec } from './replay/parse-timing-spec';
export { replay } from './replay/replay';
