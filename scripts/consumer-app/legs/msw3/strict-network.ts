// msw 3 names the policy for requests no handler answers `onUnhandledFrame`.
export const strictNetwork = { onUnhandledFrame: 'error' } as const;
