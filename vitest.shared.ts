import { defaultClientConditions, defaultServerConditions } from 'vite';

/**
 * Workspace siblings resolve to their TypeScript sources through this export condition, so tests
 * never wait for a build. Vitest runs node tests through Vite's SSR pipeline, so both the client
 * and the server condition lists need it.
 */
export const sourceCondition = '@lunos-image/source';

export const sourceResolve = {
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  environments: {
    __vitest__: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  },
};
