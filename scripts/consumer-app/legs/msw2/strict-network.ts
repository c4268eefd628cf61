// msw 2 names the policy for requests no handler answers `onUnhandledRequest`.
export const strictNetwork = { onUnhandledRequest: 'error' } as const;
