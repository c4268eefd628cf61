import { fileURLToPath } from 'node:url';

/** Where the global setup writes the output of `next start` (git-ignored; the tests read it). */
export const SERVER_LOG = fileURLToPath(new URL('./artifacts/next-start.log', import.meta.url));
