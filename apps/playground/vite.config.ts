import react from '@vitejs/plugin-react';
import { defineConfig, mergeConfig } from 'vite';
import { sourceResolve } from '../../vitest.shared.ts';

// Workspace packages resolve to their TypeScript sources through the `@lunos-image/source`
// export condition (sourceResolve), so `pnpm dev` and `pnpm build` never wait for a package build.
export default mergeConfig(
  sourceResolve,
  defineConfig({
    plugins: [react()],
    server: { port: 5173 },
    preview: { port: 4173 },
    build: {
      // The mock's chunk (msw, fixtures, the picture renderer) is over Vite's 500 kB warning; it
      // is loaded only in mock mode, after the app has rendered.
      chunkSizeWarningLimit: 800,
    },
  }),
);
