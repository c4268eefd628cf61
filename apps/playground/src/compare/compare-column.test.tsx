import { createLunosImageClient, estimateMaxCost, type ImageModel } from '@lunos-image/core';
import { LunosImageProvider } from '@lunos-image/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { INITIAL_FORM } from '../compose/compose-form';
import { variablesFor } from '../compose/variables-for';
import type { Connection } from '../connection/connection';
import { LIVE_UNPRICED_USD } from '../connection/live-limits';
import { formatUsd } from '../format/format-usd';
import { CompareColumn } from './compare-column';

const unpriced: ImageModel = {
  id: 'acme/unpriced-image',
  name: 'Acme unpriced',
  provider: 'acme',
  inputModalities: ['text'],
  outputModalities: ['image'],
  pricing: {},
  supportedParameters: [],
  contextLength: undefined,
  raw: undefined,
};

/** The column's estimate before any run, on `connection`. */
function estimateShown(connection: Connection): string {
  const client = createLunosImageClient({ baseURL: 'http://127.0.0.1:9/api/lunos', fetch });
  const html = renderToStaticMarkup(
    <LunosImageProvider client={client}>
      <CompareColumn
        model={unpriced}
        form={INITIAL_FORM}
        connection={connection}
        mocked={false}
        position="1 of 2"
        winner={undefined}
        onPick={() => {}}
        onRunningChange={() => {}}
      />
    </LunosImageProvider>,
  );
  const estimate = /data-testid="cost-estimate">([^<]*)</.exec(html);
  return estimate?.[1] ?? '';
}

describe('CompareColumn cost line', () => {
  it('through the route handler, shows what the handler reserves for a model without a price', () => {
    const live: Connection = {
      mode: 'live',
      dialect: 'openrouter',
      apiKey: undefined,
      baseURL: undefined,
    };
    const reserved = estimateMaxCost(unpriced, variablesFor(INITIAL_FORM, unpriced), {
      unpricedUsd: LIVE_UNPRICED_USD,
    });
    expect(reserved).toBeGreaterThan(0);
    expect(estimateShown(live)).toBe(`≈ ${formatUsd(reserved ?? 0)} for 1 image`);
  });

  it('on the mock, where nothing is reserved, says the model has no price', () => {
    expect(estimateShown({ mode: 'mock', dialect: 'openrouter' })).toBe(
      'No price estimate for this model',
    );
  });
});
