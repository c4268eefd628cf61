import react from '@vitejs/plugin-react';
import { type Connect, defineConfig, mergeConfig, type Plugin } from 'vite';
import { sourceResolve } from '../../vitest.shared.ts';
import { liveRouteHandlers } from './live-route-handlers.ts';

function mount(middlewares: Connect.Server): void {
  for (const [path, listener] of liveRouteHandlers()) middlewares.use(path, listener);
}

/**
 * The live modes' route handlers (see live-route-handlers.ts) in the dev server, and in
 * `vite preview` too.
 */
function lunosRouteHandler(): Plugin {
  return {
    name: 'lunos-route-handler',
    configureServer: (server) => mount(server.middlewares),
    configurePreviewServer: (server) => mount(server.middlewares),
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
