/** The longest prompt the route handler takes; the page's text box stops at the same length. */
export const MAX_PROMPT_CHARS = 4_000;
