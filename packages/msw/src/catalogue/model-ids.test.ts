import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalModelId } from '@lunos-image/core';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { FixtureDialect } from '../fixture/fixture-schema';
import { fixtureWire } from '../fixture/fixture-wire';
import { createLunosMock } from '../handlers/create-lunos-mock';
import { repoFixtures } from '../test-utils/repo-fixtures';
import { MOCK_MODELS } from './mock-models';
import { toLunosModel } from './to-lunos-model';
import { toOpenRouterModel } from './to-open-router-model';

// One truth for model ids: what the mock lists for a dialect is what its fixtures send and what
// the docs tell users to send, and core's canonicalModelId maps each Lunos id to an OpenRouter
// one. A picker built from listModels() must send an id the API's own examples use.

const mock = createLunosMock();
const BASES: Record<FixtureDialect, string> = {
  lunos: 'https://api.lunos.tech/v1/models',
  openrouter: 'https://openrouter.ai/api/v1/models?output_modalities=all',
};

/** The ids the mock's GET /models lists for a dialect (the shipped catalogue, unfiltered). */
async function listed(dialect: FixtureDialect): Promise<string[]> {
  const response = await getResponse(mock.handlers, new Request(BASES[dialect]));
  const json = (await response!.json()) as { data?: { id: string }[] } | { id: string }[];
  return (Array.isArray(json) ? json : json.data!).map((m) => m.id);
}

/** The ids the Images API's GET /images/models lists (one catalogue, whatever the base path). */
async function listedImageModels(): Promise<string[]> {
  const url = 'https://openrouter.ai/api/v1/images/models';
  const response = await getResponse(mock.handlers, new Request(url));
  return ((await response!.json()) as { data: { id: string }[] }).data.map((m) => m.id);
}

/** What a request is checked against: the model list of its dialect, or the Images API's. */
type Catalogue = FixtureDialect | 'images';

const catalogue: Record<Catalogue, string[]> = {
  lunos: await listed('lunos'),
  openrouter: await listed('openrouter'),
  images: await listedImageModels(),
};

const repo = join(import.meta.dirname, '../../../..');
const READMES = [
  'README.md',
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/msw/README.md',
  'packages/msw/fixtures/README.md',
];

/**
 * Model ids the code blocks of a README send (`model: '…'`, `"model":"…"`, `allowModels`
 * strings), each with the catalogue of its block: the Images API's when it calls `…/images`,
 * OpenRouter when the block says `dialect: 'openrouter'` or talks to an `/api/v1/…` route, else
 * Lunos (the client's default).
 */
function documentedIds(file: string): { id: string; dialect: Catalogue; file: string }[] {
  const text = readFileSync(join(repo, file), 'utf8');
  const out: { id: string; dialect: Catalogue; file: string }[] = [];
  for (const [, block = ''] of text.matchAll(/```\w*[^\n]*\n([\s\S]*?)```/g)) {
    const dialect: Catalogue = /\/images['"`]|api: ['"]images['"]/.test(block)
      ? 'images'
      : /dialect: 'openrouter'|\/api\/v1\/(chat|models)|openrouter\.ai\/api\/v1/.test(block)
        ? 'openrouter'
        : 'lunos';
    const ids = [
      ...block.matchAll(/"?model"?\s*:\s*["']([^"']+)["']/g),
      ...[...block.matchAll(/allowModels:\s*\[([^\]]*)\]/g)].flatMap(([, list = '']) => [
        ...list.matchAll(/'([^']+)'/g),
      ]),
    ].map((m) => m[1]!);
    for (const id of ids) out.push({ id, dialect, file });
  }
  return out;
}

describe('model ids', () => {
  it('Lunos lists image models under openrouter/ ids, each the OpenRouter id canonicalModelId gives', () => {
    expect(catalogue.lunos).toContain('openrouter/google/gemini-2.5-flash-image');
    expect(catalogue.openrouter).toContain('google/gemini-2.5-flash-image');
    expect(catalogue.lunos.map(canonicalModelId).sort()).toEqual([...catalogue.openrouter].sort());
    for (const id of catalogue.openrouter) expect(canonicalModelId(id)).toBe(id);
  });

  it('the shipped model catalogues are the built-in one (regenerate the fixtures after editing it)', () => {
    expect(catalogue.lunos).toEqual(MOCK_MODELS.map((m) => toLunosModel(m).id));
    expect(catalogue.openrouter).toEqual(MOCK_MODELS.map((m) => toOpenRouterModel(m).id));
  });

  it('every model a fixture sends is listed, verbatim, by the mock for its dialect (or by the Images API)', async () => {
    const set = await repoFixtures();
    const sent = set.fixtures.flatMap((f) => {
      const model = (f.request.body as { model?: unknown } | undefined)?.model;
      const dialect: Catalogue = fixtureWire(f) === 'images' ? 'images' : f.dialect;
      return typeof model === 'string' ? [{ id: f.id, dialect, model }] : [];
    });
    expect(sent.length).toBeGreaterThan(10);
    for (const { id, dialect, model } of sent) {
      expect(catalogue[dialect], `${id} sends ${model}`).toContain(model);
    }
  });

  it('every model id in the READMEs’ code is listed, verbatim, for the dialect of its block', () => {
    const documented = READMES.flatMap(documentedIds);
    expect(documented.length).toBeGreaterThan(8);
    const unlisted = documented.filter(({ id, dialect }) => !catalogue[dialect].includes(id));
    expect(unlisted.map(({ file, id, dialect }) => `${file}: ${id} (${dialect})`)).toEqual([]);
  });
});
