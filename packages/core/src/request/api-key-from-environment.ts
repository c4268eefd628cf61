import type { Dialect } from './dialect';

/**
 * The dialect's key variable (`LUNOS_API_KEY` / `OPENROUTER_API_KEY`) from the server's
 * environment: Node, Bun and edge runtimes through `process.env`, Deno through `Deno.env`. An
 * empty value counts as not set. Never read in a browser: a bundler's inlined `process.env` would
 * put the key in the page.
 */
export function apiKeyFromEnvironment(
  dialect: Pick<Dialect, 'apiKeyVariable'>,
): string | undefined {
  const name = dialect.apiKeyVariable;
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
      ?.env;
    if (env) return env[name]?.trim() || undefined;
    const deno = (globalThis as { Deno?: { env: { get(name: string): string | undefined } } }).Deno;
    return deno?.env.get(name)?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws: treated as not set.
    return undefined;
  }
}
