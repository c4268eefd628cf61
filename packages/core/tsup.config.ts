import { defineConfig } from 'tsup';
import { publicPackageBuild } from '../../tsup.shared.ts';

export default defineConfig({
  ...publicPackageBuild,
  entry: {
    index: 'src/index.ts',
    server: 'src/server/index.ts',
    'server-node': 'src/server/node/index.ts',
    'server-testing': 'src/server/testing/index.ts',
    adapter: 'src/adapter.ts',
    sse: 'src/sse.ts',
    internal: 'src/internal.ts',
  },
  dts: { compilerOptions: { customConditions: [] } },
});
