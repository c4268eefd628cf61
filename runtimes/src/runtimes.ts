/**
 * The runtimes the suite runs the packed packages on, each pinned, and the npm packages that bring
 * it (for this machine's platform). Every version here is a version tested: README.md's "Runs on"
 * table must name the same ones (checked by readme-runs-on.test.ts).
 */
export type RuntimeName = 'node20' | 'node24' | 'bun' | 'deno' | 'workerd' | 'edge-runtime';

/** The README block (```ts <tag>) a runtime runs: the few lines that mount the handler there. */
export type SnippetTag = 'node' | 'bun' | 'deno' | 'workers' | 'vercel-edge';

export interface RuntimeDefinition {
  /** As the test names and the README's table say it. */
  readonly label: string;
  /** The runtime's own version, pinned: what its `--version` (or package) says. */
  readonly version: string;
  readonly snippet: SnippetTag;
  /** The npm packages (exact versions) that bring it; undefined where none is published. */
  packages(platform: string, arch: string): Record<string, string> | undefined;
  /** Its executable, below the install folder; absent for runtimes a Node 24 host process runs. */
  bin?(platform: string, arch: string): string;
}

const NODE = (version: string): Pick<RuntimeDefinition, 'packages' | 'bin'> => ({
  packages: (platform, arch) =>
    supported(platform, arch) ? { [`node-${platform}-${arch}`]: version } : undefined,
  bin: (platform, arch) => `node_modules/node-${platform}-${arch}/bin/node`,
});

const BUN_PACKAGE = (platform: string, arch: string) =>
  `@oven/bun-${platform}-${arch === 'arm64' ? 'aarch64' : 'x64'}`;
const DENO_PACKAGE = (platform: string, arch: string) =>
  platform === 'linux' ? `@deno/linux-${arch}-glibc` : `@deno/${platform}-${arch}`;

function supported(platform: string, arch: string): boolean {
  return ['linux', 'darwin'].includes(platform) && ['x64', 'arm64'].includes(arch);
}

/** workerd as miniflare 4.20260730.0 pins it; the date its Workers are compatible with. */
export const WORKERD = { version: '1.20260730.1', compatibilityDate: '2026-07-30' };

export const RUNTIMES: Record<RuntimeName, RuntimeDefinition> = {
  // The lowest Node core supports (engines: >=20.19), not whatever Node 20 the machine has.
  node20: { label: 'Node.js 20', version: '20.19.0', snippet: 'node', ...NODE('20.19.0') },
  node24: { label: 'Node.js 24', version: '24.21.0', snippet: 'node', ...NODE('24.21.0') },
  bun: {
    label: 'Bun',
    version: '1.4.5',
    snippet: 'bun',
    packages: (platform, arch) =>
      supported(platform, arch) ? { [BUN_PACKAGE(platform, arch)]: '1.4.5' } : undefined,
    bin: (platform, arch) => `node_modules/${BUN_PACKAGE(platform, arch)}/bin/bun`,
  },
  deno: {
    label: 'Deno',
    version: '2.9.6',
    snippet: 'deno',
    packages: (platform, arch) =>
      supported(platform, arch) ? { [DENO_PACKAGE(platform, arch)]: '2.9.6' } : undefined,
    bin: (platform, arch) => `node_modules/${DENO_PACKAGE(platform, arch)}/deno`,
  },
  // Cloudflare's Workers runtime, served by miniflare (what `wrangler dev` runs) on Node 24.
  workerd: {
    label: 'workerd (miniflare)',
    version: WORKERD.version,
    snippet: 'workers',
    packages: () => ({ miniflare: '4.20260730.0', workerd: WORKERD.version }),
  },
  // Vercel's Edge runtime as Vercel publishes it for local runs, on Node 24.
  'edge-runtime': {
    label: 'edge-runtime',
    version: '4.0.1',
    snippet: 'vercel-edge',
    packages: () => ({ 'edge-runtime': '4.0.1' }),
  },
};
