import { canonicalModelId } from '@lunos-image/core';
import type { Fixture, FixtureDialect, MatchField } from '../fixture/fixture-schema';
import { type ChatRequestFacts, chatRequestFacts } from './check-chat-request';

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const normalizePrompt = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

const same: Record<MatchField, (a: ChatRequestFacts, b: ChatRequestFacts) => boolean> = {
  model: (a, b) => canonicalModelId(a.model) === canonicalModelId(b.model),
  prompt: (a, b) => normalizePrompt(a.prompt) === normalizePrompt(b.prompt),
  modalities: (a, b) =>
    canonicalJson([...(a.modalities ?? [])].sort()) ===
    canonicalJson([...(b.modalities ?? [])].sort()),
  image_config: (a, b) => canonicalJson(a.imageConfig) === canonicalJson(b.imageConfig),
  stream: (a, b) => a.stream === b.stream,
};

/**
 * The chat fixture whose recorded request equals this one on every field its `match.on` lists
 * (model ids compared without Lunos's `openrouter/` prefix, prompts without case or extra
 * spaces, modalities as a set, image_config as a map). A fixture of the request's dialect wins
 * over one of the other dialect; fixtures with `match.on: []` are only chosen by id.
 */
export function matchFixture(
  fixtures: readonly Fixture[],
  facts: ChatRequestFacts,
  dialect: FixtureDialect,
): Fixture | undefined {
  let fallback: Fixture | undefined;
  for (const fixture of fixtures) {
    if (fixture.request.method !== 'POST' || !fixture.request.path.endsWith('/chat/completions'))
      continue;
    const fields = fixture.request.match.on;
    if (fields.length === 0) continue;
    const recorded = chatRequestFacts(fixture.request.body);
    if (!recorded || !fields.every((field) => same[field](recorded, facts))) continue;
    if (fixture.dialect === dialect) return fixture;
    fallback ??= fixture;
  }
  return fallback;
}
