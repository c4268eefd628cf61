import react from '@vitejs/plugin-react';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
// Relative imports of the sources: the config is bundled by Vite itself, before any package build.
import { createLunosImageHandler } from '../../packages/core/src/server/index.ts';
import { toNodeListener } from '../../packages/core/src/server/node/index.ts';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * The live modes' route handler in the dev server: `/api/lunos/lunos/*` and
 * `/api/lunos/openrouter/*` add LUNOS_API_KEY / OPENROUTER_API_KEY from the dev server's own
 * environment, so the key never reaches the page. Without the variable a request answers 500
 * naming it.
 */
function lunosRouteHandler(): Plugin {
  return {
    name: 'lunos-route-handler',
    configureServer(server) {
      for (const dialect of ['lunos', 'openrouter'] as const) {
        const handler = createLunosImageHandler({
          dialect,
          appId: 'lunos-image-playground',
          title: 'lunos-image playground',
        });
        server.middlewares.use(`/api/lunos/${dialect}`, toNodeListener(handler));
      }
    },
  };
}

// Workspace packages resolve to their TypeScript sources through the `@lunos-image/source`
// export condition (sourceResolve), so `pnpm dev` and `pnpm build` never wait for a package build.
export default mergeConfig(
  sourceResolve,
  defineConfig({
    plugins: [react(), lunosRouteHandler()],
    server: { port: 5173 },
    preview: { port: 4173 },
    build: {
      // The mock's chunk (msw, fixtures, the picture renderer) is over Vite's 500 kB warning; it
      // is loaded only in mock mode, after the app has rendered.
      chunkSizeWarningLimit: 800,
    },
  }),
);
