// @vitest-environment happy-dom
import { describeClientReplay } from './test-utils/client-replay-suite';

// msw 3 intercepts at the socket level, and happy-dom 21's own fetch resolves the host itself
// before any socket is intercepted (getaddrinfo ENOTFOUND): under msw 3 this environment cannot
// be mocked, so it runs on the msw 2 leg only (msw 2 replaces the global fetch).
describeClientReplay('happy-dom', {
  ...(process.env.LUNOS_MSW === '3'
    ? { skipReason: 'msw 3 does not intercept happy-dom’s fetch' }
    : {}),
});
