/** The line a preload or host prints once the server listens; the test waits for it. */
export const announce = (url) => console.log(`lunos-runtime-listening ${url}`);
