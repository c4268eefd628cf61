import { LunosImageError } from '@lunos-image/core';
import { apiErrorAnswer } from '../catalogue/api-error-answer';
import { apiPath } from '../catalogue/api-path';
import { MockOptionsError } from '../errors/mock-options-error';
import type { Fixture, FixtureDialect } from '../fixture/fixture-schema';
import { chatRequestFacts } from './check-chat-request';
import { matchFixture } from './match-fixture';
import type { MockRoute } from './mock-types';

/**
 * The API's own error answer as a fixture, so it replays with the run's timing and faults; `route`
 * is the route it answers (chat unless given).
 */
export function errorFixture(
  status: number,
  dialect: FixtureDialect,
  message: string,
  param?: string,
  route: MockRoute = 'chat',
): Fixture {
  const answer = apiErrorAnswer(status, dialect, { message });
  const body = answer.body as { error: Record<string, unknown> };
  if (param && dialect === 'lunos') body.error.param = param;
  return {
    version: 1,
    id: `error/${status}`,
    source: 'reconstructed',
    dialect,
    request: { method: 'POST', path: apiPath(dialect, route), headers: {}, match: { on: [] } },
    response: {
      status,
      headers: answer.headers,
      headersAfterMs: 0,
      body: { kind: 'json', json: answer.body },
    },
  };
}

/** A model list answer as a fixture (the chat route's list unless `path` says otherwise). */
export function modelsFixture(
  dialect: FixtureDialect,
  json: unknown,
  path = apiPath(dialect, 'models'),
  id = `models/${dialect}`,
): Fixture {
  return {
    version: 1,
    id,
    source: 'reconstructed',
    dialect,
    request: { method: 'GET', path, headers: {}, match: { on: [] } },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      headersAfterMs: 120,
      body: { kind: 'json', json },
    },
  };
}

export function missingSet(id: string): never {
  throw new MockOptionsError(
    'fixture',
    `fixture "${id}" was asked for, but the mock has no fixtures`,
  );
}

/** Recorded error fixtures are matched on the raw body even though it fails validation. */
export function matchInvalid(
  fixtures: readonly Fixture[],
  body: unknown,
  dialect: FixtureDialect,
): Fixture | undefined {
  const facts = chatRequestFacts(body);
  if (!facts) return undefined;
  return matchFixture(
    fixtures.filter((f) => f.response.status >= 400),
    facts,
    dialect,
  );
}

/** The API's error answer for `status`, sent at once (no replay). */
export function errorResponse(
  status: number,
  dialect: FixtureDialect,
  message: string,
  metadata?: Record<string, unknown>,
): Response {
  const body = apiErrorAnswer(status, dialect, { message, ...(metadata ? { metadata } : {}) }).body;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A mock-side problem (unknown fixture id, bad steering header): 501 naming it, never a crash. */
export function mockError(error: unknown, dialect: FixtureDialect): Response {
  const known = LunosImageError.isInstance(error);
  const message = known ? (error as Error).message : `Mock failure: ${String(error)}`;
  return errorResponse(501, dialect, message, { mock: true });
}
