import { estimateMaxCost, type ImageModel } from '@lunos-image/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../format/format-usd';
import { CostLine } from './cost-line';

const model = (id: string, pricing: ImageModel['pricing']): ImageModel => ({
  id,
  name: id,
  provider: id.split('/')[0] ?? id,
  inputModalities: ['text'],
  outputModalities: ['image'],
  pricing,
  supportedParameters: [],
  contextLength: undefined,
  raw: undefined,
});
const seedream = model('bytedance-seed/seedream-4.5', { perImage: 0.04 });
const unpriced = model('acme/unpriced-image', {});

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('CostLine', () => {
  it('shows the budget left when the route handler said it', () => {
    const html = renderToStaticMarkup(
      <CostLine
        requests={[{ model: seedream, variables: { model: seedream.id, api: 'images', n: 2 } }]}
        billed={0.08}
        budget={0.42}
      />,
    );
    expect(html).toContain('data-testid="budget-remaining"');
    expect(text(html)).toBe(
      '≈ $0.08 for 2 images · last run billed $0.08 · $0.42 of your budget left',
    );
  });

  it('shows no budget where none is counted', () => {
    const html = renderToStaticMarkup(
      <CostLine
        requests={[{ model: seedream, variables: { model: seedream.id } }]}
        billed={undefined}
      />,
    );
    expect(html).not.toContain('budget');
  });

  it('shows what the route handler reserves for a model without a price', () => {
    const variables = { model: unpriced.id, api: 'images' as const, n: 3 };
    const reserved = estimateMaxCost(unpriced, variables, { unpricedUsd: 0.2 }) as number;
    expect(reserved).toBeCloseTo(0.6, 12);
    const live = renderToStaticMarkup(
      <CostLine requests={[{ model: unpriced, variables }]} billed={undefined} unpricedUsd={0.2} />,
    );
    expect(text(live)).toBe(`≈ ${formatUsd(reserved)} for 3 images`);
    // Nothing reserved in mock mode: no price is guessed.
    const mock = renderToStaticMarkup(
      <CostLine requests={[{ model: unpriced, variables }]} billed={undefined} />,
    );
    expect(text(mock)).toBe('No price estimate for this model');
  });
});
