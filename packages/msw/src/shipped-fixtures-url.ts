/**
 * The fixture set shipped in the package: its `fixtures/` folder, beside `src/` and `dist/`.
 * This file sits directly in `src/`, and tsup bundles it into a file directly in `dist/`, so the
 * one relative URL holds from the sources and from the build alike.
 */
export const SHIPPED_FIXTURES_URL: string = new URL('../fixtures/', import.meta.url).href;
