import { canonicalModelId } from '@lunos-image/core';
import type { Fixture, FixtureDialect, MatchField } from '../fixture/fixture-schema';
import { type ChatRequestFacts, chatRequestFacts } from './check-chat-request';
import { type ImagesRequestFacts, imagesRequestFacts } from './check-images-request';
import { requestRoute } from './request-route';

/** The facts both generation routes compare a request on. */
type MatchFacts = Pick<
  ChatRequestFacts | ImagesRequestFacts,
  'model' | 'prompt' | 'modalities' | 'imageConfig' | 'stream'
>;

/** How to read the request of a fixture of each generation route. */
const FACTS = { chat: chatRequestFacts, images: imagesRequestFacts } as const;

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

const same: Record<MatchField, (a: MatchFacts, b: MatchFacts) => boolean> = {
  model: (a, b) => canonicalModelId(a.model) === canonicalModelId(b.model),
  prompt: (a, b) => normalizePrompt(a.prompt) === normalizePrompt(b.prompt),
  modalities: (a, b) =>
    canonicalJson([...(a.modalities ?? [])].sort()) ===
    canonicalJson([...(b.modalities ?? [])].sort()),
  image_config: (a, b) => canonicalJson(a.imageConfig) === canonicalJson(b.imageConfig),
  stream: (a, b) => a.stream === b.stream,
};

/**
 * The fixture of `route` (chat by default) whose recorded request equals this one on every field
 * its `match.on` lists (model ids compared without Lunos's `openrouter/` prefix, prompts without
 * case or extra spaces, modalities as a set, image_config as a map: for the Images API, its image
 * options). A fixture of the request's dialect wins over one of the other dialect; fixtures with
 * `match.on: []` are only chosen by id.
 */
export function matchFixture(
  fixtures: readonly Fixture[],
  facts: MatchFacts,
  dialect: FixtureDialect,
  route: keyof typeof FACTS = 'chat',
): Fixture | undefined {
  const factsOf = FACTS[route];
  let fallback: Fixture | undefined;
  for (const fixture of fixtures) {
    if (requestRoute(fixture.request.method, fixture.request.path) !== route) continue;
    const fields = fixture.request.match.on;
    if (fields.length === 0) continue;
    const recorded = factsOf(fixture.request.body);
    if (!recorded || !fields.every((field) => same[field](recorded, facts))) continue;
    if (fixture.dialect === dialect) return fixture;
    fallback ??= fixture;
  }
  return fallback;
}
