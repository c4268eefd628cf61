/**
 * The ts/tsx code blocks of a Markdown file, with the words after the language in the info string
 * (```ts msw2 → tags ['msw2'], ```ts bun → ['bun']): what a block is for.
 */
export function readmeBlocks(markdown) {
  return [...markdown.matchAll(/^```(tsx?)([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({
    ext: m[1],
    tags: m[2].trim().split(/\s+/).filter(Boolean),
    code: m[3],
  }));
}
