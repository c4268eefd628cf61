/**
 * The URL of a module that sits directly in `src/` (and is bundled into a file directly in
 * `dist/`): the shipped fixture set is `../fixtures` from it, in the sources and the build alike.
 * A bare `import.meta.url`, not `new URL('../fixtures/', import.meta.url)`: Vite (a browser
 * build, vitest's jsdom and happy-dom environments) rewrites that pattern into an asset URL.
 */
export const SHIPPED_FIXTURES_ANCHOR: string = import.meta.url;
